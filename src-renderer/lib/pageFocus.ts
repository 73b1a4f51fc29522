// Moves keyboard focus to a screen's heading after the user moved to another screen (a nav
// link, opening or leaving a workspace), so keyboard and screen-reader users land on the new
// content. Not on the first load: then the skip link stays the first Tab stop.
import { useEffect, useRef } from 'react';

let focusRequested = false;

/** Asks the next screen heading that appears to take focus. */
export function requestHeadingFocus(): void {
  focusRequested = true;
}

/** A ref for a screen's heading (give it tabIndex={-1}); focuses it when a move asked for it. */
export function useHeadingFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!focusRequested || !ref.current) return;
    focusRequested = false;
    ref.current.focus();
  }, []);
  return ref;
}
