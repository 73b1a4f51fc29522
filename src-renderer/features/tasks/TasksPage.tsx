// The review screen: the calls of the current space (or of one agent) from the offline cache,
// with filters, search, a detail beside the list, an overview, sync and CSV export.
import { lazy, Suspense, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { CacheNotice, TaskScope } from '../../../src-main/ipc/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { afterFirstScreen } from '../../lib/firstScreen.ts';
import {
  useAgentsStore,
  usePreferencesStore,
  useStores,
  useTasksStore,
  useWorkspaceStore,
} from '../../stores/context.ts';
import {
  appliedFilters,
  hasActiveFilters,
  hasInvertedDates,
  scopeKeyOf,
  tasksSessionKey,
} from '../../stores/tasks.ts';
import { downloadUrl } from './download.ts';
import { ExportStatus } from './ExportStatus.tsx';
import { ImportFilterNote } from '../import/ImportFilterNote.tsx';
import { NewCallButton } from '../import/NewCallButton.tsx';
import { formatCount } from './format.ts';
import { takeOverEarlyTasks } from './openEarly.ts';
import { MakeOfflineControl } from '../player/MakeOfflineControl.tsx';
import { plural } from './plural.ts';
import { SEARCH_NOTE_ID, searchNote } from './searchNote.ts';
import { SyncBar } from './SyncBar.tsx';
import { TaskDetailPanel } from './TaskDetailPanel.tsx';
import { TaskFilters } from './TaskFilters.tsx';
import { TaskGrid } from './TaskGrid.tsx';
import './tasks.css';

// The charts library is large: loaded when the overview is first opened.
const OverviewPanel = lazy(() =>
  import('../overview/OverviewPanel.tsx').then((m) => ({ default: m.OverviewPanel })),
);

type View = 'calls' | 'overview';
const VIEWS: { id: View; label: string }[] = [
  { id: 'calls', label: 'Calls' },
  { id: 'overview', label: 'Overview' },
];

/**
 * The agents of the organization (for "Show the tasks of") and every agent name known, for the
 * Agent column and filter. The workspace state carries the names (draft agents' too, from the
 * space) before the first rows are asked for, so rows never show handles first; the agent list,
 * loaded after the first screen, adds any it names besides.
 */
function useAgentNames(): { agents: { handle: string; name: string }[]; names: Map<string, string> } {
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);
  const known = useWorkspaceStore((s) => s.state?.agentNames);
  const { items, status, key, load } = useAgentsStore();
  useEffect(() => {
    if (organization && (key !== organization || status === 'idle'))
      return afterFirstScreen(() => void load(organization));
  }, [organization, key, status, load]);
  // The list of another organization (still loading the new one's) names none of these agents.
  const listed = key === organization ? items : null;
  return useMemo(() => {
    const names = new Map((known ?? []).map((a) => [a.handle, a.name]));
    for (const a of listed ?? []) if (a.name) names.set(a.handle, a.name);
    const agents = new Map<string, string>();
    for (const a of listed ?? []) agents.set(a.handle, names.get(a.handle) ?? a.handle);
    // Agents the list leaves out (drafts) still have their tasks.
    for (const [handle, name] of names) if (!agents.has(handle)) agents.set(handle, name);
    return { agents: [...agents].map(([handle, name]) => ({ handle, name })), names };
  }, [known, listed]);
}

