// The workspace, organization, space and agent channels → the workspace service. The router has
// already validated the input.
import type { Handlers } from '../../ipc/router.ts';
import type { WorkspaceService } from '../workspace.ts';

type WorkspaceChannel =
  | 'workspace.getState'
  | 'workspace.openDemo'
  | 'workspace.close'
  | 'workspace.rememberPage'
  | 'organizations.list'
  | 'organizations.select'
  | 'spaces.list'
  | 'spaces.select'
  | 'agents.list';

export function createWorkspaceHandlers(
  workspace: Pick<
    WorkspaceService,
    | 'getState'
    | 'openDemo'
    | 'close'
    | 'rememberPage'
    | 'listOrganizations'
    | 'selectOrganization'
    | 'listSpaces'
    | 'selectSpace'
    | 'listAgents'
  >,
): Pick<Handlers, WorkspaceChannel> {
  return {
    'workspace.getState': () => workspace.getState(),
    'workspace.openDemo': () => workspace.openDemo(),
    'workspace.close': () => workspace.close(),
    'workspace.rememberPage': ({ page }) => workspace.rememberPage(page),
    'organizations.list': () => workspace.listOrganizations(),
    'organizations.select': ({ domainHandle }) => workspace.selectOrganization(domainHandle),
    'spaces.list': () => workspace.listSpaces(),
    'spaces.select': ({ token }) => workspace.selectSpace(token),
    'agents.list': () => workspace.listAgents(),
  };
}
