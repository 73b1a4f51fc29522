// Hands the app's stores (made once in main.tsx) to every component below it.
import type { ReactNode } from 'react';
import { StoresContext } from './context.ts';
import type { AppStores } from './registry.ts';

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}
