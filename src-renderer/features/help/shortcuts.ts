// Every keyboard shortcut of the app, in one place: the "Keyboard shortcuts" dialog lists these,
// and the README's table says the same. Each group applies while the focus is in that part of
// the app, which is how the list and the player share j, k and the arrows. The desktop app's menu
// keys come from desktop/shortcuts.ts (a unit test keeps them equal to main's menu).
import { menuShortcuts } from '../desktop/shortcuts.ts';

export interface Shortcut {
  keys: string[];
  action: string;
}

export interface ShortcutGroup {
  title: string;
  /** Where the focus must be for these keys to work. */
  where: string;
  shortcuts: Shortcut[];
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Task list',
    where: 'While the list of tasks has the focus (Tab to it, or "Jump to list" after the search box).',
    shortcuts: [
      { keys: ['↓', 'j'], action: 'Next task' },
      { keys: ['↑', 'k'], action: 'Previous task' },
      { keys: ['Page Down', 'Page Up'], action: 'A screenful down or up' },
      { keys: ['Home', 'End'], action: 'First or last task' },
      { keys: ['←', '→'], action: "Move between the task's cells (a cut-off one shows its whole text)" },
      { keys: ['Escape'], action: "Hide the cell's full text" },
    ],
  },
  {
    title: 'Column headers',
    where: "While a column's resize handle has the focus.",
    shortcuts: [
      { keys: ['←', '→'], action: 'Narrower or wider (Shift: in bigger steps)' },
      { keys: ['Home', 'End'], action: 'Narrowest or widest' },
      { keys: ['Enter'], action: 'Back to the automatic width' },
    ],
  },
  {
    title: 'Recording player',
    where: 'While the player or its transcript has the focus.',
    shortcuts: [
      { keys: ['Space', 'k'], action: 'Play or pause' },
      { keys: ['←', '→'], action: 'Back or forward 5 seconds' },
      { keys: ['j', 'l'], action: 'Back or forward 10 seconds' },
      { keys: ['Home', 'End'], action: 'Start or end of the recording' },
      { keys: ['<', '>'], action: 'Slower or faster' },
      { keys: ['m'], action: 'Mute or unmute' },
      { keys: ['?'], action: 'Show these shortcuts' },
    ],
  },
  {
    title: 'Transcript',
    where: 'While an utterance of the transcript has the focus.',
    shortcuts: [{ keys: ['Enter'], action: 'Play from this utterance' }],
  },
  {
    title: 'Dialogs and menus',
    where: 'Anywhere a dialog or menu is open.',
    shortcuts: [
      { keys: ['Escape'], action: 'Close it' },
      { keys: ['↑', '↓'], action: 'Move through a menu (the profile switcher)' },
    ],
  },
];

/** The desktop app's menu keys, written as this system writes them (⌘ on macOS, Ctrl elsewhere). */
export function menuShortcutGroup(mac: boolean): ShortcutGroup {
  return {
    title: 'Menus',
    where: "Anywhere in the desktop app's window (the browser's own keys apply in the web host).",
    shortcuts: menuShortcuts.map((s) => ({ action: s.action, keys: [mac ? s.keys.mac : s.keys.other] })),
  };
}
