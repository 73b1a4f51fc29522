// Which task lists main answers for: only the current space, or an agent of the current
// organization. No list, count, overview, export or sync can answer for a space of another
// organization, whatever the renderer asks.
import type { Organization, TaskScope } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { ActiveSession } from '../workspace.ts';

export const notSignedIn = () =>
  new AppError('not_signed_in', 'No workspace is open. Open the demo or sign in with an API token first.');
export const noOrganization = () =>
  new AppError('no_organization', 'Choose an organization first: its spaces and agents hold the tasks.');

/** The session and its organization; throws when none is chosen. */
export function withOrganization(session: ActiveSession | null): {
  session: ActiveSession;
  organization: Organization;
} {
  const organization = session?.organization ?? null;
  if (session === null || organization === null) throw noOrganization();
  return { session, organization };
}

/** Refuses a scope that is not the session's current space or an agent of its organization. */
export function checkScope(session: ActiveSession, organization: Organization, scope: TaskScope): void {
  if (scope.kind === 'space' && scope.spaceToken !== session.spaceToken) {
    throw new AppError(
      'not_found',
      session.spaceToken === null
        ? `No space of ${organization.name} is chosen. Choose a space in the bar above to see its tasks.`
        : `This list is not of the space chosen in ${organization.name}. Choose the space in the bar above to see its tasks.`,
    );
  }
  if (scope.kind === 'agent' && !session.agentHandles.has(scope.agentHandle)) {
    throw new AppError(
      'not_found',
      `This agent is not one of ${organization.name}'s. Choose an agent of this organization to see its tasks.`,
    );
  }
}
