// Each contract channel → its service call. The router has already validated the input.
import type { Handlers } from '../ipc/router.ts';
import type { PreferencesService } from './preferences.ts';
import { createProfileHandlers, type ProfilesService } from './profiles-service.ts';
import { createTaskHandlers, type TasksService } from './tasks/index.ts';
import type { WorkspaceService } from './workspace.ts';

export interface HandlerDeps {
  workspace: WorkspaceService;
  profiles: ProfilesService;
  tasks: TasksService;
  preferences: PreferencesService;
  appInfo: { version: string; host: 'electron' | 'web' };
}

export function createHandlers({ workspace, profiles, tasks, preferences, appInfo }: HandlerDeps): Handlers {
  return {
    ...createProfileHandlers(profiles),
    ...createTaskHandlers(tasks),
    'app.getInfo': () => ({ version: appInfo.version, host: appInfo.host }),
    'workspace.getState': () => workspace.getState(),
    'workspace.openDemo': () => workspace.openDemo(),
    'workspace.close': () => workspace.close(),
    'workspace.rememberPage': ({ page }) => workspace.rememberPage(page),
    'organizations.list': () => workspace.listOrganizations(),
    'organizations.select': ({ domainHandle }) => workspace.selectOrganization(domainHandle),
    'spaces.list': () => workspace.listSpaces(),
    'spaces.select': ({ token }) => workspace.selectSpace(token),
    'agents.list': () => workspace.listAgents(),
    'preferences.get': () => preferences.get(),
    'preferences.set': (patch) => preferences.set(patch),
  };
}
