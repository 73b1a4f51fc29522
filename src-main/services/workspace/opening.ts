// Opening and closing sessions: a signed-in profile's (online, or offline from what was saved
// when the platform cannot be reached) and the demo's, on a sandbox the composition root starts.
import type { WorkspaceState } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { createUnpodClient, type UnpodClientOptions } from '../../unpod/index.ts';
import { isUnreachable } from '../connection.ts';
import { emptyMemory } from '../last-space.ts';
import { openSavedLists } from '../saved-lists.ts';
import type { AgentNamesLoader } from './agent-names-loader.ts';
import type { ConnectionWatch } from './connection-watch.ts';
import type { CurrentSession } from './current-session.ts';
import type { SessionLists } from './lists.ts';
import type { SessionMemory } from './memory.ts';
import { applyOrganization, requireOrg, type Session, type SessionSpec } from './session.ts';

/** What the workspace needs of the demo's sandbox server. */
export interface DemoSandbox {
  baseUrl: string;
  credentials: { token: string; orgHandle: string; spaceToken: string };
  close(): Promise<void>;
}

/** Starts a fresh demo sandbox on a free port (injected by the composition root). */
export type StartDemoSandbox<S extends DemoSandbox> = () => Promise<S>;

export interface SessionOpening<S extends DemoSandbox> {
  openSession(spec: SessionSpec): Promise<WorkspaceState>;
  openDemo(): Promise<WorkspaceState>;
  close(): Promise<WorkspaceState>;
  /** The sandbox of the open demo session, or null. */
  demoSandbox(): S | null;
}

export function createSessionOpening<S extends DemoSandbox>(deps: {
  current: CurrentSession;
  connection: Pick<ConnectionWatch, 'reset'>;
  lists: Pick<SessionLists, 'fetchOrganizations' | 'fetchSpaces'>;
  names: Pick<AgentNamesLoader, 'loadWithin'>;
  memory: Pick<SessionMemory, 'dirOf' | 'read' | 'rememberSpace'>;
  getState: () => WorkspaceState;
  /** Announces the workspace state and returns it. */
  changed: () => WorkspaceState;
  logger: Logger;
  startDemoSandbox: StartDemoSandbox<S>;
  /** Extra client options for the demo (tests: shorter retries). */
  demoClient?: Pick<UnpodClientOptions, 'timeoutMs' | 'retry'>;
}): SessionOpening<S> {
  const { current, connection, lists, names, memory, changed, logger } = deps;
  /** The demo's sandbox, and the id of the session opened on it. */
  let demo: { sessionId: number; sandbox: S } | null = null;

  async function closeSession(): Promise<void> {
    const closing = current.get();
    current.set(null);
    connection.reset();
    // A list or the last space still being saved finishes now, and nothing is saved after it:
    // sign-out may delete the folder next.
    await closing?.memorySaved;
    if (closing) closing.closed = true;
    await closing?.saved?.close();
    if (closing?.dispose) {
      try {
        await closing.dispose();
      } catch (error) {
        logger.error('closing the workspace session failed', { error });
      }
    }
  }

  async function openSessionNow(spec: SessionSpec, id = current.nextId()): Promise<void> {
    const s: Session = {
      id,
      kind: spec.kind,
      profileId: spec.profileId ?? null,
      profileName: spec.profileName,
      dataDir: spec.dataDir ?? null,
      client: spec.client,
      dispose: spec.dispose,
      organizations: [],
      organization: null,
      orgClient: null,
      spaces: [],
      space: null,
      orgAgentNames: null,
      spaceAgentNames: [],
      openedOffline: false,
      saved: spec.kind === 'profile' && spec.dataDir ? openSavedLists(spec.dataDir, logger) : null,
      memory: emptyMemory(),
      memoryDir: memory.dirOf(spec),
      memorySaved: Promise.resolve(),
      closed: false,
    };
    await memory.read(s);
    try {
      // Listing organizations proves the token works before the workspace counts as open.
      const orgs = await lists.fetchOrganizations(s);
      const org =
        orgs.find((o) => o.domainHandle === spec.preferredOrgHandle) ??
        (orgs.length === 1 ? orgs[0] : undefined);
      if (org) {
        applyOrganization(s, org);
        const spaces = await lists.fetchSpaces(s, requireOrg(s));
        const wanted = spec.preferredSpaceToken ?? s.memory.spaces.get(org.domainHandle)?.token;
        s.space = spaces.find((sp) => sp.token === wanted) ?? null;
        // Before the workspace counts as open, so the first task rows already show names.
        await names.loadWithin(s, requireOrg(s), 'organization');
      }
    } catch (error) {
      const known = spec.knownOrganization;
      if (isUnreachable(error) && known) {
        // Offline (a plane, a dead network): open from what was saved. The tracker has already
        // recorded the failure, so the state says offline.
        const savedOrgs = (await s.saved?.organizations()) ?? [];
        s.organizations = savedOrgs;
        applyOrganization(
          s,
          s.organization ?? savedOrgs.find((o) => o.domainHandle === known.domainHandle) ?? known,
        );
        s.space = s.memory.spaces.get(s.organization!.domainHandle) ?? null;
        s.openedOffline = true;
        await names.loadWithin(s, requireOrg(s), 'organization');
        logger.info('opened the profile offline from saved data', {
          profileId: s.profileId,
          space: s.space !== null,
        });
        current.set(s);
        return;
      }
      connection.reset();
      await s.saved?.close();
      await spec.dispose?.();
      throw error;
    }
    current.set(s);
    await memory.rememberSpace(s);
  }

  async function startDemo(): Promise<S> {
    try {
      return await deps.startDemoSandbox();
    } catch (error) {
      logger.error('the demo sandbox did not start', { error });
      throw new AppError('internal', 'The demo could not start. Restart Unpod Desk and try again.');
    }
  }

  return {
    openSession: (spec) =>
      current.serialized(async () => {
        const hadSession = current.get() !== null;
        await closeSession();
        try {
          await openSessionNow(spec);
          return changed();
        } catch (error) {
          // The previous session is gone either way: tell the renderer, or it keeps showing it.
          if (hadSession) changed();
          throw error;
        }
      }),

    openDemo: () =>
      current.serialized(async () => {
        if (current.get()?.kind === 'demo') return deps.getState();
        await closeSession();
        const sandbox = await startDemo();
        const { credentials } = sandbox;
        logger.registerSecret(credentials.token);
        const client = createUnpodClient({
          ...deps.demoClient,
          baseUrl: sandbox.baseUrl,
          token: credentials.token,
        });
        const id = current.nextId();
        demo = { sessionId: id, sandbox };
        await openSessionNow(
          {
            kind: 'demo',
            profileName: null,
            client,
            preferredOrgHandle: credentials.orgHandle,
            preferredSpaceToken: credentials.spaceToken,
            dispose: () => sandbox.close(),
          },
          id,
        );
        return changed();
      }),

    close: () =>
      current.serialized(async () => {
        if (current.get() === null) return deps.getState();
        await closeSession();
        return changed();
      }),

    demoSandbox: () => (demo !== null && current.get()?.id === demo.sessionId ? demo.sandbox : null),
  };
}
