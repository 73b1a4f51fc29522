// "Show these calls": the task list of the import's space, filtered to the tasks the import
// created (main matches the task ids its journal recorded).
import type { ImportSummary } from '../../../src-main/ipc/contract-imports.ts';
import { pageHref } from '../../stores/navigation.ts';
import type { AppStores } from '../../stores/registry.ts';

export async function showImportCalls(stores: AppStores, summary: ImportSummary): Promise<void> {
  const { workspace, tasks } = stores;
  if (workspace.getState().state?.space?.token !== summary.spaceToken) {
    await workspace.getState().selectSpace(summary.spaceToken);
    // The space could not be chosen (gone, offline): its calls cannot be listed; the picker says why.
    if (workspace.getState().state?.space?.token !== summary.spaceToken) return;
  }
  tasks.getState().setScope({ kind: 'space', spaceToken: summary.spaceToken });
  tasks.getState().setFilters({ importId: summary.id });
  window.location.hash = pageHref('tasks');
}
