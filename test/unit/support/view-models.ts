// What main sends the renderer, built for store tests: small, valid by the contract (the fake
// transport checks every answer against its schema).
import { idleStatus } from '../../../src-main/services/tasks/scope-registry.ts';
import type {
  Organization,
  Profile,
  ProfileList,
  Space,
  SyncStatus,
  TaskPage,
  TaskRow,
  TaskScope,
  WorkspaceState,
} from '../../../src-main/ipc/contract.ts';
import type { PageAddress } from '../../../src-renderer/stores/navigation.ts';

export const organization = (domainHandle: string): Organization => ({
  name: `Org ${domainHandle}`,
  domainHandle,
  role: 'owner',
});

export const space = (token: string): Space => ({
  token,
  name: `Space ${token}`,
  slug: token,
  spaceType: null,
  contentType: null,
  privacyType: null,
  description: null,
});

export function workspaceState(patch: Partial<WorkspaceState> = {}): WorkspaceState {
  return {
    kind: 'demo',
    profileId: null,
    profileName: null,
    organization: organization('org-a'),
    space: space('space-a'),
    connection: { state: 'online', lastOnlineAt: '2026-01-05T10:00:00.000Z' },
    lastPage: 'tasks',
    agentNames: [],
    ...patch,
  };
}

export const noWorkspace = (): WorkspaceState =>
  workspaceState({ kind: 'none', organization: null, space: null, lastPage: null });

export const taskRow = (id: string): TaskRow => ({
  id,
  name: `Lead ${id}`,
  contactNumber: '+14697979987',
  status: 'completed',
  outcomeStatus: null,
  labels: [],
  durationSeconds: 42,
  cost: 0.12,
  createdAt: 1_767_600_000_000,
  assignee: null,
  executionType: 'call',
  hasRecording: false,
  match: null,
});

export const syncStatus = (scope: TaskScope, patch: Partial<SyncStatus> = {}): SyncStatus => ({
  ...idleStatus(scope),
  lastSyncedAt: null,
  ...patch,
});

/** A page of the list: `ids` are its rows, `total` all matching tasks. */
export const taskPage = (scope: TaskScope, ids: string[], total = ids.length, offset = 0): TaskPage => ({
  rows: ids.map(taskRow),
  total,
  offset,
  facets: null,
  lastSyncedAt: null,
  sync: syncStatus(scope),
  notice: null,
  search: 'none',
});

export const profile = (id: string, name = `Profile ${id}`): Profile => ({
  id,
  name,
  baseUrl: 'https://unpod.dev',
  orgHandle: 'org-a',
  orgName: 'Org org-a',
  tokenHint: '…a1b2',
  hasToken: true,
  storage: 'keychain',
  lastUsedAt: null,
});

export const profileList = (profiles: Profile[]): ProfileList => ({
  profiles,
  lastProfileId: profiles[0]?.id ?? null,
  fileProblem: null,
  keychainProblem: null,
  restoreProblem: null,
});

/** An address bar without a window: the hash, and what the store replaced it with. */
export function memoryAddress(hash = ''): PageAddress & { current: string; emitChange(hash: string): void } {
  const listeners = new Set<() => void>();
  const address = {
    current: hash,
    hash: () => address.current,
    replaceHash(next: string) {
      address.current = next;
    },
    onHashChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitChange(next: string) {
      address.current = next;
      for (const listener of listeners) listener();
    },
  };
  return address;
}
