// Whether the list's filters beyond the search box are shown. In a window that is short when the
// app starts they start folded, so the list has rows on screen as the page opens; the user's
// choice then holds for the session (also across the Calls and Overview tabs, and other pages).
import { create } from 'zustand';

/** Shorter than this, the filters start folded. */
const SHORT_WINDOW = '(max-height: 799px)';

interface FiltersOpenStore {
  open: boolean;
  toggle(): void;
}

export const useFiltersOpen = create<FiltersOpenStore>()((set, get) => ({
  open: !window.matchMedia(SHORT_WINDOW).matches,
  toggle: () => set({ open: !get().open }),
}));
