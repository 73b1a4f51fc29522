// The task and sync channels → the tasks service. The router has already validated the input.
import type { Handlers } from '../../ipc/router.ts';
import type { TasksService } from './tasks-service.ts';

type TaskChannel =
  | 'tasks.query'
  | 'tasks.get'
  | 'tasks.overview'
  | 'tasks.exportCsv'
  | 'tasks.cancelExport'
  | 'sync.start'
  | 'sync.cancel'
  | 'sync.status';

export function createTaskHandlers(
  tasks: Pick<
    TasksService,
    'query' | 'get' | 'overview' | 'exportCsv' | 'cancelExport' | 'startSync' | 'cancelSync' | 'syncStatus'
  >,
): Pick<Handlers, TaskChannel> {
  return {
    'tasks.query': (input) => tasks.query(input),
    'tasks.get': ({ id }) => tasks.get(id),
    'tasks.overview': (input) => tasks.overview(input),
    'tasks.exportCsv': (input) => tasks.exportCsv(input),
    'tasks.cancelExport': ({ id }) => Promise.resolve(tasks.cancelExport(id)),
    'sync.start': ({ scope, mode }) => tasks.startSync(scope, mode),
    'sync.cancel': ({ scope }) => tasks.cancelSync(scope),
    'sync.status': ({ scope }) => tasks.syncStatus(scope),
  };
}
