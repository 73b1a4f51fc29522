// Loads the saved profiles when a screen that shows them appears, and again whenever another
// workspace opens (its "last used" and token state change).
import { useEffect } from 'react';
import { afterFirstScreen } from '../../lib/firstScreen.ts';
import { useStores, useWorkspaceStore } from '../../stores/context.ts';

export function useProfiles(): void {
  const workspaceKey = useWorkspaceStore((s) => `${s.state?.kind ?? ''}:${s.state?.profileId ?? ''}`);
  const { auth } = useStores();
  useEffect(() => afterFirstScreen(() => void auth.getState().load()), [workspaceKey, auth]);
}
