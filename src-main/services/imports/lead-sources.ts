// Until the file-reading side is wired in (src-main/imports/read), no dropped file can be opened:
// an import of a file says so plainly. "New call" does not need it.
import { AppError } from '../../ipc/errors.ts';
import type { OpenLeadSource } from './imports-service.ts';

export const noLeadSources: OpenLeadSource = () =>
  Promise.reject(
    new AppError('not_found', 'This file is no longer available to import. Drop or choose it again.'),
  );
