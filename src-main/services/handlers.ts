// Each contract channel → its service call: every area answers its own channels (its
// handlers module), and this only puts them together. The router has already validated the input.
import type { Handlers } from '../ipc/router.ts';
import { createAppHandlers, type AppInfo } from './app-handlers.ts';
import { createImportSendHandlers } from './imports/send-handlers.ts';
import type { ImportSendService } from './imports/send-service.ts';
import { createImportFileHandlers } from './imports/handlers.ts';
import type { ImportsService } from './imports/imports-service.ts';
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
  importSend: ImportSendService;
  appInfo: AppInfo;
  imports: ImportsService;
}

export function createHandlers({
  workspace,
  profiles,
  tasks,
  preferences,
  importSend,
  appInfo,
  imports,
}: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(appInfo),
    ...createWorkspaceHandlers(workspace),
    ...createProfileHandlers(profiles),
    ...createTaskHandlers(tasks),
    ...createPreferencesHandlers(preferences),
    ...createImportSendHandlers(importSend),
    ...createImportFileHandlers(imports, appInfo.host),
  };
}
