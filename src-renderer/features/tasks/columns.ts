// The task list's columns and how they share the list's width. Every row is its own CSS grid, so
// the tracks are computed here, in pixels, once for all rows: a column the user resized keeps the
// width they gave it, the others share what is left in proportion to their usual widths (never
// below the width their header needs), and when even the narrowest widths do not fit, the least
// important columns leave the list (the detail beside it shows every field), so it never scrolls
// sideways.
import type { TaskColumnId, TaskSort } from '../../../src-main/ipc/contract.ts';

export interface TaskColumn {
  id: TaskColumnId;
  label: string;
  sort?: TaskSort['field'];
  numeric?: boolean;
  /** The narrowest it gets, in px: its header (name, sort mark, resize edge) fits. */
  min: number;
  /** Its usual width in px: the spare width is shared in these proportions. */
  width: number;
  /** 1 is the most important; the highest numbers leave first when the list is narrow. */
  priority: number;
}

/** The widest a user can make a column, in px. */
export const MAX_COLUMN_WIDTH = 800;

export const TASK_COLUMNS: readonly TaskColumn[] = [
  { id: 'name', label: 'Name', sort: 'name', min: 140, width: 190, priority: 1 },
  { id: 'number', label: 'Number', min: 128, width: 145, priority: 7 },
  { id: 'status', label: 'Status', sort: 'status', min: 114, width: 125, priority: 2 },
  { id: 'outcome', label: 'Outcome', min: 108, width: 140, priority: 4 },
  { id: 'labels', label: 'Labels', min: 100, width: 160, priority: 9 },
  { id: 'duration', label: 'Duration', sort: 'duration', numeric: true, min: 112, width: 115, priority: 5 },
  { id: 'cost', label: 'Cost', sort: 'cost', numeric: true, min: 84, width: 90, priority: 8 },
  { id: 'created', label: 'Created', sort: 'created', min: 176, width: 185, priority: 3 },
  { id: 'agent', label: 'Agent', min: 120, width: 175, priority: 6 },
];

export type ColumnWidths = Partial<Record<TaskColumnId, number>>;

export interface PlacedColumn extends TaskColumn {
  /** Its width on screen now, in whole px. */
  shown: number;
  /** Whether the user set its width (it then stays as set). */
  resized: boolean;
}

/**
 * The columns that fit in `available` px, in their usual order, each with its width on screen.
 * `widths` are the widths the user set. The widths add up to `available` whenever the chosen
 * columns fit (always, unless one resized column alone is wider than the list).
 */
export function placeColumns(
  available: number,
  widths: ColumnWidths,
  columns: readonly TaskColumn[] = TASK_COLUMNS,
): PlacedColumn[] {
  const space = Math.max(0, Math.floor(available));
  const needs = (c: TaskColumn) => widths[c.id] ?? c.min;

  // The most important columns first, while their narrowest widths fit; the first always shows.
  const chosen = new Set<TaskColumnId>();
  let used = 0;
  for (const column of [...columns].sort((a, b) => a.priority - b.priority)) {
    if (chosen.size > 0 && used + needs(column) > space) break;
    chosen.add(column.id);
    used += needs(column);
  }
  const shown = columns.filter((c) => chosen.has(c.id));

  const result = new Map<TaskColumnId, number>();
  const flexible = shown.filter((c) => widths[c.id] === undefined);
  let free = space;
  for (const c of shown) if (widths[c.id] !== undefined) free -= widths[c.id]!;

  // Share the rest by usual width; a column whose share is below its minimum takes the minimum
  // and the others share again what is left.
  let sharing = flexible;
  for (;;) {
    const total = sharing.reduce((sum, c) => sum + c.width, 0);
    const below = sharing.filter((c) => (free * c.width) / total < c.min);
    if (below.length === 0 || total === 0) break;
    for (const c of below) {
      result.set(c.id, c.min);
      free -= c.min;
    }
    sharing = sharing.filter((c) => !below.includes(c));
  }
  const shareTotal = sharing.reduce((sum, c) => sum + c.width, 0);
  for (const c of sharing) result.set(c.id, Math.floor((free * c.width) / shareTotal));
  for (const c of shown) if (widths[c.id] !== undefined) result.set(c.id, widths[c.id]!);

  // Whole pixels: what rounding left over goes to the last column that sizes itself, so the row
  // fills the list exactly; when the user resized every shown column, the last one takes it.
  const sum = shown.reduce((total, c) => total + result.get(c.id)!, 0);
  const taker = flexible.at(-1) ?? shown.at(-1);
  if (taker && sum < space) result.set(taker.id, result.get(taker.id)! + space - sum);

  return shown.map((c) => ({ ...c, shown: result.get(c.id)!, resized: widths[c.id] !== undefined }));
}

/** The CSS grid tracks for the placed columns. */
export const gridTemplate = (placed: readonly PlacedColumn[]): string =>
  placed.map((c) => `${c.shown}px`).join(' ');
