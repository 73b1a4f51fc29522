// The open workspace: which session (none, the demo sandbox, or a signed-in profile), its Unpod
// client, the chosen organization and space, and the connection state. The single owner of
// that state in main; every change is announced with `workspace.changed`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../ipc/errors.ts';
import type { Logger } from '../log/index.ts';
import type {
  Agent,
  AgentName,
  ConnectionState,
  EventName,
  EventPayload,
  Organization,
  PageId,
  Space,
  WorkspaceState,
} from '../ipc/contract.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.ts';
import { createUnpodClient, type UnpodClient, type UnpodClientOptions } from '../unpod/index.ts';
import { agentNamesOf } from './agent-names.ts';
import {
  createConnectionTracker,
  isUnreachable,
  NO_WORKSPACE_CONNECTION,
  type ConnectionTiming,
  type Probe,
} from './connection.ts';
import {
  emptyMemory,
  readWorkspaceMemory,
  writeWorkspaceMemory,
  type WorkspaceMemory,
} from './last-space.ts';
import { openSavedLists, type SavedLists } from './saved-lists.ts';
import { toAgent, toOrganization, toSpace } from './view-models.ts';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface WorkspaceOptions {
  emit: Emit;
  logger: Logger;
  /**
   * The app's data folder: the demo remembers its spaces and page in <dataDir>/demo (a profile
   * in its own folder). Without it, or when it does not exist, the demo remembers nothing.
   */
  dataDir?: string;
  /** How soon a slow request is checked with a quick probe (tests: shorter). */
  connectionTiming?: Partial<ConnectionTiming>;
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
  /** Missing for a profile: the space it last used in the organization (saved in its data folder). */
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
  /** Names of the organization's published agents (null: not loaded). */
  orgAgentNames: AgentName[] | null;
  /**
   * Names of the agents of the organization's spaces opened so far, drafts included (kept when
   * the space changes, so an agent's list stays named).
   */
  spaceAgentNames: AgentName[];
  /** Opened offline from what was saved: the lists are refreshed once the platform answers. */
  openedOffline: boolean;
  /** The lists last loaded, for when the platform cannot be reached (profiles only). */
  saved: SavedLists | null;
  /** The last space per organization and the last page, and the folder they are saved in. */
  memory: WorkspaceMemory;
  memoryDir: string | null;
  /** Saves of `memory` run one after the other; close waits for the last. */
  memorySaved: Promise<void>;
  closed: boolean;
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
  /** The chosen organization; task lists of any other organization's spaces or agents are refused. */
  organization: Organization | null;
  spaceToken: string | null;
  /** The handles of the organization's agents known so far (published, and its spaces' opened so far). */
  agentHandles: ReadonlySet<string>;
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
  /** Remembers the page the user is on, so the workspace reopens on it. */
  rememberPage(page: PageId): Promise<null>;
  /**
   * One quick request with a short timeout, recorded by the connection tracker (the check while
   * offline). Resolves when it has settled, whatever its outcome.
   */
  checkConnection(): Promise<void>;
  /** The running demo sandbox (tests inject faults through it), or null. */
  demoSandbox(): Sandbox | null;
}

/**
 * How long opening or switching waits for agent names (and a switch for the organization's space
 * list) before it goes ahead without them: a slow platform must not hold the screen up. Names
 * that come later follow with a `workspace.changed`.
 */
const SWITCH_WAIT_MS = 3_000;

/** `promise`'s value, or `fallback` once it has taken `ms` (it keeps running). */
const within = <T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([promise, delay(ms, fallback, { ref: false })]);

const notSignedIn = () =>
  new AppError('not_signed_in', 'No workspace is open. Open the demo or sign in with an API token first.');
const noOrganization = () =>
  new AppError('no_organization', 'Choose an organization first: spaces and agents belong to one.');

