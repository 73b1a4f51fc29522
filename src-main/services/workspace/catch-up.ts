// Back online after the platform could not be reached: what was loaded from the saved copies
// (or failed) loads again.
import type { Logger } from '../../log/index.ts';
import { isUnreachable } from '../connection.ts';
import type { AgentNamesLoader } from './agent-names-loader.ts';
import type { CurrentSession } from './current-session.ts';
import type { SessionLists } from './lists.ts';
import type { SessionMemory } from './memory.ts';
import { requireOrg, type Session } from './session.ts';

/**
 * The platform answers again after it could not be reached. A session opened offline loads the
 * organization and space lists it never got and replaces the saved space with the server's
 * copy; every session reloads the agent names.
 */
export function createCatchUp(deps: {
  current: Pick<CurrentSession, 'get' | 'serialized'>;
  lists: Pick<SessionLists, 'fetchOrganizations' | 'fetchSpaces'>;
  names: Pick<AgentNamesLoader, 'load'>;
  memory: Pick<SessionMemory, 'rememberSpace'>;
  /** Announces the workspace state. */
  changed: () => void;
  logger: Logger;
}): (s: Session) => Promise<void> {
  const { current, lists, names, memory, changed, logger } = deps;
  return (s) => {
    const openedOffline = s.openedOffline;
    s.openedOffline = false;
    return current.serialized(async () => {
      if (current.get() !== s) return;
      try {
        if (openedOffline) {
          const orgs = await lists.fetchOrganizations(s);
          const org = orgs.find((o) => o.domainHandle === s.organization?.domainHandle);
          if (current.get() !== s || !org || s.orgClient === null) return;
          s.organization = org;
          const spaces = await lists.fetchSpaces(s, { client: s.orgClient, handle: org.domainHandle });
          const space = spaces.find((sp) => sp.token === s.space?.token);
          if (current.get() !== s) return;
          if (space) s.space = space;
        }
        if (s.orgClient !== null && s.organization !== null) {
          await names.load(s, requireOrg(s), 'organization');
        }
        if (current.get() !== s) return;
        changed();
        if (openedOffline) await memory.rememberSpace(s);
      } catch (error) {
        // Offline again, or a refused token: the next successful request tries once more.
        if (current.get() === s && isUnreachable(error)) s.openedOffline = openedOffline;
        logger.debug('refreshing the lists after reconnecting failed', { error });
      }
    });
  };
}
