// The whole text of a list cell that is cut off (an ellipsis), shown beside the cell while the
// pointer is over it or while the keyboard is on it. The cell itself holds the whole text, so
// screen readers already read it all: the tooltip is not tied to the cell (aria-describedby would
// have them read it twice).
import { createPortal } from 'react-dom';

export interface CellTip {
  text: string;
  /** Where the cell is on screen (viewport coordinates). */
  top: number;
  bottom: number;
  left: number;
}

/** Room the tooltip keeps below a cell; nearer the window's bottom edge it opens above. */
const ROOM_BELOW = 96;

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
  return { text, top: rect.top, bottom: rect.bottom, left: rect.left };
}

interface CellTooltipProps {
  tip: CellTip;
  onPointerEnter(): void;
  onPointerLeave(): void;
}

export function CellTooltip({ tip, onPointerEnter, onPointerLeave }: CellTooltipProps) {
  const below = tip.bottom + ROOM_BELOW <= window.innerHeight;
  return createPortal(
    <div
      role="tooltip"
      className="cell-tooltip"
      style={{
        left: Math.max(4, Math.min(tip.left, window.innerWidth - 240)),
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
