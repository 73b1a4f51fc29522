// The lists the frame and pages show, each fetched through the bridge.
import type { Agent, Organization, Space } from '../../src-main/ipc/contract.ts';
import { createRemoteListStore } from './remoteList.ts';

export const useOrganizationsStore = createRemoteListStore<Organization>(() =>
  window.unpod.organizations.list(),
);
export const useSpacesStore = createRemoteListStore<Space>(() => window.unpod.spaces.list());
export const useAgentsStore = createRemoteListStore<Agent>(() => window.unpod.agents.list());

/** Forgets every list, e.g. when the workspace closes. */
export function resetLists(): void {
  useOrganizationsStore.getState().reset();
  useSpacesStore.getState().reset();
  useAgentsStore.getState().reset();
}
