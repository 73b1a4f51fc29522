// Help → Keyboard shortcuts: the native menus' shortcuts for this computer's system, and the
// task list's own keys.
import { Dialog } from '../auth/Dialog.tsx';
import { isMacPlatform, menuShortcuts, taskListShortcuts, type Shortcut } from './shortcuts.ts';
import './desktop.css';

function ShortcutTable({
  caption,
  shortcuts,
  mac,
}: {
  caption: string;
  shortcuts: Shortcut[];
  mac: boolean;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Keys</th>
        </tr>
      </thead>
      <tbody>
        {shortcuts.map((s) => (
          <tr key={s.action}>
            <td>{s.action}</td>
            <td>
              <kbd>{mac ? s.keys.mac : s.keys.other}</kbd>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const mac = isMacPlatform(navigator.userAgent);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        <ShortcutTable caption="Menus" shortcuts={menuShortcuts} mac={mac} />
        <ShortcutTable caption="In the task list" shortcuts={taskListShortcuts} mac={mac} />
      </div>
      <div className="dialog__actions--end">
        <button type="button" className="button button--primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
