// The organization, space and agent lists of a session: from the platform (kept for offline use
// as they load) or, when the platform cannot be reached, the copy saved when they last loaded.
import type { Agent, AgentName, Organization, Space } from '../../ipc/contract.ts';
import type { Logger } from '../../log/index.ts';
import { isUnreachable } from '../connection.ts';
import type { SavedLists } from '../saved-lists.ts';
import { toAgent, toOrganization, toSpace } from '../view-models.ts';
import type { Tracked } from './connection-watch.ts';
import type { OrgRef, Session } from './session.ts';

export interface SessionLists {
  fetchOrganizations(s: Session): Promise<Organization[]>;
  fetchSpaces(s: Session, org: OrgRef): Promise<Space[]>;
  fetchAgents(s: Session, org: OrgRef): Promise<Agent[]>;
  /** The agents linked to a space: the only place the platform names draft agents. */
  fetchSpaceAgents(s: Session, org: OrgRef, spaceToken: string): Promise<AgentName[]>;
  /**
   * A list from the platform or, when the platform cannot be reached (a network error or
   * timeout, never a refusal such as a 401), the copy saved when it last loaded; the connection
   * state already says offline. A session opened offline reads the saved copy straight away:
   * the tasks service's probe is watching for the platform, and the catch-up reloads the lists.
   */
  orSaved<T>(
    s: Session,
    what: string,
    load: () => Promise<T[]>,
    savedCopy: (saved: SavedLists) => Promise<T[] | null>,
  ): Promise<T[]>;
  loadOrganizations(s: Session): Promise<Organization[]>;
  loadSpaces(s: Session, org: OrgRef): Promise<Space[]>;
  loadAgents(s: Session, org: OrgRef): Promise<Agent[]>;
}

export function createSessionLists({ tracked, logger }: { tracked: Tracked; logger: Logger }): SessionLists {
  /** Keeps a list that just loaded for offline use; a failed write costs only that. */
  async function keep(s: Session, save: (saved: SavedLists) => Promise<void>): Promise<void> {
    if (s.saved === null) return;
    try {
      await save(s.saved);
    } catch (error) {
      logger.warn('a list could not be saved for offline use', { error });
    }
  }

  const lists: SessionLists = {
    async fetchOrganizations(s) {
      const orgs = (await tracked(s, () => s.client.listOrganizations())).map(toOrganization);
      s.organizations = orgs;
      await keep(s, (saved) => saved.saveOrganizations(orgs));
      return orgs;
    },

    async fetchSpaces(s, org) {
      const spaces = (await tracked(s, () => org.client.listSpaces())).map(toSpace);
      // The organization may have changed while the list was loading; only cache the current one's.
      if (s.orgClient === org.client) s.spaces = spaces;
      await keep(s, (saved) => saved.saveSpaces(org.handle, spaces));
      return spaces;
    },

    async fetchAgents(s, org) {
      const agents = (await tracked(s, () => org.client.listAgents())).map(toAgent);
      await keep(s, (saved) => saved.saveAgents(org.handle, agents));
      return agents;
    },

    async fetchSpaceAgents(s, org, spaceToken) {
      const detail = await tracked(s, () => org.client.getSpace(spaceToken));
      const names = (detail.agents ?? []).flatMap((a) =>
        a.name && a.name.trim() !== '' ? [{ handle: String(a.handle), name: a.name.trim() }] : [],
      );
      await keep(s, (saved) => saved.saveSpaceAgents(org.handle, spaceToken, names));
      return names;
    },

    async orSaved(s, what, load, savedCopy) {
      const saved = async () => (s.saved === null ? null : savedCopy(s.saved));
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
        logger.debug('the platform is unreachable; the saved list is shown', { list: what });
        return copy;
      }
    },

    async loadOrganizations(s) {
      const orgs = await lists.orSaved(
        s,
        'organizations',
        () => lists.fetchOrganizations(s),
        (saved) => saved.organizations(),
      );
      s.organizations = orgs;
      return orgs;
    },

    async loadSpaces(s, org) {
      const spaces = await lists.orSaved(
        s,
        'spaces',
        () => lists.fetchSpaces(s, org),
        (saved) => saved.spaces(org.handle),
      );
      if (s.orgClient === org.client) s.spaces = spaces;
      return spaces;
    },

    loadAgents: (s, org) =>
      lists.orSaved(
        s,
        'agents',
        () => lists.fetchAgents(s, org),
        (saved) => saved.agents(org.handle),
      ),
  };
  return lists;
}
