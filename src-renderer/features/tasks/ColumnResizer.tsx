// The right edge of a column header, to make the column wider or narrower: drag it, or focus it
// and use the arrow keys (a separator in the WAI-ARIA window-splitter pattern: Home and End go to
// the narrowest and widest, Enter gives the column back its own width, as a double-click does).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_COLUMN_WIDTH, type PlacedColumn } from './columns.ts';

const STEP = 10;
const BIG_STEP = 50;

export const RESIZE_KEYS_ID = 'task-grid-resize-keys';

interface ColumnResizerProps {
  column: PlacedColumn;
  /** A width in px, or null for "size it to the space" again. */
  onResize(width: number | null): void;
}

const clamp = (width: number, column: PlacedColumn) =>
  Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(column.min, width)));

export function ColumnResizer({ column, onResize }: ColumnResizerProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next: Record<string, number | null> = {
      ArrowLeft: column.shown - step,
      ArrowDown: column.shown - step,
      ArrowRight: column.shown + step,
      ArrowUp: column.shown + step,
      Home: column.min,
      End: MAX_COLUMN_WIDTH,
      Enter: null,
    };
    if (!(event.key in next)) return;
    // The list's own keys (arrows move the selection) do not apply while resizing.
    event.preventDefault();
    event.stopPropagation();
    const width = next[event.key]!;
    onResize(width === null ? null : clamp(width, column));
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    drag.current = { startX: event.clientX, startWidth: column.shown };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    onResize(clamp(drag.current.startWidth + event.clientX - drag.current.startX, column));
  }

  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.label} column`}
      aria-valuenow={column.shown}
      aria-valuemin={column.min}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-describedby={RESIZE_KEYS_ID}
      tabIndex={0}
      className="task-grid__resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => onResize(null)}
      // A click on the edge must not reach the header's sort button.
      onClick={(event) => event.stopPropagation()}
    />
  );
}
