// The files staged for import in this process: a sourceId names a file main may read (a path the
// user dropped or chose in Electron, or a temporary copy the web host received). Only ids issued
// here are read, so a renderer can never make main read a path it picked itself.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';

export interface ImportSource {
  id: string;
  path: string;
  /** The file's name as the user knows it. */
  name: string;
  size: number;
  /** A temporary copy this process made (removed with the source); false for the user's own file. */
  temporary: boolean;
}

const sources = new Map<string, ImportSource>();

export function registerSource(source: Omit<ImportSource, 'id'>): ImportSource {
  const entry = { ...source, id: randomUUID() };
  sources.set(entry.id, entry);
  return entry;
}

export function getSource(id: string): ImportSource | undefined {
  return sources.get(id);
}

/** Forgets a source; its temporary copy, if any, is removed. */
export async function releaseSource(id: string): Promise<void> {
  const source = sources.get(id);
  if (!source) return;
  sources.delete(id);
  if (source.temporary) await rm(source.path, { force: true });
}

export async function releaseAllSources(): Promise<void> {
  await Promise.all([...sources.keys()].map(releaseSource));
}
