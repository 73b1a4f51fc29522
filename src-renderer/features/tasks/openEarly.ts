// When the app opens on the task list, its first page is asked for as soon as main names the
// workspace, not from the page's effects once the whole frame has rendered: main reads the rows
// while the renderer builds the frame. The lists that only feed pickers and menus wait until
// those rows are painted (see lib/firstScreen.ts).
import type { WorkspaceState } from '../../../src-main/ipc/contract.ts';
import { holdSecondaryLoads } from '../../lib/firstScreen.ts';
import { useNavigationStore } from '../../stores/navigation.ts';
import { followTaskEvents, tasksSessionKey, useTasksStore, type TasksStore } from '../../stores/tasks.ts';
import { useWorkspaceStore } from '../../stores/workspace.ts';

/**
 * Main's task events, followed from the early request until TasksPage takes them over, so a
 * change reported in between is not missed.
 */
let stopEarlyEvents: (() => void) | null = null;

/** Resolves when the list's current query has its first answer (rows or an error), or is replaced. */
function firstAnswer(): Promise<void> {
  const { version } = useTasksStore.getState();
  const answered = (s: TasksStore) => s.version !== version || s.total !== null || s.error !== null;
  return new Promise((resolve) => {
    if (answered(useTasksStore.getState())) return resolve();
    const stop = useTasksStore.subscribe((s) => {
      if (!answered(s)) return;
      stop();
      resolve();
    });
  });
}

/** Points the task list at the workspace's space, as TasksPage does when it mounts. */
function openTasks(state: WorkspaceState): void {
  const tasks = useTasksStore.getState();
  tasks.reset(tasksSessionKey(state));
  const current = useTasksStore.getState().scope;
  if (!state.space || (current !== null && current.kind !== 'space')) return;
  stopEarlyEvents ??= followTaskEvents();
  tasks.setScope({ kind: 'space', spaceToken: state.space.token });
  holdSecondaryLoads(firstAnswer());
}

/** Watches for the first workspace state; returns the undo. Call before the state is asked for. */
export function startTasksEarly(): () => void {
  return useWorkspaceStore.subscribe((now, before) => {
    if (before.state !== null || now.state === null || now.state.kind === 'none') return;
    if (useNavigationStore.getState().page === 'tasks') openTasks(now.state);
  });
}

/**
 * For TasksPage on mount: ends the early event subscription (the page follows the events from
 * now on). True when the list was opened early: its rows are as fresh as can be.
 */
export function takeOverEarlyTasks(): boolean {
  if (!stopEarlyEvents) return false;
  stopEarlyEvents();
  stopEarlyEvents = null;
  return true;
}
