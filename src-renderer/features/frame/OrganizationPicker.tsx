// The current organization, as a labelled select. Changing it asks main to switch; the select
// shows the choice while that runs and follows main's answer afterwards.
import { useOrganizationsStore, useWorkspaceStore } from '../../stores/context.ts';

export function OrganizationPicker() {
  const current = useWorkspaceStore((s) => s.state?.organization ?? null);
  const pending = useWorkspaceStore((s) => s.pendingOrganization);
  const selectOrganization = useWorkspaceStore((s) => s.selectOrganization);
  const organizations = useOrganizationsStore((s) => s.items);
  const status = useOrganizationsStore((s) => s.status);

  // Until the list arrives, still show the current organization.
  const options =
    current && !organizations.some((o) => o.domainHandle === current.domainHandle)
      ? [current, ...organizations]
      : organizations;
  const value = pending ?? current?.domainHandle ?? '';

  return (
    <div className="picker">
      <label htmlFor="organization-picker">Organization</label>
      <select
        id="organization-picker"
        value={value}
        aria-busy={status === 'loading' || pending !== null || undefined}
        onChange={(event) => {
          if (event.target.value) void selectOrganization(event.target.value);
        }}
      >
        {value === '' && (
          <option value="">
            {status === 'loading'
              ? 'Loading…'
              : status === 'error'
                ? 'Organizations unavailable'
                : 'Choose an organization'}
          </option>
        )}
        {options.map((organization) => (
          <option key={organization.domainHandle} value={organization.domainHandle}>
            {organization.name}
          </option>
        ))}
      </select>
    </div>
  );
}
