// Loads the saved profiles when a screen that shows them appears, and again whenever another
// workspace opens (its "last used" and token state change).
import { useEffect } from 'react';
import { afterFirstScreen } from '../../lib/firstScreen.ts';
import { useAuthStore } from '../../stores/auth.ts';
import { useWorkspaceStore } from '../../stores/workspace.ts';

export function useProfiles(): void {
  const workspaceKey = useWorkspaceStore((s) => `${s.state?.kind ?? ''}:${s.state?.profileId ?? ''}`);
  useEffect(() => afterFirstScreen(() => void useAuthStore.getState().load()), [workspaceKey]);
}
