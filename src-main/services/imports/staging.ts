// Files staged for import: a path from Electron's preload (checked: exists, a regular file,
// readable, not too large) or a browser upload streamed by the web host into a temporary file.
// Both end as the same source (imports/read/source-registry.ts). Temporary files live in one
// folder of the app's data, emptied at start and at close, so a crash leaves nothing behind for
// long.
import { randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { StagedFile } from '../../ipc/contract-import-files.ts';
import { AppError } from '../../ipc/errors.ts';
import { registerSource, releaseSource } from '../../imports/read/index.ts';

/** A file the desktop app reads where it is: beyond this it is not a lead list. */
export const STAGE_MAX_BYTES = 512 * 1024 * 1024;
/** What the web host takes over HTTP (it copies the file first). */
export const UPLOAD_MAX_BYTES = 256 * 1024 * 1024;

export const STAGING_DIR_NAME = 'import-staging';

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

export function tooLargeMessage(size: number | null, limit: number): string {
  return `${size === null ? 'This file' : `This file (${megabytes(size)})`} is larger than the ${megabytes(limit)} a lead file may have: split it into smaller files and import them one after the other.`;
}

export class UploadTooLargeError extends AppError {
  constructor(size: number | null, limit: number) {
    super('bad_request', tooLargeMessage(size, limit));
  }
}

export interface Staging {
  readonly dir: string;
  /** Empties the staging folder (at start: what a crash left). */
  reset(): Promise<void>;
  stagePath(path: string): Promise<StagedFile>;
  /** Streams an upload into a temporary file; rejects with UploadTooLargeError past the limit. */
  stageUpload(body: Readable, name: string, declaredSize: number | null): Promise<StagedFile>;
  /** A fresh temporary path in the staging folder (exports to download). */
  temporaryPath(suffix: string): Promise<string>;
  release(sourceId: string): Promise<void>;
  close(): Promise<void>;
}

export function createStaging({
  dataDir,
  uploadLimit = UPLOAD_MAX_BYTES,
}: {
  dataDir: string;
  uploadLimit?: number;
}): Staging {
  const dir = join(dataDir, STAGING_DIR_NAME);
  const issued = new Set<string>();

  async function temporaryPath(suffix: string): Promise<string> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return join(dir, `${randomUUID()}${suffix}`);
  }

  return {
    dir,
    async reset() {
      await rm(dir, { recursive: true, force: true });
    },

    async stagePath(path) {
      let info;
      try {
        info = await stat(path);
      } catch {
        throw new AppError('not_found', `“${basename(path)}” is no longer there: it was moved or deleted.`);
      }
      if (!info.isFile()) {
        throw new AppError(
          'bad_request',
          `“${basename(path)}” is a folder or a device, not a file: choose a CSV file.`,
        );
      }
      try {
        await access(path, constants.R_OK);
      } catch {
        throw new AppError(
          'bad_request',
          `“${basename(path)}” cannot be read: check that you are allowed to open it.`,
        );
      }
      if (info.size > STAGE_MAX_BYTES)
        throw new AppError('bad_request', tooLargeMessage(info.size, STAGE_MAX_BYTES));
      const source = registerSource({ path, name: basename(path), size: info.size, temporary: false });
      issued.add(source.id);
      return { sourceId: source.id, name: source.name, size: source.size };
    },

    async stageUpload(body, name, declaredSize) {
      if (declaredSize !== null && declaredSize > uploadLimit)
        throw new UploadTooLargeError(declaredSize, uploadLimit);
      const path = await temporaryPath('.upload');
      let size = 0;
      try {
        await pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              if (size > uploadLimit) throw new UploadTooLargeError(declaredSize, uploadLimit);
              yield chunk;
            }
          },
          createWriteStream(path, { mode: 0o600 }),
        );
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      const source = registerSource({ path, name: basename(name) || 'upload.csv', size, temporary: true });
      issued.add(source.id);
      return { sourceId: source.id, name: source.name, size };
    },

    temporaryPath,

    async release(sourceId) {
      issued.delete(sourceId);
      await releaseSource(sourceId);
    },

    async close() {
      await Promise.all([...issued].map((id) => releaseSource(id)));
      issued.clear();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
