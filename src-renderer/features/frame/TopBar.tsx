// The bar across the top: brand, organization and space pickers, demo badge, connection state
// and the way back to the welcome screen.
import { useWorkspaceStore } from '../../stores/context.ts';
import { ProfileSwitcher } from '../auth/ProfileSwitcher.tsx';
import { ImportIndicator } from '../import/ImportIndicator.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { OrganizationPicker } from './OrganizationPicker.tsx';
import { RejectedTokenAction } from './RejectedTokenAction.tsx';
import { SpacePicker } from './SpacePicker.tsx';

export function TopBar() {
  const kind = useWorkspaceStore((s) => s.state?.kind);
  const close = useWorkspaceStore((s) => s.close);
  const closing = useWorkspaceStore((s) => s.busy === 'close');

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="topbar__product">Unpod Desk</span>
      </div>
      <div className="topbar__pickers">
        <OrganizationPicker />
        <SpacePicker />
      </div>
      <div className="topbar__end">
        <ImportIndicator />
        {kind === 'demo' && <span className="badge badge--demo">Demo workspace</span>}
        <ProfileSwitcher />
        <ConnectionIndicator />
        <RejectedTokenAction />
        <button
          type="button"
          className="button button--quiet"
          aria-disabled={closing || undefined}
          onClick={() => {
            if (!closing) void close();
          }}
        >
          Leave workspace
        </button>
      </div>
    </header>
  );
}
