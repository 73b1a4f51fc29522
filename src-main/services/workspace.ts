// The open workspace: which session (none, the demo sandbox, or a signed-in profile), its Unpod
// client, the chosen organization and space, and the connection state. The single owner of
// that state in main; every change is announced with `workspace.changed`.
import { AppError } from '../ipc/errors.ts';
import type { Logger } from '../log/index.ts';
import type {
  Agent,
  ConnectionState,
  EventName,
  EventPayload,
  Organization,
  Space,
  WorkspaceState,
} from '../ipc/contract.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.ts';
import { createUnpodClient, type UnpodClient, type UnpodClientOptions } from '../unpod/index.ts';
import { createConnectionTracker, isUnreachable, NO_WORKSPACE_CONNECTION } from './connection.ts';
import { readLastSpace, writeLastSpace, type LastSpace } from './last-space.ts';
import { openSavedLists, type SavedLists } from './saved-lists.ts';
import { toAgent, toOrganization, toSpace } from './view-models.ts';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface WorkspaceOptions {
  emit: Emit;
  logger: Logger;
  /** Extra sandbox options for the demo (tests: seed, faults). The port is always a free one. */
  demoSandbox?: Omit<SandboxOptions, 'port'>;
  /** Extra client options for the demo (tests: shorter retries). */
  demoClient?: Pick<UnpodClientOptions, 'timeoutMs' | 'retry'>;
}

/** What opening a session needs; the demo builds it from the sandbox, sign-in from a profile. */
export interface SessionSpec {
  kind: 'demo' | 'profile';
  /** The saved profile this session belongs to (kind 'profile'). */
  profileId?: string | null;
  profileName: string | null;
  /** This session's own data folder (a profile's is <dataDir>/profiles/<id>; sign-out may delete it). */
  dataDir?: string | null;
  client: UnpodClient;
  /** Chosen first when the account has it (the demo's organization and space). */
  preferredOrgHandle?: string;
  /** Missing for a profile: the space it had selected last (saved in its data folder). */
  preferredSpaceToken?: string;
  /**
   * The organization saved with the profile. When the platform cannot be reached (network error
   * or timeout, never a 401/403) the session opens offline with it and the last selected space,
   * so the cached tasks stay readable; the tasks service's probe brings it online later.
   */
  knownOrganization?: Organization;
  /** Runs when the session closes (the demo stops its sandbox). */
  dispose?: () => Promise<void>;
}

interface Session {
  /** Distinguishes sessions: a new one (even of the same profile) gets a new id. */
  id: number;
  kind: 'demo' | 'profile';
  profileId: string | null;
  profileName: string | null;
  dataDir: string | null;
  client: UnpodClient;
  dispose?: () => Promise<void>;
  sandbox: Sandbox | null;
  organizations: Organization[];
  organization: Organization | null;
  orgClient: UnpodClient | null;
  spaces: Space[];
  space: Space | null;
  /** Opened offline from what was saved: the lists are refreshed once the platform answers. */
  openedOffline: boolean;
  /** The lists last loaded, for when the platform cannot be reached (profiles only). */
  saved: SavedLists | null;
  /** The agent list last loaded this session, with its organization (agent names for exports). */
  agents: { orgHandle: string; items: Agent[] } | null;
}

/** The chosen organization's client, and its handle (spaces and agents are saved per handle). */
interface OrgRef {
  client: UnpodClient;
  handle: string;
}

/** What the task cache and sync need from the open session (see services/tasks). */
export interface ActiveSession {
  id: number;
  kind: 'demo' | 'profile';
  profileId: string | null;
  /** The profile's data folder; null for the demo (the tasks service puts it under the app's). */
  dataDir: string | null;
  /** The client for the chosen organization; null until one is chosen. */
  orgClient: UnpodClient | null;
  spaceToken: string | null;
}

export interface WorkspaceService {
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
  /**
   * The chosen organization's agents as last loaded (this session, else the saved copy), without
   * asking the platform: an export must not wait on the network. Empty when none is known.
   */
  knownAgents(): Promise<Agent[]>;
  /** The running demo sandbox (tests inject faults through it), or null. */
  demoSandbox(): Sandbox | null;
}