function ScopePicker({ agents }: { agents: { handle: string; name: string }[] }) {
  const space = useWorkspaceStore((s) => s.state?.space ?? null);
  const scope = useTasksStore((s) => s.scope);
  const setScope = useTasksStore((s) => s.setScope);
  const current = scopeKeyOf(scope) ?? '';
  const options: { key: string; label: string; scope: TaskScope }[] = [
    ...(space
      ? [
          {
            key: `space:${space.token}`,
            label: `Space: ${space.name}`,
            scope: { kind: 'space', spaceToken: space.token } as const,
          },
        ]
      : []),
    ...agents.map((a) => ({
      key: `agent:${a.handle}`,
      label: `Agent: ${a.name}`,
      scope: { kind: 'agent', agentHandle: a.handle } as const,
    })),
  ];
  if (scope && !options.some((o) => o.key === current)) {
    options.unshift({
      key: current,
      label: scope.kind === 'agent' ? `Agent: ${scope.agentHandle}` : 'This space',
      scope,
    });
  }
  return (
    <div className="field scope-picker">
      <label htmlFor="task-scope">Show the tasks of</label>
      <select
        id="task-scope"
        value={current}
        onChange={(e) => setScope(options.find((o) => o.key === e.target.value)?.scope ?? null)}
      >
        {options.length === 0 && <option value="">Choose a space first</option>}
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const NOTICE_TITLES: Record<CacheNotice['kind'], string> = {
  recovered: 'The saved task data was rebuilt',
  restarted: 'The saved task data was restarted',
  unavailable: 'The saved task data stopped working',
};

function CacheNoticeBanner() {
  const notice = useTasksStore((s) => s.notice);
  const dismissed = useTasksStore((s) => s.dismissedNotice);
  const dismiss = useTasksStore((s) => s.dismissNotice);
  if (!notice || notice.id === dismissed) return null;
  return (
    <div role="alert" className="notice notice--warning">
      <div className="notice__body">
        <p className="notice__title">{NOTICE_TITLES[notice.kind]}</p>
        <p>{notice.message}</p>
      </div>
      <div className="notice__actions">
        <button type="button" className="button button--quiet" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** "1,234 tasks match the filters", "1 task matches the filters", "400 tasks". */
function countLine(total: number, filtered: boolean): string {
  const tasks = `${formatCount(total)} ${plural(total, 'task', 'tasks')}`;
  return filtered ? `${tasks} ${plural(total, 'matches', 'match')} the filters` : tasks;
}

function ResultLine() {
  const total = useTasksStore((s) => s.total);
  const filters = useTasksStore((s) => s.filters);
  const scope = useTasksStore((s) => s.scope);
  const searchKind = useTasksStore((s) => s.searchKind);
  const notYetSearchable = useTasksStore((s) => s.notYetSearchable);
  const error = useTasksStore((s) => s.error);
  const inverted = useTasksStore((s) => hasInvertedDates(s.filters));
  const exporting = useTasksStore((s) => s.exporting);
  const exportError = useTasksStore((s) => s.exportError);
  const exportCsv = useTasksStore((s) => s.exportCsv);
  const filtered = hasActiveFilters(appliedFilters(filters, searchKind));
  const note = searchNote({
    search: filters.search,
    searchKind,
    otherFilters: hasActiveFilters({ ...filters, search: '' }),
    error,
    notYetSearchable,
  });
  // A query main refused or could not read never leaves the line on "Reading…".
  const unread =
    error === null
      ? 'Reading saved tasks…'
      : error.code === 'invalid_input'
        ? 'No tasks shown: these filters cannot be used.'
        : 'No tasks shown: the saved tasks could not be read.';
  return (
    <div className="task-results">
      <p role="status" aria-label="Tasks shown" className="result-count">
        {inverted
          ? 'No tasks: the date range ends before it starts'
          : total === null
            ? unread
            : countLine(total, filtered)}
      </p>
      {/* Always present, so screen readers announce a note as it appears. */}
      <p id={SEARCH_NOTE_ID} role="status" className="task-results__note">
        {note}
      </p>
      {exportError && (
        <p className="task-results__error" role="alert">
          Export failed: {exportError.message}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={exporting || !total || undefined}
        onClick={() => {
          if (exporting || !total) return;
          void exportCsv().then((file) => {
            if (file) downloadUrl(file.filename, file.url);
          });
        }}
      >
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      <ExportStatus />
      <MakeOfflineControl scope={scope} filters={filters} disabled={!total} />
    </div>
  );
}

function CallsView({ names }: { names: Map<string, string> }) {
  const total = useTasksStore((s) => s.total);
  const scopeKind = useTasksStore((s) => s.scope?.kind);
  const filtered = useTasksStore((s) => hasActiveFilters(s.filters));
  const inverted = useTasksStore((s) => hasInvertedDates(s.filters));
  const lastSyncedAt = useTasksStore((s) => s.lastSyncedAt);
  const syncing = useTasksStore((s) => s.sync?.phase === 'running');
  const clearFilters = useTasksStore((s) => s.clearFilters);
  return (
    <>
      <TaskFilters agentNames={names} />
      <ImportFilterNote />
      <ResultLine />
      <div className="tasks-split">
        <div className="tasks-split__list">
          {total === 0 ? (
            <div className="empty">
              {inverted ? (
                <p>“Created to” is before “Created from”. Swap the dates, or clear one of them.</p>
              ) : filtered ? (
                <>
                  <p>No tasks match these filters.</p>
                  <button type="button" className="button button--secondary" onClick={clearFilters}>
                    Clear filters
                  </button>
                </>
              ) : syncing ? (
                <p>Downloading the tasks…</p>
              ) : lastSyncedAt === null ? (
                <p>
                  Nothing saved for this {scopeKind === 'agent' ? 'agent' : 'space'} yet. Sync to download its
                  tasks.
                </p>
              ) : (
                <p>This {scopeKind === 'agent' ? 'agent has' : 'space has'} no tasks yet.</p>
              )}
            </div>
          ) : (
            <TaskGrid agentNames={names} />
          )}
          <p id="task-grid-keys" className="tasks-split__keys">
            In the list: ↑ ↓ or j k move between tasks, ← → between a task's cells, Page Up/Down jump,
            Home/End go to the first or last.
          </p>
        </div>
        <TaskDetailPanel agentNames={names} />
      </div>
    </>
  );
}

export function TasksPage() {
  const space = useWorkspaceStore((s) => s.state?.space ?? null);
  const sessionKey = useWorkspaceStore((s) => tasksSessionKey(s.state));
  const scope = useTasksStore((s) => s.scope);
  const error = useTasksStore((s) => s.error);
  const { tasks } = useStores();
  const { setScope, revalidate, reset, followEvents } = tasks.getState();
  const { agents, names } = useAgentNames();
  const [view, setView] = useState<View>('calls');
  const loadPreferences = usePreferencesStore((s) => s.load);
  useEffect(() => loadPreferences(), [loadPreferences]);

  // Main's events (sync progress, changed rows, notices) while the page is open; rows saved
  // while it was closed are picked up on return.
  useEffect(() => {
    const openedEarly = takeOverEarlyTasks(tasks);
    const stop = followEvents();
    if (!openedEarly) revalidate();
    return stop;
  }, [tasks, revalidate, followEvents]);

  // Another workspace: nothing of the previous one stays. Another space: its list.
  useEffect(() => {
    reset(sessionKey);
  }, [sessionKey, reset]);
  const spaceToken = space?.token ?? null;
  useEffect(() => {
    const current = tasks.getState().scope;
    if (spaceToken && (current === null || current.kind === 'space')) {
      setScope({ kind: 'space', spaceToken });
    } else if (!spaceToken && current?.kind === 'space') {
      setScope(null); // no space chosen: no space's list
    }
  }, [spaceToken, sessionKey, setScope, tasks]);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = view === 'calls' ? 'overview' : 'calls';
    setView(next);
    document.getElementById(`tasks-tab-${next}`)?.focus();
  }

  const description =
    scope?.kind === 'agent'
      ? 'The calls this agent placed, from the saved copy: it stays readable offline.'
      : space
        ? `The calls placed in ${space.name}, from the saved copy: it stays readable offline.`
        : 'Choose a space in the bar above to see its calls.';

  return (
    <div className="tasks-page">
      <PageHeader
        title="Tasks"
        description={description}
        actions={
          <>
            <NewCallButton />
            <ScopePicker agents={agents} />
          </>
        }
      />
      <CacheNoticeBanner />
      {/* Refused filters are explained beside the count: retrying would only repeat them. */}
      {error && error.code !== 'invalid_input' && (
        <ErrorNotice title="Could not read the saved tasks" error={error} onRetry={() => revalidate()} />
      )}
      {scope === null ? (
        <div className="empty">
          <p>Choose a space (or an agent) to see its tasks.</p>
        </div>
      ) : (
        <>
          <div className="tasks-bar">
            <div role="tablist" aria-label="Task views" className="tasks-tabs">
              {VIEWS.map((v) => (
                <button
                  key={v.id}
                  id={`tasks-tab-${v.id}`}
                  type="button"
                  role="tab"
                  aria-selected={view === v.id}
                  aria-controls={`tasks-panel-${v.id}`}
                  tabIndex={view === v.id ? 0 : -1}
                  className="tasks-tabs__tab"
                  onClick={() => setView(v.id)}
                  onKeyDown={onTabKey}
                >
                  {v.label}
                </button>
              ))}
            </div>
            <SyncBar />
          </div>
          <div
            role="tabpanel"
            id={`tasks-panel-${view}`}
            aria-labelledby={`tasks-tab-${view}`}
            className="tasks-panel"
          >
            {view === 'calls' ? (
              <CallsView names={names} />
            ) : (
              <Suspense fallback={<LoadingStatus>Loading the overview…</LoadingStatus>}>
                <OverviewPanel scope={scope} agentNames={names} />
              </Suspense>
            )}
          </div>
        </>
      )}
    </div>
  );
}