export function createWorkspaceService(options: WorkspaceOptions): WorkspaceService {
  let session: Session | null = null;
  let sessionCount = 0;
  let connectionBefore: ConnectionState['state'] = NO_WORKSPACE_CONNECTION.state;
  const connection = createConnectionTracker({
    timing: options.connectionTiming,
    onChange: (state: ConnectionState) => {
      const before = connectionBefore;
      connectionBefore = state.state;
      options.emit('connection.changed', state);
      // Back from offline: what was loaded from the saved copies (or failed) loads again.
      if (state.state === 'online' && before === 'offline' && session !== null) {
        void catchUpAfterReconnect(session);
      }
    },
  });

  /** Asks for the organization list (only the token is needed) with the probe's short timeout. */
  const probeWith =
    (client: UnpodClient): Probe =>
    (signal) =>
      client.listOrganizations({ signal });
  /** Runs a platform call of session `s` through the connection tracker. */
  const tracked = <T>(s: Session, call: () => Promise<T>): Promise<T> =>
    connection.track(call, { probe: probeWith(s.client) });

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
        lastPage: null,
        agentNames: [],
      };
    }
    return {
      kind: session.kind,
      profileId: session.profileId,
      profileName: session.profileName,
      organization: session.organization,
      space: session.space,
      connection: connection.get(),
      lastPage: session.memory.lastPage,
      agentNames: agentNamesOf(session.spaceAgentNames, session.orgAgentNames ?? []),
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
    const orgs = (await tracked(s, () => s.client.listOrganizations())).map(toOrganization);
    s.organizations = orgs;
    await keep(s, (saved) => saved.saveOrganizations(orgs));
    return orgs;
  }

  async function fetchSpaces(s: Session, org: OrgRef): Promise<Space[]> {
    const spaces = (await tracked(s, () => org.client.listSpaces())).map(toSpace);
    // The organization may have changed while the list was loading; only cache the current one's.
    if (s.orgClient === org.client) s.spaces = spaces;
    await keep(s, (saved) => saved.saveSpaces(org.handle, spaces));
    return spaces;
  }

  async function fetchAgents(s: Session, org: OrgRef): Promise<Agent[]> {
    const agents = (await tracked(s, () => org.client.listAgents())).map(toAgent);
    await keep(s, (saved) => saved.saveAgents(org.handle, agents));
    return agents;
  }

  /** The agents linked to a space: the only place the platform names draft agents. */
  async function fetchSpaceAgents(s: Session, org: OrgRef, spaceToken: string): Promise<AgentName[]> {
    const detail = await tracked(s, () => org.client.getSpace(spaceToken));
    const names = (detail.agents ?? []).flatMap((a) =>
      a.name && a.name.trim() !== '' ? [{ handle: String(a.handle), name: a.name.trim() }] : [],
    );
    await keep(s, (saved) => saved.saveSpaceAgents(org.handle, spaceToken, names));
    return names;
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

  /** Another organization: nothing of the previous one's spaces or agents stays. */
  function applyOrganization(s: Session, org: Organization): void {
    s.organization = org;
    s.orgClient = s.client.withOrg(org.domainHandle);
    s.spaces = [];
    s.space = null;
    s.orgAgentNames = null;
    s.spaceAgentNames = [];
  }

  /**
   * The agent names of the organization and of the current space, from the platform or the saved
   * copies. Names only make lists readable, so a failure leaves the handles (and is logged); the
   * tracker has recorded what it says about the connection.
   */
  async function loadAgentNames(s: Session, org: OrgRef, which: 'organization' | 'space'): Promise<void> {
    const space = s.space;
    // Opened offline: only the saved copies, no request that would wait for its timeout.
    const namesFrom = async <T>(
      what: string,
      load: () => Promise<T[]>,
      savedCopy: (saved: SavedLists) => Promise<T[] | null>,
    ): Promise<T[] | null> => {
      if (s.openedOffline) return s.saved === null ? null : savedCopy(s.saved);
      return orSaved(s, what, load, savedCopy);
    };
    const orgAgents =
      which === 'organization'
        ? namesFrom(
            'agents',
            () => fetchAgents(s, org),
            (saved) => saved.agents(org.handle),
          )
        : null;
    const spaceAgents =
      space === null
        ? Promise.resolve([])
        : namesFrom(
            'space agents',
            () => fetchSpaceAgents(s, org, space.token),
            (saved) => saved.spaceAgents(org.handle, space.token),
          );
    const [agents, linked] = await Promise.allSettled([orgAgents, spaceAgents]);
    // The organization may have changed meanwhile: its own load sets the names.
    if (s.orgClient !== org.client) return;
    if (agents.status === 'fulfilled' && agents.value !== null) {
      s.orgAgentNames = agents.value.map((a) => ({ handle: a.handle, name: a.name }));
    }
    if (linked.status === 'fulfilled')
      s.spaceAgentNames = agentNamesOf(s.spaceAgentNames, linked.value ?? []);
    for (const result of [agents, linked]) {
      if (result.status === 'rejected') {
        options.logger.debug('agent names could not be loaded', { error: result.reason });
      }
    }
  }

  /** Loads the agent names, waiting at most SWITCH_WAIT_MS; later names are announced when they come. */
  async function awaitAgentNames(s: Session, org: OrgRef, which: 'organization' | 'space'): Promise<void> {
    const loading = loadAgentNames(s, org, which);
    const inTime = await within(
      loading.then(() => true),
      SWITCH_WAIT_MS,
      false,
    );
    if (!inTime) {
      void loading.then(() => {
        if (session === s) changed();
      });
    }
  }

  /** Saves what the session remembers (last space per organization, last page), one save at a time. */
  function saveMemory(s: Session): Promise<void> {
    const dir = s.memoryDir;
    if (dir === null) return Promise.resolve();
    s.memorySaved = s.memorySaved.then(async () => {
      if (s.closed) return; // sign-out may be deleting the folder
      try {
        await writeWorkspaceMemory(dir, s.memory);
      } catch (error) {
        options.logger.warn('the last space and page could not be saved', { error });
      }
    });
    return s.memorySaved;
  }

  /** Remembers the selected space as its organization's last, so the next visit (or start) selects it. */
  function rememberSpace(s: Session): Promise<void> {
    if (s.organization === null || s.space === null) return Promise.resolve();
    s.memory.spaces.set(s.organization.domainHandle, s.space);
    return saveMemory(s);
  }

  /**
   * The platform answers again after it could not be reached. A session opened offline loads the
   * organization and space lists it never got and replaces the saved space with the server's
   * copy; every session reloads the agent names.
   */
  function catchUpAfterReconnect(s: Session): Promise<void> {
    const openedOffline = s.openedOffline;
    s.openedOffline = false;
    return serialized(async () => {
      if (session !== s) return;
      try {
        if (openedOffline) {
          const orgs = await fetchOrganizations(s);
          const org = orgs.find((o) => o.domainHandle === s.organization?.domainHandle);
          if (session !== s || !org || s.orgClient === null) return;
          s.organization = org;
          const spaces = await fetchSpaces(s, { client: s.orgClient, handle: org.domainHandle });
          const space = spaces.find((sp) => sp.token === s.space?.token);
          if (session !== s) return;
          if (space) s.space = space;
        }
        if (s.orgClient !== null && s.organization !== null) {
          await loadAgentNames(s, requireOrg(s), 'organization');
        }
        if (session !== s) return;
        changed();
        if (openedOffline) await rememberSpace(s);
      } catch (error) {
        // Offline again, or a refused token: the next successful request tries once more.
        if (session === s && isUnreachable(error)) s.openedOffline = openedOffline;
        options.logger.debug('refreshing the lists after reconnecting failed', { error });
      }
    });
  }

  async function closeSession(): Promise<void> {
    const closing = session;
    session = null;
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
      orgAgentNames: null,
      spaceAgentNames: [],
      openedOffline: false,
      saved: spec.kind === 'profile' && spec.dataDir ? openSavedLists(spec.dataDir, options.logger) : null,
      memory: emptyMemory(),
      memoryDir: memoryDirOf(spec),
      memorySaved: Promise.resolve(),
      closed: false,
    };
    if (s.memoryDir !== null) s.memory = await readWorkspaceMemory(s.memoryDir);
    try {
      // Listing organizations proves the token works before the workspace counts as open.
      const orgs = await fetchOrganizations(s);
      const org =
        orgs.find((o) => o.domainHandle === spec.preferredOrgHandle) ??
        (orgs.length === 1 ? orgs[0] : undefined);
      if (org) {
        applyOrganization(s, org);
        const spaces = await fetchSpaces(s, requireOrg(s));
        const wanted = spec.preferredSpaceToken ?? s.memory.spaces.get(org.domainHandle)?.token;
        s.space = spaces.find((sp) => sp.token === wanted) ?? null;
        // Before the workspace counts as open, so the first task rows already show names.
        await awaitAgentNames(s, requireOrg(s), 'organization');
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
        await awaitAgentNames(s, requireOrg(s), 'organization');
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

  /** Where a session keeps what it remembers: a profile's folder, or the demo's under the app's. */
  function memoryDirOf(spec: SessionSpec): string | null {
    if (spec.kind === 'profile') return spec.dataDir ?? null;
    // Only inside an existing app folder (the hosts create it), never a stray path.
    return options.dataDir !== undefined && existsSync(options.dataDir)
      ? join(options.dataDir, 'demo')
      : null;
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
            organization: session.organization,
            spaceToken: session.space?.token ?? null,
            agentHandles: new Set(
              [...(session.orgAgentNames ?? []), ...session.spaceAgentNames].map((a) => a.handle),
            ),
          },
    trackConnection: (call) => {
      const s = session;
      return s === null ? connection.track(call) : tracked(s, call);
    },
    checkConnection: async () => {
      const s = session;
      if (s !== null) await connection.check(probeWith(s.client));
    },

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
        const ref = requireOrg(s);
        // The space last used in this organization is selected again, if it still exists.
        const remembered = s.memory.spaces.get(org.domainHandle) ?? null;
        if (remembered !== null) {
          // Not listed (an error, or too slow): the last one is used as saved.
          const listed = loadSpaces(s, ref).catch((error: unknown) => {
            options.logger.debug('the spaces could not be listed for the last space', { error });
            return null;
          });
          const spaces = await within(listed, SWITCH_WAIT_MS, null);
          s.space =
            spaces === null ? remembered : (spaces.find((sp) => sp.token === remembered.token) ?? null);
        }
        await awaitAgentNames(s, ref, 'organization');
        if (session !== s) throw notSignedIn();
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
        await awaitAgentNames(s, org, 'space');
        if (session !== s) throw notSignedIn();
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
      // A fresh list may name agents the task list shows: keep the names in step.
      if (session === s && s.orgClient === org.client) {
        const before = JSON.stringify(s.orgAgentNames);
        s.orgAgentNames = agents.map((a) => ({ handle: a.handle, name: a.name }));
        if (JSON.stringify(s.orgAgentNames) !== before) changed();
      }
      return agents;
    },

    rememberPage: async (page) => {
      const s = requireSession();
      if (s.memory.lastPage !== page) {
        s.memory.lastPage = page;
        await saveMemory(s);
      }
      return null;
    },
  };
}
