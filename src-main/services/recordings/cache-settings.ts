// The recordings cache's size limit, set in Settings: one for the app (every workspace's folder
// is held to it), kept in <dataDir>/recordings.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RECORDINGS_LIMIT_BYTES, MAX_RECORDINGS_LIMIT_BYTES } from '../../ipc/contract-recordings.ts';
import { writeJsonFile } from '../write-json-file.ts';

// The channel holds users to MIN_RECORDINGS_LIMIT_BYTES; tests set smaller limits on the service.
const settingsSchema = z.object({
  limitBytes: z.number().int().positive().max(MAX_RECORDINGS_LIMIT_BYTES),
});

export const settingsPathOf = (dataDir: string): string => path.join(dataDir, 'recordings.json');

/** The saved limit; the default when there is none or the file is unreadable. */
export async function readLimit(dataDir: string): Promise<number> {
  try {
    return settingsSchema.parse(JSON.parse(await readFile(settingsPathOf(dataDir), 'utf8'))).limitBytes;
  } catch {
    return DEFAULT_RECORDINGS_LIMIT_BYTES;
  }
}

export async function saveLimit(dataDir: string, limitBytes: number): Promise<void> {
  await writeJsonFile(settingsPathOf(dataDir), settingsSchema.parse({ limitBytes }));
}
