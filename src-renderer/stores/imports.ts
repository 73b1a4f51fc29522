// The lead imports as the Import page and the top bar show them: the import being sent (its
// latest progress), the one that just ended (the page's own notice: the web host has no desktop
// notification), the history with counts, the rows of one import, and the actions that steer
// them. Main's journal is the truth: every action applies the summary it answers, and the
// `imports.progress` / `imports.finished` events (followImports) keep the rest current.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ChannelInput,
  IpcError,
  IpcResult,
  UnpodApi,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import type { ImportProgress, ImportRow, ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import { settle } from '../lib/ipc.ts';
import type { WorkspaceStore } from './workspace.ts';

export type ImportAction = 'pause' | 'resume' | 'cancel' | 'retryFailed' | 'resolve';

export interface ImportRowsView {
  importId: string;
  /** Only the rows waiting for the user's choice (unknown after every reconciliation try). */
  undecidedOnly: boolean;
  status: 'loading' | 'ready' | 'error';
  rows: ImportRow[];
  total: number;
  error: IpcError | null;
}

export interface ImportsStore {
  /** The import being sent (running or paused), or null. */
  current: ImportSummary | null;
  /** Its latest progress, or null before the first event. */
  progress: ImportProgress | null;
  /** An import that ended while this window was open, until the user dismisses the notice. */
  ended: ImportSummary | null;
  historyStatus: 'idle' | 'loading' | 'ready' | 'error';
  history: ImportSummary[];
  historyError: IpcError | null;
  rows: ImportRowsView | null;
  busy: { action: ImportAction; importId: string } | null;
  actionError: { action: ImportAction; error: IpcError } | null;

  loadHistory(): Promise<void>;
  /** An import started from this window (imports.start / calls.create answered). */
  follow(summary: ImportSummary): void;
  applyProgress(progress: ImportProgress): void;
  applyFinished(summary: ImportSummary): void;
  pause(importId: string): Promise<void>;
  resume(importId: string): Promise<void>;
  cancel(importId: string): Promise<void>;
  retryFailed(importId: string): Promise<void>;
  resolve(importId: string, action: 'send_again' | 'do_not_send', rows?: number[]): Promise<void>;
  /** "New call": one lead typed by hand, sent through the journal as a one-row import. */
  createCall(input: ChannelInput<'calls.create'>): Promise<IpcResult<ImportSummary>>;
  showRows(importId: string, undecidedOnly?: boolean): Promise<void>;
  hideRows(): void;
  dismissEnded(): void;
  /** Forgets everything (another workspace opened). */
  reset(): void;
}

export type ImportsApi = Pick<UnpodApi, 'imports' | 'calls'>;

const isActive = (summary: ImportSummary): boolean =>
  summary.state === 'running' || summary.state === 'paused';

const ROWS_PAGE = 500;

/** What the store holds before a workspace's imports are known (and again after a reset). */
const noImports = (): Pick<
  ImportsStore,
  | 'current'
  | 'progress'
  | 'ended'
  | 'historyStatus'
  | 'history'
  | 'historyError'
  | 'rows'
  | 'busy'
  | 'actionError'
> => ({
  current: null,
  progress: null,
  ended: null,
  historyStatus: 'idle',
  history: [],
  historyError: null,
  rows: null,
  busy: null,
  actionError: null,
});

export function createImportsStore(api: ImportsApi): StoreApi<ImportsStore> {
  // Bumped by reset, so answers meant for a previous workspace are dropped.
  let generation = 0;
  let latestHistory = 0;
  let latestRows = 0;

  return createStore<ImportsStore>()((set, get) => {
    /** Puts a newer summary of an import wherever the store shows it. */
    function applySummary(summary: ImportSummary): void {
      const { current, history, ended } = get();
      const known = history.some((item) => item.id === summary.id);
      set({
        history: known
          ? history.map((item) => (item.id === summary.id ? summary : item))
          : [summary, ...history],
        current:
          current?.id === summary.id
            ? isActive(summary)
              ? summary
              : null
            : current === null && isActive(summary)
              ? summary
              : current,
        ended: ended?.id === summary.id ? summary : ended,
      });
      if (get().current === null) set({ progress: null });
    }

    async function act(
      action: ImportAction,
      importId: string,
      call: () => Promise<IpcResult<ImportSummary>>,
    ): Promise<void> {
      const at = generation;
      set({ busy: { action, importId }, actionError: null });
      const result = await settle(call);
      if (at !== generation) return;
      set({ busy: null });
      if (!result.ok) {
        set({ actionError: { action, error: result.error } });
        return;
      }
      applySummary(result.data);
      // A retry or a choice sends rows again: the page follows that import's progress.
      if (isActive(result.data) && get().current === null) set({ current: result.data });
      const rows = get().rows;
      if (rows?.importId === importId) void get().showRows(importId, rows.undecidedOnly);
    }

    return {
      ...noImports(),

      async loadHistory() {
        const at = generation;
        const request = ++latestHistory;
        set({ historyStatus: 'loading', historyError: null });
        const result = await settle(() => api.imports.list({}));
        if (at !== generation || request !== latestHistory) return;
        if (!result.ok) {
          set({ historyStatus: 'error', historyError: result.error });
          return;
        }
        const active = result.data.find(isActive) ?? null;
        const { current } = get();
        set({
          historyStatus: 'ready',
          history: result.data,
          // After a restart a journal's unfinished import carries on: the page follows it.
          current: current ?? active,
        });
      },

      follow(summary) {
        set({ ended: null, current: null, progress: null });
        applySummary(summary);
        if (isActive(summary)) set({ current: summary });
      },

      applyProgress(progress) {
        const still = progress.state === 'running' || progress.state === 'paused';
        const { current, history } = get();
        if (current?.id === progress.importId) {
          set({
            progress: still ? progress : null,
            current: still ? { ...current, state: progress.state, message: progress.message } : null,
          });
          return;
        }
        // One import is followed at a time; the other's progress shows in its history row.
        if (current !== null || !still) return;
        // An import this window did not start (resumed after a restart, another window's).
        const known = history.find((item) => item.id === progress.importId);
        if (known) set({ current: { ...known, state: progress.state }, progress });
        else void get().loadHistory();
      },

      applyFinished(summary) {
        applySummary(summary);
        set({ ended: summary });
        if (get().current?.id === summary.id) set({ current: null, progress: null });
      },

      pause: (importId) => act('pause', importId, () => api.imports.pause({ importId })),
      resume: (importId) => act('resume', importId, () => api.imports.resume({ importId })),
      cancel: (importId) => act('cancel', importId, () => api.imports.cancel({ importId })),
      retryFailed: (importId) => act('retryFailed', importId, () => api.imports.retryFailed({ importId })),
      resolve: (importId, action, rows = []) =>
        act('resolve', importId, () => api.imports.resolve({ importId, action, rows })),

      async createCall(input) {
        const at = generation;
        const result = await settle(() => api.calls.create(input));
        if (result.ok && at === generation) applySummary(result.data);
        return result;
      },

      async showRows(importId, undecidedOnly = false) {
        const at = generation;
        const request = ++latestRows;
        const before = get().rows;
        const same = before?.importId === importId && before.undecidedOnly === undecidedOnly;
        set({
          rows: {
            importId,
            undecidedOnly,
            status: 'loading',
            rows: same ? before.rows : [],
            total: same ? before.total : 0,
            error: null,
          },
        });
        const result = await settle(() =>
          api.imports.rows({ importId, undecidedOnly, offset: 0, limit: ROWS_PAGE }),
        );
        if (at !== generation || request !== latestRows) return;
        set({
          rows: result.ok
            ? { importId, undecidedOnly, status: 'ready', ...result.data, error: null }
            : { importId, undecidedOnly, status: 'error', rows: [], total: 0, error: result.error },
        });
      },

      hideRows() {
        latestRows++;
        set({ rows: null });
      },

      dismissEnded: () => set({ ended: null }),

      reset() {
        generation++;
        set(noImports());
      },
    };
  });
}

/** Which workspace the history belongs to (its journal is the workspace's database), or null. */
export function importsWorkspaceKey(workspace: StoreApi<WorkspaceStore>): WorkspaceKey {
  const keyOf = (state: WorkspaceState | null): string | null =>
    state === null || state.kind === 'none' ? null : `${state.kind}:${state.profileId ?? ''}`;
  return {
    current: () => keyOf(workspace.getState().state),
    subscribe: (listener) => workspace.subscribe(listener),
  };
}

export interface WorkspaceKey {
  current(): string | null;
  subscribe(listener: () => void): () => void;
}

/** Follows main's import events and the workspace; returns the undo. */
export function followImports(
  imports: StoreApi<ImportsStore>,
  api: Pick<UnpodApi, 'on'>,
  workspaceKey: WorkspaceKey,
): () => void {
  let key = workspaceKey.current();
  const reload = () => {
    imports.getState().reset();
    if (key !== null) void imports.getState().loadHistory();
  };
  if (key !== null) void imports.getState().loadHistory();
  const unsubscribers = [
    api.on('imports.progress', (progress) => imports.getState().applyProgress(progress)),
    api.on('imports.finished', (summary) => imports.getState().applyFinished(summary)),
    workspaceKey.subscribe(() => {
      const next = workspaceKey.current();
      if (next === key) return;
      key = next;
      reload();
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
