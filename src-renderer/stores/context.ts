// How components reach the app's stores: the registry made in main.tsx, provided by
// StoresProvider. The hooks read a store like zustand's own (`useTasksStore((s) => s.total)`);
// code that acts outside rendering takes the store itself from `useStores()`.
import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppStores } from './registry.ts';

export const StoresContext = createContext<AppStores | null>(null);

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a StoresProvider above it');
  return stores;
}

interface BoundStore<T> {
  (): T;
  <U>(selector: (state: T) => U): U;
}

const whole = <T>(state: T): T => state;

/** A hook over one store of the registry, with an optional selector. */
function bind<T>(pick: (stores: AppStores) => StoreApi<T>): BoundStore<T> {
  return function useBoundStore<U>(selector?: (state: T) => U) {
    return useStore(pick(useStores()), selector ?? (whole as (state: T) => U));
  } as BoundStore<T>;
}

export const useWorkspaceStore = bind((s) => s.workspace);
export const useAuthStore = bind((s) => s.auth);
export const useConnectionStore = bind((s) => s.connection);
export const useNavigationStore = bind((s) => s.navigation);
export const useTasksStore = bind((s) => s.tasks);
export const usePreferencesStore = bind((s) => s.preferences);
export const useAgentFiltersStore = bind((s) => s.agentFilters);
export const useDesktopStore = bind((s) => s.desktop);
export const useOrganizationsStore = bind((s) => s.lists.organizations);
export const useSpacesStore = bind((s) => s.lists.spaces);
export const useAgentsStore = bind((s) => s.lists.agents);
export const useImportsStore = bind((s) => s.imports);
export const useImportDraftStore = bind((s) => s.importDraft);
