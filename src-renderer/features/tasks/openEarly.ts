// When the app opens on the task list, its first page is asked for as soon as main names the
// workspace, not from the page's effects once the whole frame has rendered: main reads the rows
// while the renderer builds the frame. The lists that only feed pickers and menus wait until
// those rows are painted (see lib/firstScreen.ts).
import type { WorkspaceState } from '../../../src-main/ipc/contract.ts';
import { holdSecondaryLoads } from '../../lib/firstScreen.ts';
import type { AppStores } from '../../stores/registry.ts';
import { tasksSessionKey, type TasksStore, type TasksStoreApi } from '../../stores/tasks.ts';

/** Resolves when the list's current query has its first answer (rows or an error), or is replaced. */
function firstAnswer(tasks: TasksStoreApi): Promise<void> {
  const { version } = tasks.getState();
  const answered = (s: TasksStore) => s.version !== version || s.total !== null || s.error !== null;
  return new Promise((resolve) => {
    if (answered(tasks.getState())) return resolve();
    const stop = tasks.subscribe((s) => {
      if (!answered(s)) return;
      stop();
      resolve();
    });
  });
}

/** Points the task list at the workspace's space, as TasksPage does when it mounts. */
function openTasks(tasks: TasksStoreApi, state: WorkspaceState): void {
  tasks.getState().reset(tasksSessionKey(state));
  const current = tasks.getState().scope;
  if (!state.space || (current !== null && current.kind !== 'space')) return;
  // Main's task events, followed from this request until TasksPage takes them over.
  tasks.getState().followEventsEarly();
  tasks.getState().setScope({ kind: 'space', spaceToken: state.space.token });
  holdSecondaryLoads(firstAnswer(tasks));
}

/** Watches for the first workspace state; returns the undo. Call before the state is asked for. */
export function startTasksEarly({ workspace, navigation, tasks }: AppStores): () => void {
  return workspace.subscribe((now, before) => {
    if (before.state !== null || now.state === null || now.state.kind === 'none') return;
    if (navigation.getState().page === 'tasks') openTasks(tasks, now.state);
  });
}

/**
 * For TasksPage on mount: ends the early event subscription (the page follows the events from
 * now on). True when the list was opened early: its rows are as fresh as can be.
 */
export const takeOverEarlyTasks = (tasks: TasksStoreApi): boolean => tasks.getState().takeOverEarlyEvents();
