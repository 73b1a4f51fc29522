// The main-process services for one app instance, shared by both hosts: the composition root
// of services/. No electron import: the Electron host and the web host each pass their own
// `emit` (webContents.send or SSE). The one module of services/ that knows the sandbox: it hands
// the workspace the demo's sandbox start.
import type { Handlers } from '../ipc/router.ts';
import { createSilentLogger, type Logger } from '../log/index.ts';
import {
  startSandbox,
  type Sandbox,
  type SandboxCredentials,
  type SandboxOptions,
} from '../sandbox/index.ts';
import type { UnpodClientOptions } from '../unpod/index.ts';
import { createAuthService, type AuthServiceOptions } from './auth/index.ts';
import type { ConnectionTiming } from './connection.ts';
import { createHandlers } from './handlers.ts';
import { createOpenWithService, type OpenWithService } from './open-with.ts';
import {
  createImportSendService,
  type ImportSendService,
  type OpenLeadSource,
} from './imports/send-service.ts';
import { leadSourcesFrom } from './imports/lead-sources.ts';
import type { SendTiming } from './imports/send-timing.ts';
import { createImportsService, type ImportsService, type SaveFileDialog } from './imports/imports-service.ts';
import { createPreferencesService, type PreferencesService } from './preferences.ts';
import { createProfilesService, type ProfilesService } from './profiles-service.ts';
import {
  createRecordingsService,
  webRecordingsRoot,
  type RecordingsService,
  type RecordingsServiceOptions,
  type SaveAsHost,
} from './recordings/index.ts';
import { createTasksService, type SyncTiming, type TasksService } from './tasks/index.ts';
import { createWorkspaceService, type Emit, type WorkspaceService } from './workspace.ts';

export interface AppServicesOptions {
  /** The app's own folder for caches, recordings and journals (created by the host). */
  dataDir: string;
  emit: Emit;
  host: 'electron' | 'web';
  version: string;
  /** Where service failures are recorded (default: nowhere). */
  logger?: Logger;
  /**
   * The HTTP fetch of the profiles' Unpod clients. The Electron host passes Electron's net.fetch
   * (the system proxy, PAC files, proxy sign-in and the OS certificate store); default Node's.
   */
  fetch?: typeof globalThis.fetch;
  /** Test hooks for the demo workspace. */
  demo?: {
    /** Extra sandbox options for the demo (tests: seed, faults). The port is always a free one. */
    demoSandbox?: Omit<SandboxOptions, 'port'>;
    /** Extra client options for the demo (tests: shorter retries). */
    demoClient?: Pick<UnpodClientOptions, 'timeoutMs' | 'retry'>;
    /**
     * A sandbox already running elsewhere (another process) for the demo to use instead of
     * starting its own: it outlives this process, so a host killed mid-import finds the tasks it
     * created when it starts again (the import's crash tests, `npm run web -- --sandbox-url`).
     */
    connectTo?: RemoteSandbox;
  };
  /** Test hooks for sign-in (another keychain service name, client timeouts). */
  auth?: Pick<AuthServiceOptions, 'keychain' | 'session' | 'clientDefaults'>;
  /** Test hooks for the task cache: shorter re-poll, probe and staleness intervals. */
  syncTiming?: Partial<SyncTiming>;
  /** Test hooks: how soon a slow request is checked with a quick probe. */
  connectionTiming?: Partial<ConnectionTiming>;
  /** Lead import: where a dropped file's checked leads come from (the file-reading side). */
  openLeadSource?: OpenLeadSource;
  /** Test hooks for sending imports: batch size, reconciliation waits. */
  sendTiming?: Partial<SendTiming>;
  /** Electron's save dialog: where main writes an export (the task list, a lead file's problem rows); without it (the web host) exports are downloads. */
  saveFile?: SaveFileDialog;
  /**
   * Where recordings are kept (a folder per workspace inside): Electron passes the OS cache
   * folder (recordings/cache-folder.ts); default <dataDir>/recordings (the web host).
   */
  recordingsRoot?: string;
  /** Electron's "Save recording as…" (a save dialog); the web host offers a download. */
  saveRecordingAs?: SaveAsHost;
  /** Test hooks: bulk download concurrency, stall timeout. */
  recordingsTiming?: Pick<RecordingsServiceOptions, 'concurrency' | 'idleTimeoutMs'>;
}

export interface AppServices {
  readonly dataDir: string;
  workspace: WorkspaceService<Sandbox>;
  /** Sign-in and saved profiles (tokens in the keychain). */
  profiles: ProfilesService;
  /** The offline task cache: lists, detail, overview, sync. */
  tasks: TasksService;
  /** How the user arranged the app (column widths), kept across restarts. */
  preferences: PreferencesService;
  /** CSV files opened with the app, on their way to the Import page. */
  openWith: OpenWithService;
  /** Lead files: staging, preview, export of problem rows, checked leads for the journal. */
  imports: ImportsService;
  /** Call recordings: the cache, serving, peaks, "Make available offline". */
  recordings: RecordingsService;
  /** Lead imports and New call: the journal, sending, reconciliation. */
  importSend: ImportSendService;
  handlers: Handlers;
  /** Closes the open workspace (stops the demo sandbox). */
  close(): Promise<void>;
}

