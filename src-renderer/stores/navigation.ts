// Which page of the app frame is shown. Kept in the URL hash (#/agents) so the pages are real
// links: Back/Forward work and a reload stays on the page, in Electron and in the web host.
// A workspace that opens shows the page last used in it (main remembers it), Tasks at first.
import { create } from 'zustand';
import type { PageId as ContractPageId } from '../../src-main/ipc/contract.ts';
import { requestHeadingFocus } from '../lib/pageFocus.ts';

export const pageIds = [
  'tasks',
  'agents',
  'spaces',
  'import',
  'settings',
] as const satisfies readonly ContractPageId[];
export type PageId = (typeof pageIds)[number];
// Compile-time proof that the list names every page main can remember.
const _allPagesListed: [Exclude<ContractPageId, PageId>] extends [never] ? true : never = true;

/** The supervisor's page: where a workspace opens until another page was used in it. */
export const defaultPage: PageId = 'tasks';

/** The page a hash names, or null when it names none. */
export function pageInHash(hash: string): PageId | null {
  const id = hash.replace(/^#\/?/, '');
  return (pageIds as readonly string[]).includes(id) ? (id as PageId) : null;
}

export function pageFromHash(hash: string): PageId {
  return pageInHash(hash) ?? defaultPage;
}

export const pageHref = (page: PageId): string => `#/${page}`;

export const useNavigationStore = create<{ page: PageId }>()(() => ({
  page: pageFromHash(window.location.hash),
}));

/**
 * Shows `page` as the one a workspace opens on. Replaces the address rather than adding to the
 * history: Back should not lead into the previous workspace's page.
 */
export function showOpeningPage(page: PageId): void {
  if (pageInHash(window.location.hash) !== page) {
    window.history.replaceState(window.history.state, '', pageHref(page));
  }
  useNavigationStore.setState({ page });
}

export function startHashRouting(): () => void {
  const onHashChange = () => {
    requestHeadingFocus();
    useNavigationStore.setState({ page: pageFromHash(window.location.hash) });
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
