// The agents page's filters. Kept in a store so they survive switching pages.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface AgentFilters {
  /** '' means any type. */
  type: string;
  /** '' means any state. */
  state: string;
  text: string;
}

export interface AgentFiltersStore extends AgentFilters {
  setType(type: string): void;
  setState(state: string): void;
  setText(text: string): void;
  clear(): void;
}

const none: AgentFilters = { type: '', state: '', text: '' };

export const createAgentFiltersStore = (): StoreApi<AgentFiltersStore> =>
  createStore<AgentFiltersStore>()((set) => ({
    ...none,
    setType: (type) => set({ type }),
    setState: (state) => set({ state }),
    setText: (text) => set({ text }),
    clear: () => set(none),
  }));
