// Choosing the organization and the space of the open session, and the lists to choose from.
import type { Agent, Organization, Space, WorkspaceState } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { SWITCH_WAIT_MS, within, type AgentNamesLoader } from './agent-names-loader.ts';
import type { CurrentSession } from './current-session.ts';
import type { SessionLists } from './lists.ts';
import type { SessionMemory } from './memory.ts';
import { applyOrganization, notSignedIn, requireOrg } from './session.ts';

export interface Selection {
  listOrganizations(): Promise<Organization[]>;
  selectOrganization(domainHandle: string): Promise<WorkspaceState>;
  listSpaces(): Promise<Space[]>;
  selectSpace(token: string): Promise<WorkspaceState>;
  listAgents(): Promise<Agent[]>;
}

export function createSelection(deps: {
  current: Pick<CurrentSession, 'get' | 'require' | 'serialized'>;
  lists: Pick<SessionLists, 'loadOrganizations' | 'loadSpaces' | 'loadAgents'>;
  names: Pick<AgentNamesLoader, 'loadWithin'>;
  memory: Pick<SessionMemory, 'rememberSpace'>;
  /** Announces the workspace state and returns it. */
  changed: () => WorkspaceState;
  logger: Logger;
}): Selection {
  const { current, lists, names, memory, changed, logger } = deps;

  return {
    listOrganizations: async () => lists.loadOrganizations(current.require()),

    selectOrganization: (domainHandle) =>
      current.serialized(async () => {
        const s = current.require();
        let org = s.organizations.find((o) => o.domainHandle === domainHandle);
        if (!org) org = (await lists.loadOrganizations(s)).find((o) => o.domainHandle === domainHandle);
        if (!org) throw new AppError('not_found', `This account has no organization "${domainHandle}".`);
        if (current.get() !== s) throw notSignedIn(); // closed while the list was loading
        applyOrganization(s, org);
        const ref = requireOrg(s);
        // The space last used in this organization is selected again, if it still exists.
        const remembered = s.memory.spaces.get(org.domainHandle) ?? null;
        if (remembered !== null) {
          // Not listed (an error, or too slow): the last one is used as saved.
          const listed = lists.loadSpaces(s, ref).catch((error: unknown) => {
            logger.debug('the spaces could not be listed for the last space', { error });
            return null;
          });
          const spaces = await within(listed, SWITCH_WAIT_MS, null);
          s.space =
            spaces === null ? remembered : (spaces.find((sp) => sp.token === remembered.token) ?? null);
        }
        await names.loadWithin(s, ref, 'organization');
        if (current.get() !== s) throw notSignedIn();
        return changed();
      }),

    listSpaces: async () => {
      const s = current.require();
      return lists.loadSpaces(s, requireOrg(s));
    },

    selectSpace: (token) =>
      current.serialized(async () => {
        const s = current.require();
        const org = requireOrg(s);
        let space = s.spaces.find((sp) => sp.token === token);
        if (!space) space = (await lists.loadSpaces(s, org)).find((sp) => sp.token === token);
        const orgName = s.organization?.name ?? 'this organization';
        if (!space) throw new AppError('not_found', `There is no space with this token in ${orgName}.`);
        if (current.get() !== s) throw notSignedIn();
        s.space = space;
        await names.loadWithin(s, org, 'space');
        if (current.get() !== s) throw notSignedIn();
        await memory.rememberSpace(s);
        return changed();
      }),

    listAgents: async () => {
      const s = current.require();
      const org = requireOrg(s);
      const agents = await lists.loadAgents(s, org);
      // A fresh list may name agents the task list shows: keep the names in step.
      if (current.get() === s && s.orgClient === org.client) {
        const before = JSON.stringify(s.orgAgentNames);
        s.orgAgentNames = agents.map((a) => ({ handle: a.handle, name: a.name }));
        if (JSON.stringify(s.orgAgentNames) !== before) changed();
      }
      return agents;
    },
  };
}