/** A sandbox running in another process (its URL and what its CLI printed). */
export interface RemoteSandbox {
  baseUrl: string;
  credentials: SandboxCredentials;
}

/**
 * A sandbox of another process as the demo's server: the demo talks to it as to its own, but
 * faults cannot be added from here (start it with --faults) and closing the demo leaves it running.
 */
function remoteSandbox(remote: RemoteSandbox): Sandbox {
  return {
    baseUrl: remote.baseUrl,
    credentials: remote.credentials,
    faults: {
      add: () => {
        throw new Error('This sandbox runs in another process: start it with --faults instead.');
      },
      clear: () => {},
      pending: () => 0,
    },
    get recordingServer(): Sandbox['recordingServer'] {
      throw new Error(
        'This sandbox runs in another process: start it with --signed-url-ttl or --no-range instead.',
      );
    },
    close: () => Promise.resolve(),
  };
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const logger = options.logger ?? createSilentLogger();
  const { demoSandbox, demoClient } = options.demo ?? {};
  const workspace = createWorkspaceService({
    emit: options.emit,
    logger: logger.child({ component: 'workspace' }),
    dataDir: options.dataDir,
    startDemoSandbox: () =>
      options.demo?.connectTo
        ? Promise.resolve(remoteSandbox(options.demo.connectTo))
        : startSandbox({ ...demoSandbox, port: 0 }),
    ...(demoClient ? { demoClient } : {}),
    ...(options.connectionTiming ? { connectionTiming: options.connectionTiming } : {}),
  });
  // The auth service registers every token it holds with this logger, so none reaches a log.
  const auth = createAuthService({
    dataDir: options.dataDir,
    logger,
    ...options.auth,
    ...(options.fetch ? { clientDefaults: { ...options.auth?.clientDefaults, fetch: options.fetch } } : {}),
  });
  const profiles = createProfilesService({
    dataDir: options.dataDir,
    auth,
    workspace,
    logger: logger.child({ component: 'profiles' }),
  });
  // The tasks service subscribes to the workspace's changes (sessions, connection).
  const tasks = createTasksService({
    dataDir: options.dataDir,
    workspace,
    emit: options.emit,
    logger: logger.child({ component: 'tasks' }),
    timing: options.syncTiming,
    ...(options.saveFile ? { chooseExportFile: options.saveFile } : {}),
  });
  const preferences = createPreferencesService({
    dataDir: options.dataDir,
    logger: logger.child({ component: 'preferences' }),
  });
  // A file opened with the app is staged by lead import when the window takes it.
  const openWith = createOpenWithService({ emit: options.emit, stage: (path) => imports.stagePath(path) });
  const imports = createImportsService({
    dataDir: options.dataDir,
    workspace,
    currentCache: () => tasks.currentCache(),
    logger: logger.child({ component: 'imports' }),
    ...(options.saveFile ? { saveFile: options.saveFile } : {}),
  });
  const recordings = createRecordingsService({
    dataDir: options.dataDir,
    root: options.recordingsRoot ?? webRecordingsRoot(options.dataDir),
    host: options.host,
    workspace,
    tasks,
    emit: options.emit,
    logger: logger.child({ component: 'recordings' }),
    ...(options.saveRecordingAs ? { saveAs: options.saveRecordingAs } : {}),
    ...options.recordingsTiming,
  });
  const importSend = createImportSendService({
    workspace,
    openStore: () => tasks.openCache(),
    openLeadSource: options.openLeadSource ?? leadSourcesFrom(imports),
    emit: options.emit,
    logger: logger.child({ component: 'import-send' }),
    onCallsCreated: (spaceToken) => {
      tasks.startSync({ kind: 'space', spaceToken }, 'refresh').catch(() => {
        // Not a space the workspace shows now: its list syncs when it is opened.
      });
    },
    ...(options.sendTiming ? { timing: options.sendTiming } : {}),
  });
  return {
    dataDir: options.dataDir,
    workspace,
    profiles,
    tasks,
    preferences,
    openWith,
    imports,
    recordings,
    importSend,
    handlers: createHandlers({
      workspace,
      profiles,
      tasks,
      preferences,
      appInfo: { version: options.version, host: options.host, dataDir: options.dataDir },
      openWith,
      importSend,
      imports,
      recordings,
    }),
    close: async () => {
      profiles.close();
      // Lets a create in flight settle into the journal before the workspace (and its file) closes.
      await importSend.close();
      await workspace.close();
      await recordings.close();
      await tasks.close();
      await preferences.close();
      await imports.close();
    },
  };
}

export type { Emit } from './workspace.ts';
