// Keeps the pickers' lists in step with the workspace: organizations per workspace, spaces per
// organization.
import { useEffect } from 'react';
import { afterFirstScreen } from '../../lib/firstScreen.ts';
import { useOrganizationsStore, useSpacesStore } from '../../stores/lists.ts';
import { useWorkspaceStore } from '../../stores/workspace.ts';

export function useFrameData(): void {
  const workspaceKey = useWorkspaceStore((s) =>
    s.state ? `${s.state.kind}:${s.state.profileId ?? ''}` : null,
  );
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);

  useEffect(() => {
    if (!workspaceKey) return;
    return afterFirstScreen(() => void useOrganizationsStore.getState().load(workspaceKey));
  }, [workspaceKey]);

  useEffect(() => {
    if (!organization) {
      useSpacesStore.getState().reset();
      return;
    }
    return afterFirstScreen(() => void useSpacesStore.getState().load(organization));
  }, [organization]);
}