const notSignedIn = () =>
  new AppError('not_signed_in', 'No workspace is open. Open the demo or sign in with an API token first.');
const noOrganization = () =>
  new AppError('no_organization', 'Choose an organization first: spaces and agents belong to one.');

export function createWorkspaceService(options: WorkspaceOptions): WorkspaceService {
  let session: Session | null = null;
  let sessionCount = 0;
  const connection = createConnectionTracker({
    onChange: (state: ConnectionState) => {
      options.emit('connection.changed', state);
      if (state.state === 'online' && session?.openedOffline) void catchUpAfterOfflineOpen(session);
    },
  });

  // Opening, closing and selecting run one at a time, so a quick second click cannot interleave
  // with a half-opened session.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  function getState(): WorkspaceState {
    if (session === null) {
      return {
        kind: 'none',
        profileId: null,
        profileName: null,
        organization: null,
        space: null,
        connection: NO_WORKSPACE_CONNECTION,
      };
    }
    return {
      kind: session.kind,
      profileId: session.profileId,
      profileName: session.profileName,
      organization: session.organization,
      space: session.space,
      connection: connection.get(),
    };
  }

  const changed = (): WorkspaceState => {
    const state = getState();
    options.emit('workspace.changed', state);
    return state;
  };

  const requireSession = (): Session => {
    if (session === null) throw notSignedIn();
    return session;
  };
  const requireOrg = (s: Session): OrgRef => {
    if (s.orgClient === null || s.organization === null) throw noOrganization();
    return { client: s.orgClient, handle: s.organization.domainHandle };
  };

  /** Keeps a list that just loaded for offline use; a failed write costs only that. */
  async function keep(s: Session, save: (saved: SavedLists) => Promise<void>): Promise<void> {
    if (s.saved === null) return;
    try {
      await save(s.saved);
    } catch (error) {
      options.logger.warn('a list could not be saved for offline use', { error });
    }
  }

  async function fetchOrganizations(s: Session): Promise<Organization[]> {
    const orgs = (await connection.track(() => s.client.listOrganizations())).map(toOrganization);
    s.organizations = orgs;
    await keep(s, (saved) => saved.saveOrganizations(orgs));
    return orgs;
  }

  async function fetchSpaces(s: Session, org: OrgRef): Promise<Space[]> {
    const spaces = (await connection.track(() => org.client.listSpaces())).map(toSpace);
    // The organization may have changed while the list was loading; only cache the current one's.
    if (s.orgClient === org.client) s.spaces = spaces;
    await keep(s, (saved) => saved.saveSpaces(org.handle, spaces));
    return spaces;
  }

  async function fetchAgents(s: Session, org: OrgRef): Promise<Agent[]> {
    const agents = (await connection.track(() => org.client.listAgents())).map(toAgent);
    await keep(s, (saved) => saved.saveAgents(org.handle, agents));
    return agents;
  }

  /**
   * A list from the platform or, when the platform cannot be reached (a network error or
   * timeout, never a refusal such as a 401), the copy saved when it last loaded; the connection
   * state already says offline. A session opened offline reads the saved copy straight away:
   * the tasks service's probe is watching for the platform, and the catch-up reloads the lists.
   */
  async function orSaved<T>(
    s: Session,
    what: string,
    load: () => Promise<T[]>,
    savedCopy: (saved: SavedLists) => Promise<T[] | null>,
  ): Promise<T[]> {
    const saved = async (): Promise<T[] | null> => (s.saved === null ? null : savedCopy(s.saved));
    if (s.openedOffline) {
      const copy = await saved();
      if (copy !== null) return copy;
    }
    try {
      return await load();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const copy = await saved();
      if (copy === null) throw error;
      options.logger.debug('the platform is unreachable; the saved list is shown', { list: what });
      return copy;
    }
  }

  async function loadOrganizations(s: Session): Promise<Organization[]> {
    const orgs = await orSaved(
      s,
      'organizations',
      () => fetchOrganizations(s),
      (saved) => saved.organizations(),
    );
    s.organizations = orgs;
    return orgs;
  }

  async function loadSpaces(s: Session, org: OrgRef): Promise<Space[]> {
    const spaces = await orSaved(
      s,
      'spaces',
      () => fetchSpaces(s, org),
      (saved) => saved.spaces(org.handle),
    );
    if (s.orgClient === org.client) s.spaces = spaces;
    return spaces;
  }

  function applyOrganization(s: Session, org: Organization): void {
    s.organization = org;
    s.orgClient = s.client.withOrg(org.domainHandle);
    s.spaces = [];
    s.space = null;
  }

  /** Saves a profile session's selected space, so the next start (online or not) can reopen it. */
  async function rememberSpace(s: Session): Promise<void> {
    if (s.kind !== 'profile' || s.dataDir === null || s.organization === null || s.space === null) return;
    try {
      await writeLastSpace(s.dataDir, { orgHandle: s.organization.domainHandle, space: s.space });
    } catch (error) {
      options.logger.warn('the selected space could not be saved', { error });
    }
  }

  /**
   * The platform answered again after the session was opened offline: load the organization and
   * space lists the session never got, and replace the saved space with the server's copy.
   */
  function catchUpAfterOfflineOpen(s: Session): Promise<void> {
    s.openedOffline = false;
    return serialized(async () => {
      if (session !== s) return;
      try {
        const orgs = await fetchOrganizations(s);
        const org = orgs.find((o) => o.domainHandle === s.organization?.domainHandle);
        if (session !== s || !org || s.orgClient === null) return;
        s.organization = org;
        const spaces = await fetchSpaces(s, { client: s.orgClient, handle: org.domainHandle });
        const space = spaces.find((sp) => sp.token === s.space?.token);
        if (session !== s) return;
        if (space) s.space = space;
        changed();
        await rememberSpace(s);
      } catch (error) {
        // Offline again, or a refused token: the next successful request tries once more.
        if (session === s && isUnreachable(error)) s.openedOffline = true;
        options.logger.debug('refreshing the lists after reconnecting failed', { error });
      }
    });
  }

  async function closeSession(): Promise<void> {
    const closing = session;
    session = null;
    connection.reset();
    // A list still being saved finishes now: sign-out may delete the folder next.
    await closing?.saved?.close();
    if (closing?.dispose) {
      try {
        await closing.dispose();
      } catch (error) {
        options.logger.error('closing the workspace session failed', { error });
      }
    }
  }

  async function openSessionNow(spec: SessionSpec, sandbox: Sandbox | null): Promise<WorkspaceState> {
    const s: Session = {
      id: ++sessionCount,
      kind: spec.kind,
      profileId: spec.profileId ?? null,
      profileName: spec.profileName,
      dataDir: spec.dataDir ?? null,
      client: spec.client,
      dispose: spec.dispose,
      sandbox,
      organizations: [],
      organization: null,
      orgClient: null,
      spaces: [],
      space: null,
      openedOffline: false,
      saved: spec.kind === 'profile' && spec.dataDir ? openSavedLists(spec.dataDir, options.logger) : null,
      agents: null,
    };
    const last = spec.kind === 'profile' && s.dataDir !== null ? await readLastSpace(s.dataDir) : null;
    const lastSpaceOf = (orgHandle: string): LastSpace | null =>
      last !== null && last.orgHandle === orgHandle ? last : null;
    try {
      // Listing organizations proves the token works before the workspace counts as open.
      const orgs = await fetchOrganizations(s);
      const org =
        orgs.find((o) => o.domainHandle === spec.preferredOrgHandle) ??
        (orgs.length === 1 ? orgs[0] : undefined);
      if (org) {
        applyOrganization(s, org);
        const spaces = await fetchSpaces(s, requireOrg(s));
        const wanted = spec.preferredSpaceToken ?? lastSpaceOf(org.domainHandle)?.space.token;
        s.space = spaces.find((sp) => sp.token === wanted) ?? null;
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
        s.space = lastSpaceOf(s.organization!.domainHandle)?.space ?? null;
        s.openedOffline = true;
        options.logger.info('opened the profile offline from saved data', {
          profileId: s.profileId,
          space: s.space !== null,
        });
        session = s;
        return changed();
      }
      connection.reset();
      await s.saved?.close();
      await spec.dispose?.();
      throw error;
    }
    session = s;
    await rememberSpace(s);
    return changed();
  }

  return {
    getState,
    demoSandbox: () => session?.sandbox ?? null,
    activeSession: () =>
      session === null
        ? null
        : {
            id: session.id,
            kind: session.kind,
            profileId: session.profileId,
            dataDir: session.dataDir,
            orgClient: session.orgClient,
            spaceToken: session.space?.token ?? null,
          },
    trackConnection: (call) => connection.track(call),

    openSession: (spec) =>
      serialized(async () => {
        const hadSession = session !== null;
        await closeSession();
        try {
          return await openSessionNow(spec, null);
        } catch (error) {
          // The previous session is gone either way: tell the renderer, or it keeps showing it.
          if (hadSession) changed();
          throw error;
        }
      }),

    openDemo: () =>
      serialized(async () => {
        if (session?.kind === 'demo') return getState();
        await closeSession();
        let sandbox: Sandbox;
        try {
          sandbox = await startSandbox({ ...options.demoSandbox, port: 0 });
        } catch (error) {
          options.logger.error('the demo sandbox did not start', { error });
          throw new AppError('internal', 'The demo could not start. Restart Unpod Desk and try again.');
        }
        const { credentials } = sandbox;
        options.logger.registerSecret(credentials.token);
        const client = createUnpodClient({
          ...options.demoClient,
          baseUrl: sandbox.baseUrl,
          token: credentials.token,
        });
        return openSessionNow(
          {
            kind: 'demo',
            profileName: null,
            client,
            preferredOrgHandle: credentials.orgHandle,
            preferredSpaceToken: credentials.spaceToken,
            dispose: () => sandbox.close(),
          },
          sandbox,
        );
      }),

    close: () =>
      serialized(async () => {
        if (session === null) return getState();
        await closeSession();
        return changed();
      }),

    listOrganizations: async () => loadOrganizations(requireSession()),

    selectOrganization: (domainHandle) =>
      serialized(async () => {
        const s = requireSession();
        let org = s.organizations.find((o) => o.domainHandle === domainHandle);
        if (!org) org = (await loadOrganizations(s)).find((o) => o.domainHandle === domainHandle);
        if (!org) throw new AppError('not_found', `This account has no organization "${domainHandle}".`);
        if (session !== s) throw notSignedIn(); // closed while the list was loading
        applyOrganization(s, org);
        return changed();
      }),

    listSpaces: async () => {
      const s = requireSession();
      return loadSpaces(s, requireOrg(s));
    },

    selectSpace: (token) =>
      serialized(async () => {
        const s = requireSession();
        const org = requireOrg(s);
        let space = s.spaces.find((sp) => sp.token === token);
        if (!space) space = (await loadSpaces(s, org)).find((sp) => sp.token === token);
        const orgName = s.organization?.name ?? 'this organization';
        if (!space) throw new AppError('not_found', `There is no space with this token in ${orgName}.`);
        if (session !== s) throw notSignedIn();
        s.space = space;
        await rememberSpace(s);
        return changed();
      }),

    listAgents: async () => {
      const s = requireSession();
      const org = requireOrg(s);
      const agents = await orSaved(
        s,
        'agents',
        () => fetchAgents(s, org),
        (saved) => saved.agents(org.handle),
      );
      s.agents = { orgHandle: org.handle, items: agents };
      return agents;
    },

    knownAgents: async () => {
      const s = session;
      const handle = s?.organization?.domainHandle;
      if (!s || handle === undefined) return [];
      if (s.agents?.orgHandle === handle) return s.agents.items;
      return (await s.saved?.agents(handle)) ?? [];
    },
  };
}
