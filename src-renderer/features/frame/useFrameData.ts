// Keeps the pickers' lists in step with the workspace: organizations per workspace, spaces per
// organization.
import { useEffect } from 'react';
import { useOrganizationsStore, useSpacesStore } from '../../stores/lists.ts';
import { useWorkspaceStore } from '../../stores/workspace.ts';

export function useFrameData(): void {
  const workspaceKey = useWorkspaceStore((s) =>
    s.state ? `${s.state.kind}:${s.state.profileId ?? ''}` : null,
  );
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);

  useEffect(() => {
    if (workspaceKey) void useOrganizationsStore.getState().load(workspaceKey);
  }, [workspaceKey]);

  useEffect(() => {
    if (organization) void useSpacesStore.getState().load(organization);
    else useSpacesStore.getState().reset();
  }, [organization]);
}
