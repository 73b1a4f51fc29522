// Writing the app's small JSON files (profiles, the last space, saved lists) so that a crash or a
// power cut leaves either the old file or the new one, never half of one: the text goes to a temp
// file in the same folder, is synced to disk, and replaces the file by rename. Readable by the
// user only: these files name the user's organizations and spaces.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `value` as pretty JSON to `filePath` atomically (creates the folder if needed). */
export async function writeJsonFile(filePath: string, value: unknown): Promise<void> {
  const dir = dirname(filePath);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(filePath)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(value, null, 2) + '\n', 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable where the platform allows syncing a folder (not on Windows).
  if (process.platform !== 'win32') {
    const dirHandle = await open(dir, 'r').catch(() => null);
    await dirHandle?.sync().catch(() => undefined);
    await dirHandle?.close().catch(() => undefined);
  }
}
