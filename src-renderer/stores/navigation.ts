// Which page of the app frame is shown. Kept in the URL hash (#/agents) so the pages are real
// links: Back/Forward work and a reload stays on the page, in Electron and in the web host.
// A workspace that opens shows the page last used in it (main remembers it), Tasks at first.
// The store reads and writes the address through a `PageAddress`: the window's in the app, a
// plain object in unit tests (which run without a window).
import { createStore, type StoreApi } from 'zustand/vanilla';
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

/** The address bar's hash, as the navigation store uses it. */
export interface PageAddress {
  hash(): string;
  /** Replaces the hash without adding a history entry. */
  replaceHash(hash: string): void;
  /** Calls `listener` when the hash changes (a link, Back/Forward); returns the undo. */
  onHashChange(listener: () => void): () => void;
}

/** The window's address (the app's). */
export function windowAddress(): PageAddress {
  return {
    hash: () => window.location.hash,
    replaceHash: (hash) => window.history.replaceState(window.history.state, '', hash),
    onHashChange(listener) {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
  };
}

export interface NavigationStore {
  page: PageId;
  /** The page the address names now, or null (a reload keeps the page it names). */
  pageInAddress(): PageId | null;
  /**
   * Shows `page` as the one a workspace opens on. Replaces the address rather than adding to the
   * history: Back should not lead into the previous workspace's page.
   */
  showOpeningPage(page: PageId): void;
  /** Follows the address as the user moves (links, Back/Forward); returns the undo. */
  followAddress(): () => void;
}

export const createNavigationStore = (address: PageAddress): StoreApi<NavigationStore> =>
  createStore<NavigationStore>()((set) => ({
    page: pageFromHash(address.hash()),
    pageInAddress: () => pageInHash(address.hash()),
    showOpeningPage(page) {
      if (pageInHash(address.hash()) !== page) address.replaceHash(pageHref(page));
      set({ page });
    },
    followAddress() {
      return address.onHashChange(() => {
        requestHeadingFocus();
        set({ page: pageFromHash(address.hash()) });
      });
    },
  }));
