// The open workspace: which session (none, the demo sandbox, or a signed-in profile), its Unpod
// client, the chosen organization and space, and the connection state. The single owner of
// that state in main; every change is announced with `workspace.changed` (to the window, and to
// the listeners of `onChanged`). This front only composes the modules in ./workspace/.
import { EventEmitter } from 'node:events';
import type { Agent, ConnectionState, Organization, PageId, Space, WorkspaceState } from '../ipc/contract.ts';
import type { Logger } from '../log/index.ts';
import type { UnpodClientOptions } from '../unpod/index.ts';
import type { ConnectionTiming } from './connection.ts';
import type { Emit } from './emit.ts';
import { createAgentNamesLoader } from './workspace/agent-names-loader.ts';
import { createCatchUp } from './workspace/catch-up.ts';
import { createConnectionWatch } from './workspace/connection-watch.ts';
import { createCurrentSession } from './workspace/current-session.ts';
import { createSessionLists } from './workspace/lists.ts';
import { createSessionMemory } from './workspace/memory.ts';
import { createSessionOpening, type DemoSandbox, type StartDemoSandbox } from './workspace/opening.ts';
import { createSelection } from './workspace/selection.ts';
import {
  activeSessionOf,
  workspaceStateOf,
  type ActiveSession,
  type SessionSpec,
} from './workspace/session.ts';

export type { Emit } from './emit.ts';
export type { ActiveSession, SessionSpec } from './workspace/session.ts';
export type { DemoSandbox, StartDemoSandbox } from './workspace/opening.ts';

export interface WorkspaceOptions<S extends DemoSandbox = DemoSandbox> {
  emit: Emit;
  logger: Logger;
  /**
   * The app's data folder: the demo remembers its spaces and page in <dataDir>/demo (a profile
   * in its own folder). Without it, or when it does not exist, the demo remembers nothing.
   */
  dataDir?: string;
  /** How soon a slow request is checked with a quick probe (tests: shorter). */
  connectionTiming?: Partial<ConnectionTiming>;
  /** Starts the demo's sandbox server on a free port (the composition root knows the sandbox). */
  startDemoSandbox: StartDemoSandbox<S>;
  /** Extra client options for the demo (tests: shorter retries). */
  demoClient?: Pick<UnpodClientOptions, 'timeoutMs' | 'retry'>;
}

export interface WorkspaceService<S extends DemoSandbox = DemoSandbox> {
  getState(): WorkspaceState;
  /** The open session for the task cache and sync, or null. */
  activeSession(): ActiveSession | null;
  /** Runs a platform call through the connection tracker (network errors and timeouts → offline). */
  trackConnection<T>(call: () => Promise<T>): Promise<T>;
  openDemo(): Promise<WorkspaceState>;
  openSession(spec: SessionSpec): Promise<WorkspaceState>;
  close(): Promise<WorkspaceState>;
  listOrganizations(): Promise<Organization[]>;
  selectOrganization(domainHandle: string): Promise<WorkspaceState>;
  listSpaces(): Promise<Space[]>;
  selectSpace(token: string): Promise<WorkspaceState>;
  listAgents(): Promise<Agent[]>;
  /** Remembers the page the user is on, so the workspace reopens on it. */
  rememberPage(page: PageId): Promise<null>;
  /**
   * One quick request with a short timeout, recorded by the connection tracker (the check while
   * offline). Resolves when it has settled, whatever its outcome.
   */
  checkConnection(): Promise<void>;
  /** Hears every `workspace.changed` (a session opened or closed, another organization or space). */
  onChanged(listener: (state: WorkspaceState) => void): () => void;
  /** Hears every change of the connection state. */
  onConnectionChanged(listener: (state: ConnectionState) => void): () => void;
  /** The running demo sandbox (tests inject faults through it), or null. */
  demoSandbox(): S | null;
}

interface WorkspaceEvents {
  changed: [WorkspaceState];
  connection: [ConnectionState];
}

export function createWorkspaceService<S extends DemoSandbox>(
  options: WorkspaceOptions<S>,
): WorkspaceService<S> {
  const { logger } = options;
  const listeners = new EventEmitter<WorkspaceEvents>();
  const current = createCurrentSession();
  const connection = createConnectionWatch({
    timing: options.connectionTiming,
    currentClient: () => current.get()?.client ?? null,
    onChange: (state, before) => {
      options.emit('connection.changed', state);
      listeners.emit('connection', state);
      // Back from offline: what was loaded from the saved copies (or failed) loads again.
      const s = current.get();
      if (state.state === 'online' && before === 'offline' && s !== null) void catchUp(s);
    },
  });

  const getState = () => workspaceStateOf(current.get(), connection.get());
  const changed = (): WorkspaceState => {
    const state = getState();
    options.emit('workspace.changed', state);
    listeners.emit('changed', state);
    return state;
  };

  const lists = createSessionLists({ tracked: connection.tracked, logger });
  const names = createAgentNamesLoader({
    lists,
    isCurrent: (s) => current.get() === s,
    changed,
    logger,
  });
  const memory = createSessionMemory({ dataDir: options.dataDir, logger });
  const catchUp = createCatchUp({ current, lists, names, memory, changed, logger });
  const opening = createSessionOpening({
    current,
    connection,
    lists,
    names,
    memory,
    getState,
    changed,
    logger,
    startDemoSandbox: options.startDemoSandbox,
    demoClient: options.demoClient,
  });
  const selection = createSelection({ current, lists, names, memory, changed, logger });

  return {
    getState,
    activeSession: () => {
      const s = current.get();
      return s === null ? null : activeSessionOf(s);
    },
    trackConnection: (call) => connection.track(call),
    checkConnection: () => connection.check(),
    ...opening,
    ...selection,
    rememberPage: async (page) => {
      await memory.rememberPage(current.require(), page);
      return null;
    },
    onChanged: (listener) => {
      listeners.on('changed', listener);
      return () => void listeners.off('changed', listener);
    },
    onConnectionChanged: (listener) => {
      listeners.on('connection', listener);
      return () => void listeners.off('connection', listener);
    },
  };
}
