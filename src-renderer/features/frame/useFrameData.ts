// Keeps the pickers' lists in step with the workspace: organizations per workspace, spaces per
// organization.
import { useEffect } from 'react';
import { afterFirstScreen } from '../../lib/firstScreen.ts';
import { useStores, useWorkspaceStore } from '../../stores/context.ts';

export function useFrameData(): void {
  const workspaceKey = useWorkspaceStore((s) =>
    s.state ? `${s.state.kind}:${s.state.profileId ?? ''}` : null,
  );
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);
  const { organizations, spaces } = useStores().lists;

  useEffect(() => {
    if (!workspaceKey) return;
    return afterFirstScreen(() => void organizations.getState().load(workspaceKey));
  }, [workspaceKey, organizations]);

  useEffect(() => {
    if (!organization) {
      spaces.getState().reset();
      return;
    }
    return afterFirstScreen(() => void spaces.getState().load(organization));
  }, [organization, spaces]);
}
