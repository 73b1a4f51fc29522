// The record of one open session, which every workspace module works on: what was opened (the
// demo or a profile), its clients, the chosen organization and space, the names loaded for it and
// what it remembers; and the two views of it main hands out (the renderer's, the task cache's).
import type { AgentName, ConnectionState, Organization, Space, WorkspaceState } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { UnpodClient } from '../../unpod/index.ts';
import { agentNamesOf } from '../agent-names.ts';
import { NO_WORKSPACE_CONNECTION } from '../connection.ts';
import type { WorkspaceMemory } from '../last-space.ts';
import type { SavedLists } from '../saved-lists.ts';

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

export interface Session {
  /** Distinguishes sessions: a new one (even of the same profile) gets a new id. */
  id: number;
  kind: 'demo' | 'profile';
  profileId: string | null;
  profileName: string | null;
  dataDir: string | null;
  client: UnpodClient;
  dispose?: () => Promise<void>;
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
export interface OrgRef {
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

export const notSignedIn = () =>
  new AppError('not_signed_in', 'No workspace is open. Open the demo or sign in with an API token first.');
const noOrganization = () =>
  new AppError('no_organization', 'Choose an organization first: spaces and agents belong to one.');

export function requireOrg(s: Session): OrgRef {
  if (s.orgClient === null || s.organization === null) throw noOrganization();
  return { client: s.orgClient, handle: s.organization.domainHandle };
}

/** Another organization: nothing of the previous one's spaces or agents stays. */
export function applyOrganization(s: Session, org: Organization): void {
  s.organization = org;
  s.orgClient = s.client.withOrg(org.domainHandle);
  s.spaces = [];
  s.space = null;
  s.orgAgentNames = null;
  s.spaceAgentNames = [];
}

export function workspaceStateOf(s: Session | null, connection: ConnectionState): WorkspaceState {
  if (s === null) {
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
    kind: s.kind,
    profileId: s.profileId,
    profileName: s.profileName,
    organization: s.organization,
    space: s.space,
    connection,
    lastPage: s.memory.lastPage,
    agentNames: agentNamesOf(s.spaceAgentNames, s.orgAgentNames ?? []),
  };
}

export const activeSessionOf = (s: Session): ActiveSession => ({
  id: s.id,
  kind: s.kind,
  profileId: s.profileId,
  dataDir: s.dataDir,
  orgClient: s.orgClient,
  organization: s.organization,
  spaceToken: s.space?.token ?? null,
  agentHandles: new Set([...(s.orgAgentNames ?? []), ...s.spaceAgentNames].map((a) => a.handle)),
});
