// The right-click menu as data, from what Electron's `context-menu` event says about the spot
// clicked (its params): in a text field cut, copy, paste and select all, each on when the field
// allows it; on selected text elsewhere, copy. Nothing (no menu) anywhere else.
import type { MenuEntry, MenuRole } from './app-menu.ts';

/** The part of Electron's ContextMenuParams this needs. */
export interface ContextMenuParams {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type ContextMenuEntry =
  | Extract<MenuEntry, { type: 'separator' }>
  | {
      type: 'role';
      role: MenuRole;
      label: string;
      enabled: boolean;
    };

export function buildContextMenu(params: ContextMenuParams): ContextMenuEntry[] {
  const { editFlags } = params;
  if (params.isEditable) {
    return [
      { type: 'role', role: 'cut', label: 'Cut', enabled: editFlags.canCut },
      { type: 'role', role: 'copy', label: 'Copy', enabled: editFlags.canCopy },
      { type: 'role', role: 'paste', label: 'Paste', enabled: editFlags.canPaste },
      { type: 'separator' },
      { type: 'role', role: 'selectAll', label: 'Select all', enabled: editFlags.canSelectAll },
    ];
  }
  if (params.selectionText.trim() !== '') {
    return [{ type: 'role', role: 'copy', label: 'Copy', enabled: true }];
  }
  return [];
}
