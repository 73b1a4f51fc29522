// The lead import's channels (contract-imports.ts) → the imports service.
import type { Handlers } from '../../ipc/router.ts';
import type { ImportSendService } from './send-service.ts';

type ImportHandlers = Pick<
  Handlers,
  | 'imports.start'
  | 'imports.pause'
  | 'imports.resume'
  | 'imports.cancel'
  | 'imports.list'
  | 'imports.get'
  | 'imports.rows'
  | 'imports.retryFailed'
  | 'imports.resolve'
  | 'calls.create'
>;

export function createImportSendHandlers(imports: ImportSendService): ImportHandlers {
  return {
    'imports.start': (input) => imports.start(input),
    'imports.pause': ({ importId }) => imports.pause(importId),
    'imports.resume': ({ importId }) => imports.resume(importId),
    'imports.cancel': ({ importId }) => imports.cancel(importId),
    'imports.list': ({ limit }) => imports.list(limit),
    'imports.get': ({ importId }) => imports.get(importId),
    'imports.rows': (input) => imports.rows(input),
    'imports.retryFailed': ({ importId }) => imports.retryFailed(importId),
    'imports.resolve': (input) => imports.resolve(input),
    'calls.create': (input) => imports.createCall(input),
  };
}
