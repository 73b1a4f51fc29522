// Each contract channel → its service call: every area answers its own channels (its
// handlers module), and this only puts them together. The router has already validated the input.
import type { Handlers } from '../ipc/router.ts';
import { createAppHandlers, type AppInfo } from './app-handlers.ts';
import { createImportHandlers } from './imports/handlers.ts';
import type { ImportsService } from './imports/imports-service.ts';
import { createImportFileHandlers } from './imports/lead-file-handlers.ts';
import type { LeadFilesService } from './imports/lead-files-service.ts';
import { createPreferencesHandlers } from './preferences-handlers.ts';
import type { PreferencesService } from './preferences.ts';
import { createProfileHandlers } from './profile-handlers.ts';
import type { ProfilesService } from './profiles-service.ts';
import { createTaskHandlers, type TasksService } from './tasks/index.ts';
import { createWorkspaceHandlers } from './workspace/handlers.ts';
import type { WorkspaceService } from './workspace.ts';

export interface HandlerDeps {
  workspace: WorkspaceService;
  profiles: ProfilesService;
  tasks: TasksService;
  preferences: PreferencesService;
  imports: ImportsService;
  leadFiles: LeadFilesService;
  appInfo: AppInfo;
}

export function createHandlers({
  workspace,
  profiles,
  tasks,
  preferences,
  imports,
  leadFiles,
  appInfo,
}: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(appInfo),
    ...createWorkspaceHandlers(workspace),
    ...createProfileHandlers(profiles),
    ...createTaskHandlers(tasks),
    ...createPreferencesHandlers(preferences),
    ...createImportHandlers(imports),
    ...createImportFileHandlers(leadFiles, appInfo.host),
  };
}
