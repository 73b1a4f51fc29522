// The native menus' keyboard shortcuts, as the menu module in main defines them (a unit test keeps
// the two equal), for the "Keyboard shortcuts" dialog (help/shortcuts.ts has the app's own keys).

export interface Shortcut {
  action: string;
  /** Per platform: macOS writes ⌘ and ⌥, others Ctrl and Alt. */
  keys: { mac: string; other: string };
}

const both = (mac: string, other: string) => ({ mac, other });

export const menuShortcuts: Shortcut[] = [
  { action: 'New call…', keys: both('⌘N', 'Ctrl+N') },
  { action: 'Import leads…', keys: both('⌘O', 'Ctrl+O') },
  { action: 'Export view…', keys: both('⌘E', 'Ctrl+E') },
  { action: 'Sync now', keys: both('⌘R', 'F5') },
  { action: 'Settings', keys: both('⌘,', 'Ctrl+,') },
  { action: 'Tasks', keys: both('⌘1', 'Ctrl+1') },
  { action: 'Agents', keys: both('⌘2', 'Ctrl+2') },
  { action: 'Spaces', keys: both('⌘3', 'Ctrl+3') },
  { action: 'Import', keys: both('⌘4', 'Ctrl+4') },
  { action: 'Keyboard shortcuts', keys: both('⌘/', 'Ctrl+/') },
  { action: 'Zoom in, zoom out, actual size', keys: both('⌘+  ⌘−  ⌘0', 'Ctrl++  Ctrl+−  Ctrl+0') },
  { action: 'Full screen', keys: both('⌃⌘F', 'F11') },
];

export const isMacPlatform = (userAgent: string): boolean => /\bMac OS X\b|\bMacintosh\b/.test(userAgent);
