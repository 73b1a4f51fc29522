// The lead-file channels (imports.stagePath, .preview, .exportProblems, .release). The web host
// refuses a path: its page cannot know one, and main must not read a path a page typed.
import { AppError } from '../../ipc/errors.ts';
import type { Handlers } from '../../ipc/router.ts';
import type { ImportsService } from './imports-service.ts';

type ImportFileChannel =
  'imports.stagePath' | 'imports.preview' | 'imports.exportProblems' | 'imports.release';

export function createImportFileHandlers(
  imports: Pick<ImportsService, 'stagePath' | 'preview' | 'exportProblems' | 'release'>,
  host: 'electron' | 'web',
): Pick<Handlers, ImportFileChannel> {
  return {
    'imports.stagePath': ({ path }) => {
      if (host !== 'electron') {
        return Promise.reject(
          new AppError('bad_request', 'In the browser, files are uploaded: drop or choose the file again.'),
        );
      }
      return imports.stagePath(path);
    },
    'imports.preview': (input) => imports.preview(input),
    'imports.exportProblems': (input) => imports.exportProblems(input),
    'imports.release': ({ sourceId }) => imports.release(sourceId),
  };
}
