// UNPOD_DESK_USER_DATA (tests, or a second separate profile) read into the absolute folder
// Electron needs: app.setPath throws on a relative path, and a folder that does not exist yet
// is created before anything (the single-instance lock, the log) is put in it.
import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The absolute folder for a given value, relative ones read from `cwd`; null when none is given. */
export function resolveUserDataDir(value: string | undefined, cwd: string): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(cwd, trimmed);
}

/** Resolves and creates the folder; returns it, or null when the variable is not set. */
export function prepareUserDataDir(value: string | undefined, cwd: string): string | null {
  const dir = resolveUserDataDir(value, cwd);
  if (dir !== null) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
