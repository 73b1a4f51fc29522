// The desktop shell's part of the contract: what the native menus and the operating system
// (a CSV opened with the app) tell the window. Kept apart from contract.ts so the channels and
// events of the shell are one spread line there. Imports only zod, like the contract.
import { z } from 'zod';
import type { ErrorCode } from './contract.ts';
import { stagedFileSchema } from './contract-import-files.ts';

/**
 * Every command a native menu item sends to the window. A fixed list, never a generic "run
 * this": the renderer acts on each by name (menu-commands in the renderer).
 */
export const menuCommands = [
  'new-call',
  'import-leads',
  'export-view',
  'sync-now',
  'open-settings',
  'show-tasks',
  'show-agents',
  'show-spaces',
  'show-import',
  'keyboard-shortcuts',
  'about',
] as const;
export const menuCommandSchema = z.enum(menuCommands);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/**
 * A CSV file the operating system handed to the app (command line, second launch, macOS open-file).
 * Its path stays in main, which stages the file when the window takes it.
 */
export const offeredFileSchema = z.object({
  /** The file name alone, for messages. */
  name: z.string(),
  /** ISO time it was offered. */
  at: z.string(),
});
export type OfferedFile = z.infer<typeof offeredFileSchema>;

export const desktopChannels = {
  /**
   * The file last offered to the app and not yet taken, staged for the Import page (as
   * imports.stagePath would), or null; taking it clears it. A file that cannot be staged (moved,
   * unreadable, too big) is the channel's error, with the staging's message. The window asks at
   * start, because a file given on the command line arrives before the window listens.
   */
  'desktop.takeOfferedFile': {
    input: z.object({}).strict(),
    output: stagedFileSchema.nullable(),
    errors: ['not_found', 'bad_request'] as readonly ErrorCode[],
  },
} as const;

export const desktopEvents = {
  /** A native menu item was chosen. */
  'menu.command': z.object({ command: menuCommandSchema }),
  /** A CSV was opened with the app: the window shows Import (which takes it with desktop.takeOfferedFile). */
  'desktop.fileOffered': offeredFileSchema,
} as const;
