// The current space of the current organization, as a labelled select.
import { useSpacesStore, useWorkspaceStore } from '../../stores/context.ts';

export function SpacePicker() {
  const current = useWorkspaceStore((s) => s.state?.space ?? null);
  const pending = useWorkspaceStore((s) => s.pendingSpace);
  const selectSpace = useWorkspaceStore((s) => s.selectSpace);
  const spaces = useSpacesStore((s) => s.items);
  const status = useSpacesStore((s) => s.status);

  const options =
    current && !spaces.some((space) => space.token === current.token) ? [current, ...spaces] : spaces;
  const value = pending ?? current?.token ?? '';
  const placeholder =
    status === 'loading'
      ? 'Loading…'
      : status === 'error'
        ? 'Spaces unavailable'
        : options.length === 0
          ? 'No spaces'
          : 'Choose a space';

  return (
    <div className="picker">
      <label htmlFor="space-picker">Space</label>
      <select
        id="space-picker"
        value={value}
        aria-busy={status === 'loading' || pending !== null || undefined}
        onChange={(event) => {
          if (event.target.value) void selectSpace(event.target.value);
        }}
      >
        {value === '' && <option value="">{placeholder}</option>}
        {options.map((space) => (
          <option key={space.token} value={space.token}>
            {space.name}
          </option>
        ))}
      </select>
    </div>
  );
}
