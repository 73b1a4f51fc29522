// "Keyboard shortcuts": every key the app answers, grouped by where the focus must be.
import { Dialog } from '../auth/Dialog.tsx';
import { isMacPlatform } from '../desktop/shortcuts.ts';
import { menuShortcutGroup, SHORTCUT_GROUPS } from './shortcuts.ts';
import '../player/player.css';

export function KeyboardShortcutsDialog({ onClose }: { onClose(): void }) {
  const groups = [...SHORTCUT_GROUPS, menuShortcutGroup(isMacPlatform(navigator.userAgent))];
  return (
    <Dialog
      title="Keyboard shortcuts"
      description="Keys work where the focus is, so the task list and the player can share them."
      onClose={onClose}
    >
      {/* It scrolls in a short window: a Tab stop, so the keyboard can scroll it too. */}
      <div className="shortcuts" role="region" aria-label="All shortcuts" tabIndex={0}>
        {groups.map((group) => (
          <section
            key={group.title}
            className="shortcuts__group"
            aria-labelledby={`shortcuts-${group.title}`}
          >
            <h3 id={`shortcuts-${group.title}`}>{group.title}</h3>
            <p className="shortcuts__where">{group.where}</p>
            <table className="shortcuts__table">
              <thead>
                <tr>
                  <th scope="col">Keys</th>
                  <th scope="col">What they do</th>
                </tr>
              </thead>
              <tbody>
                {group.shortcuts.map((s) => (
                  <tr key={s.action}>
                    <td>
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && ' or '}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{s.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="shortcuts__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
