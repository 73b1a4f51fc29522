// Maps the page id to its screen.
import type { PageId } from '../../stores/navigation.ts';
import { AgentsPage } from '../agents/AgentsPage.tsx';
import { ImportPage } from '../import/ImportPage.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { SpacesPage } from '../spaces/SpacesPage.tsx';
import { TasksPage } from '../tasks/TasksPage.tsx';

export function CurrentPage({ page }: { page: PageId }) {
  switch (page) {
    case 'tasks':
      return <TasksPage />;
    case 'agents':
      return <AgentsPage />;
    case 'spaces':
      return <SpacesPage />;
    case 'import':
      return <ImportPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
