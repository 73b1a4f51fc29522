// The Import page's side of File → Import leads… and File → New call… (menuCommands.ts leaves the
// request in the desktop store, and the page may only just be showing): each hook acts on its
// request once.
import { useEffect, useRef } from 'react';
import { useDesktopStore } from '../../stores/context.ts';

/**
 * Import leads…: focuses the file chooser, or "Choose another file" while a file is shown (its
 * preview is not thrown away by a menu). Only focused: a page's file chooser opens on a click in
 * the page, so the desktop app shows the system's open dialog itself.
 */
export function useMenuChooser(fileShown: boolean) {
  const input = useRef<HTMLInputElement>(null);
  const another = useRef<HTMLButtonElement>(null);
  const requested = useDesktopStore((s) => s.importRequest === 'choose-file');
  const claim = useDesktopStore((s) => s.claimImportRequest);
  useEffect(() => {
    if (!requested || !claim('choose-file')) return;
    // After the page's heading took focus on arrival. Not cancelled when the effect reruns:
    // claiming the request is what reruns it.
    requestAnimationFrame(() => (fileShown ? another.current : input.current)?.focus());
  }, [requested, claim, fileShown]);
  return { inputRef: input, anotherRef: another };
}

/** New call…: opens the New call dialog (only where `enabled`: the Import page's button). */
export function useMenuNewCall(enabled: boolean, open: () => void): void {
  const requested = useDesktopStore((s) => s.importRequest === 'new-call');
  const claim = useDesktopStore((s) => s.claimImportRequest);
  useEffect(() => {
    if (enabled && requested && claim('new-call')) open();
  }, [enabled, requested, claim, open]);
}
