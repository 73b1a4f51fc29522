// The space a profile had selected last, kept in its data folder (profiles/<id>/workspace.json)
// so the next start can preselect it, and can open the profile offline with it when the
// platform cannot be reached (the cached tasks are per space). Only view-model fields, never a
// token. Written atomically (write-json-file.ts); read back through zod, and anything that does
// not match counts as "nothing saved" (it only preselects a space, so losing it is harmless).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonFile } from './write-json-file.ts';
import { spaceSchema, type Space } from '../ipc/contract.ts';

export const LAST_SPACE_FILE_NAME = 'workspace.json';

const lastSpaceFileSchema = z.object({
  version: z.literal(1),
  /** The organization the space belongs to (a profile may switch organizations in a session). */
  orgHandle: z.string().min(1),
  space: spaceSchema,
  savedAt: z.iso.datetime(),
});

export interface LastSpace {
  orgHandle: string;
  space: Space;
}

/** The saved space of the profile whose data folder is `dir`, or null (none, or unreadable). */
export async function readLastSpace(dir: string): Promise<LastSpace | null> {
  let text: string;
  try {
    text = await readFile(join(dir, LAST_SPACE_FILE_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = lastSpaceFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { orgHandle: parsed.data.orgHandle, space: parsed.data.space } : null;
  } catch {
    return null; // not JSON
  }
}

/** Saves the profile's selected space (creates the data folder if needed). */
export async function writeLastSpace(dir: string, last: LastSpace): Promise<void> {
  const file = lastSpaceFileSchema.parse({
    version: 1,
    orgHandle: last.orgHandle,
    space: last.space,
    savedAt: new Date().toISOString(),
  });
  await writeJsonFile(join(dir, LAST_SPACE_FILE_NAME), file);
}
