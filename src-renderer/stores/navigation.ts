// Which page of the app frame is shown. Kept in the URL hash (#/agents) so the pages are real
// links: Back/Forward work and a reload stays on the page, in Electron and in the web host.
import { create } from 'zustand';
import { requestHeadingFocus } from '../lib/pageFocus.ts';

export const pageIds = ['tasks', 'agents', 'spaces', 'import', 'settings'] as const;
export type PageId = (typeof pageIds)[number];
export const defaultPage: PageId = 'agents';

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return (pageIds as readonly string[]).includes(id) ? (id as PageId) : defaultPage;
}

export const pageHref = (page: PageId): string => `#/${page}`;

export const useNavigationStore = create<{ page: PageId }>()(() => ({
  page: pageFromHash(window.location.hash),
}));

export function startHashRouting(): () => void {
  const onHashChange = () => {
    requestHeadingFocus();
    useNavigationStore.setState({ page: pageFromHash(window.location.hash) });
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
