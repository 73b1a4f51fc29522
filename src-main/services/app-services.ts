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
  /** Electron's save dialog for exports; without it (web host) exports are downloads. */
  saveFile?: SaveFileDialog;
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
  /** Lead files: staging, preview, export of problem rows, checked leads for the journal. */
  imports: ImportsService;
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
  const auth = createAuthService({ dataDir: options.dataDir, logger, ...options.auth });
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
  });
  const preferences = createPreferencesService({
    dataDir: options.dataDir,
    logger: logger.child({ component: 'preferences' }),
  });
  const imports = createImportsService({
    dataDir: options.dataDir,
    workspace,
    currentCache: () => tasks.currentCache(),
    logger: logger.child({ component: 'imports' }),
    ...(options.saveFile ? { saveFile: options.saveFile } : {}),
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
    imports,
    importSend,
    handlers: createHandlers({
      workspace,
      profiles,
      tasks,
      preferences,
      importSend,
      appInfo: { version: options.version, host: options.host },
      imports,
    }),
    close: async () => {
      profiles.close();
      // Lets a create in flight settle into the journal before the workspace (and its file) closes.
      await importSend.close();
      await workspace.close();
      await tasks.close();
      await preferences.close();
      await imports.close();
    },
  };
}

export type { Emit } from './workspace.ts';
