// Failures of the frame's own work (switching organization or space, loading the pickers'
// lists), shown at the top of the content where they are seen and reachable by keyboard.
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useOrganizationsStore, useSpacesStore, useWorkspaceStore } from '../../stores/context.ts';
import type { WorkspaceAction } from '../../stores/workspace.ts';
import { AuthNotices } from '../auth/AuthNotices.tsx';

const failureTitles: Record<WorkspaceAction, string> = {
  openDemo: 'Could not open the demo workspace',
  close: 'Could not leave the workspace',
  organization: 'Could not switch the organization',
  space: 'Could not switch the space',
};

export function FrameNotices() {
  const failure = useWorkspaceStore((s) => s.failure);
  const dismissFailure = useWorkspaceStore((s) => s.dismissFailure);
  const organizations = useOrganizationsStore();
  const spaces = useSpacesStore();

  return (
    <>
      <AuthNotices />
      {failure && (
        <ErrorNotice
          title={failureTitles[failure.action]}
          error={failure.error}
          onRetry={() => void failure.retry()}
          onDismiss={dismissFailure}
        />
      )}
      {organizations.error && (
        <ErrorNotice
          title="Could not load the organizations"
          error={organizations.error}
          onRetry={() => void organizations.retry()}
        />
      )}
      {spaces.error && (
        <ErrorNotice
          title="Could not load the spaces"
          error={spaces.error}
          onRetry={() => void spaces.retry()}
        />
      )}
    </>
  );
}
