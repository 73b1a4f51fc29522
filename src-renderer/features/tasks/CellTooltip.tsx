// The whole text of a list cell that is cut off (an ellipsis), shown beside the cell while the
// pointer is over it or while the keyboard is on it. The cell itself holds the whole text, so
// screen readers already read it all: the tooltip is not tied to the cell (aria-describedby would
// have them read it twice).
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

export interface CellTip {
  text: string;
  /** Where the cell is on screen (viewport coordinates). */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Room the tooltip keeps below a cell; nearer the window's bottom edge it opens above. */
const ROOM_BELOW = 96;
/** How long a pointer's tooltip stays after the pointer leaves its cell: time to move onto it. */
const GRACE_MS = 200;

export type TipSource = 'pointer' | 'keyboard';

/**
 * The one tooltip of a list, and whose it is: the pointer's or the keyboard's. Each source only
 * hides its own, so moving the pointer does not take away the tooltip of the cell the keyboard
 * is on.
 */
export function useCellTip() {
  const [tip, setTip] = useState<{ at: CellTip; source: TipSource } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Stable identities: effects depend on them.
  const [actions] = useState(() => {
    const cancelHide = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
    return {
      /** Shows `at` as `source`'s tooltip; null hides `source`'s. */
      showTip(at: CellTip | null, source: TipSource) {
        cancelHide();
        setTip((current) => {
          if (at !== null) return { at, source };
          return current?.source === source ? null : current;
        });
      },
      /** Hides the tooltip if it is `source`'s, at once or after a short grace. */
      hideTip(source: TipSource, { afterGrace = false } = {}) {
        cancelHide();
        const hide = () => setTip((current) => (current?.source === source ? null : current));
        if (afterGrace) timer.current = setTimeout(hide, GRACE_MS);
        else hide();
      },
      /** Keeps a tooltip that was about to go (the pointer moved onto it). */
      keepTip: cancelHide,
    };
  });
  useEffect(() => actions.keepTip, [actions]);
  return { tip, ...actions };
}

/** The cell's whole text when its content is cut off, otherwise null. */
export function clippedText(cell: HTMLElement): string | null {
  if (cell.scrollWidth <= cell.clientWidth) return null;
  const copy = cell.cloneNode(true) as HTMLElement;
  // A search excerpt spans the whole row below the cell: it is not part of the cell's value.
  for (const extra of copy.querySelectorAll('.task-grid__snippet')) extra.remove();
  const text = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

export function tipFor(cell: HTMLElement): CellTip | null {
  const text = clippedText(cell);
  if (text === null) return null;
  const rect = cell.getBoundingClientRect();
  return { text, top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
}

interface CellTooltipProps {
  tip: CellTip;
  onPointerEnter(): void;
  onPointerLeave(): void;
}

export function CellTooltip({ tip, onPointerEnter, onPointerLeave }: CellTooltipProps) {
  const below = tip.bottom + ROOM_BELOW <= window.innerHeight;
  // Lined up with the cell's left edge, or its right edge in the window's right half.
  const fromLeft = tip.left < window.innerWidth / 2;
  return createPortal(
    <div
      role="tooltip"
      className="cell-tooltip"
      style={{
        ...(fromLeft
          ? { left: Math.max(4, tip.left) }
          : { right: Math.max(4, window.innerWidth - tip.right) }),
        ...(below ? { top: tip.bottom + 2 } : { bottom: window.innerHeight - tip.top + 2 }),
      }}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      {tip.text}
    </div>,
    document.body,
  );
}
