// How the user arranged the app (for now: the widths they gave the task list's columns), kept in
// the data folder (preferences.json) so it survives a restart. Nothing in it is secret or tied to a
// profile: it describes the person at this computer, not an account.
//
// Written atomically (write-json-file.ts), one write at a time. Read back through zod, each
// preference on its own: one that is missing or does not match falls back to its default (logged
// once), so a damaged file never keeps the app from starting and costs at most a layout.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { preferencesSchema, type Preferences } from '../ipc/contract.ts';
import type { Logger } from '../log/index.ts';
import { writeJsonFile } from './write-json-file.ts';

export const PREFERENCES_FILE_NAME = 'preferences.json';

const defaults = (): Preferences => ({ taskColumnWidths: {} });

const fileSchema = z.object({
  version: z.literal(1),
  preferences: preferencesSchema,
});

/** What a file on disk may hold: each preference falls back to its default on its own. */
const lenientFileSchema = z.object({
  version: z.literal(1),
  preferences: z.object({
    taskColumnWidths: preferencesSchema.shape.taskColumnWidths.catch(() => defaults().taskColumnWidths),
  }),
});

export interface PreferencesService {
  get(): Promise<Preferences>;
  /** Replaces the preferences given (each one whole) and saves; resolves with all of them. */
  set(patch: Partial<Preferences>): Promise<Preferences>;
  /** Waits for a save in flight; later sets change nothing on disk. */
  close(): Promise<void>;
}

export function createPreferencesService({
  dataDir,
  logger,
}: {
  dataDir: string;
  logger: Logger;
}): PreferencesService {
  const path = join(dataDir, PREFERENCES_FILE_NAME);
  let current: Preferences | null = null;
  let closed = false;

  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<Preferences> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        logger.warn('the preferences could not be read; the defaults are used', {
          file: path,
          reason: error,
        });
      }
      return defaults();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      logger.warn('the preferences file is not JSON; the defaults are used', { file: path, reason: error });
      return defaults();
    }
    const strict = fileSchema.safeParse(json);
    if (strict.success) return strict.data.preferences;
    const lenient = lenientFileSchema.safeParse(json);
    logger.warn('some preferences could not be read; those use their defaults', {
      file: path,
      reason: strict.error.issues.slice(0, 3),
    });
    return lenient.success ? lenient.data.preferences : defaults();
  }

  const loaded = async (): Promise<Preferences> => (current ??= await load());

  return {
    get: () => serialized(loaded),
    set: (patch) =>
      serialized(async () => {
        const next = preferencesSchema.parse({ ...(await loaded()), ...patch });
        if (closed) return next;
        await writeJsonFile(path, fileSchema.parse({ version: 1, preferences: next }));
        current = next;
        return next;
      }),
    close: () => {
      closed = true;
      return serialized(async () => undefined);
    },
  };
}
