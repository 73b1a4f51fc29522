// The lists the frame and pages show, each fetched through the API.
import type { StoreApi } from 'zustand/vanilla';
import type { Agent, Organization, Space, UnpodApi } from '../../src-main/ipc/contract.ts';
import { createRemoteListStore, type RemoteList } from './remoteList.ts';

export interface ListStores {
  organizations: StoreApi<RemoteList<Organization>>;
  spaces: StoreApi<RemoteList<Space>>;
  agents: StoreApi<RemoteList<Agent>>;
  /** Forgets every list, e.g. when the workspace closes. */
  reset(): void;
}

export function createListStores(api: Pick<UnpodApi, 'organizations' | 'spaces' | 'agents'>): ListStores {
  const lists = {
    organizations: createRemoteListStore<Organization>(() => api.organizations.list()),
    spaces: createRemoteListStore<Space>(() => api.spaces.list()),
    agents: createRemoteListStore<Agent>(() => api.agents.list()),
  };
  return {
    ...lists,
    reset() {
      for (const list of Object.values(lists)) list.getState().reset();
    },
  };
}
