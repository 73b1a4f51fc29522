// The agent names of a session (the organization's published agents, and the agents linked to
// its spaces, drafts included), so task lists show names rather than handles.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../log/index.ts';
import { agentNamesOf } from '../agent-names.ts';
import type { SavedLists } from '../saved-lists.ts';
import type { SessionLists } from './lists.ts';
import type { OrgRef, Session } from './session.ts';

/**
 * How long opening or switching waits for agent names (and a switch for the organization's space
 * list) before it goes ahead without them: a slow platform must not hold the screen up. Names
 * that come later follow with a `workspace.changed`.
 */
export const SWITCH_WAIT_MS = 3_000;

/** `promise`'s value, or `fallback` once it has taken `ms` (it keeps running). */
export const within = <T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([promise, delay(ms, fallback, { ref: false })]);

type Which = 'organization' | 'space';

export interface AgentNamesLoader {
  /**
   * The agent names of the organization and of the current space, from the platform or the saved
   * copies. Names only make lists readable, so a failure leaves the handles (and is logged); the
   * tracker has recorded what it says about the connection.
   */
  load(s: Session, org: OrgRef, which: Which): Promise<void>;
  /** Loads the names, waiting at most SWITCH_WAIT_MS; later names are announced when they come. */
  loadWithin(s: Session, org: OrgRef, which: Which): Promise<void>;
}

export function createAgentNamesLoader(deps: {
  lists: Pick<SessionLists, 'orSaved' | 'fetchAgents' | 'fetchSpaceAgents'>;
  isCurrent: (s: Session) => boolean;
  /** Announces the workspace state (names that came late). */
  changed: () => void;
  logger: Logger;
}): AgentNamesLoader {
  const { lists, logger } = deps;

  async function load(s: Session, org: OrgRef, which: Which): Promise<void> {
    const space = s.space;
    // Opened offline: only the saved copies, no request that would wait for its timeout.
    const namesFrom = async <T>(
      what: string,
      fetch: () => Promise<T[]>,
      savedCopy: (saved: SavedLists) => Promise<T[] | null>,
    ): Promise<T[] | null> => {
      if (s.openedOffline) return s.saved === null ? null : savedCopy(s.saved);
      return lists.orSaved(s, what, fetch, savedCopy);
    };
    const orgAgents =
      which === 'organization'
        ? namesFrom(
            'agents',
            () => lists.fetchAgents(s, org),
            (saved) => saved.agents(org.handle),
          )
        : null;
    const spaceAgents =
      space === null
        ? Promise.resolve([])
        : namesFrom(
            'space agents',
            () => lists.fetchSpaceAgents(s, org, space.token),
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
        logger.debug('agent names could not be loaded', { error: result.reason });
      }
    }
  }

  return {
    load,
    async loadWithin(s, org, which) {
      const loading = load(s, org, which);
      const inTime = await within(
        loading.then(() => true),
        SWITCH_WAIT_MS,
        false,
      );
      if (!inTime) {
        void loading.then(() => {
          if (deps.isCurrent(s)) deps.changed();
        });
      }
    },
  };
}
