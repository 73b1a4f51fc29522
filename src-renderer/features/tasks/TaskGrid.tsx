// The task list: an ARIA grid that windows its own rows (useRowWindow: only the rows in view exist
// in the page, so 100k tasks scroll like 100), loaded from main a page at a time as they come into view.
// Keyboard review: the grid is one Tab stop; ↓/j and ↑/k move the selection (the detail beside
// follows it), PageDown/PageUp jump a screen, Home/End go to the ends, ←/→ move between the cells
// of the selected task (a cut-off cell then shows its whole text, as it does under the pointer).
// Sorting: the column headers are buttons, the current one carries aria-sort. The columns share
// the list's width (columns.ts); each header's right edge resizes its column, and the widths the
// user sets are kept in their preferences.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import type { TaskColumnId, TaskRow, TaskSort } from '../../../src-main/ipc/contract.ts';
import { NotSet } from '../../components/NotSet.tsx';
import { usePreferencesStore, useStores, useTasksStore } from '../../stores/context.ts';
import { appliedFilters, PAGE_SIZE } from '../../stores/tasks.ts';
import { CellTooltip, tipFor, useCellTip } from './CellTooltip.tsx';
import { ColumnResizer, RESIZE_KEYS_ID } from './ColumnResizer.tsx';
import { gridTemplate, placeColumns, type PlacedColumn } from './columns.ts';
import { formatCost, formatDateTime, formatDuration, statusLabel, statusTone } from './format.ts';
import { Highlighted } from './Highlighted.tsx';
import { useContentWidth } from './useContentWidth.ts';
import { useRowWindow } from './useRowWindow.ts';
import { OfflineMark, useRecordingAvailability } from '../player/useRecordingAvailability.tsx';

const ROW_HEIGHT = 44;
const ROW_HEIGHT_WITH_MATCH = 66;
const HEADER_HEIGHT = 40;

const SNIPPET_WHERE: Record<string, string> = {
  transcript: 'Transcript',
  summary: 'Summary',
  context: 'Context',
  objective: 'Objective',
};

export const rowDomId = (index: number) => `task-row-${index}`;
const cellDomId = (index: number, column: TaskColumnId) => `task-row-${index}-${column}`;

interface TaskGridProps {
  /** Agent handle → name, for the Agent column. */
  agentNames: ReadonlyMap<string, string>;
}

export function TaskGrid({ agentNames }: TaskGridProps) {
  const total = useTasksStore((s) => s.total) ?? 0;
  const pages = useTasksStore((s) => s.pages);
  const sort = useTasksStore((s) => s.sort);
  // Rows make room for a match excerpt only when the search filtered (not "%%" or one letter).
  const searching = useTasksStore((s) => appliedFilters(s.filters, s.searchKind).search.trim() !== '');
  const selectedIndex = useTasksStore((s) => s.selectedIndex);
  const version = useTasksStore((s) => s.version);
  const { showRange, select, move, sortBy } = useStores().tasks.getState();
  const rowAt = (index: number) => pages[Math.floor(index / PAGE_SIZE)]?.rows[index % PAGE_SIZE];
  const scrollRef = useRef<HTMLDivElement>(null);

  const columnWidths = usePreferencesStore((s) => s.taskColumnWidths);
  const setColumnWidth = usePreferencesStore((s) => s.setTaskColumnWidth);
  // A first guess of the list's width (the list beside the detail), corrected once laid out.
  const width = useContentWidth(scrollRef, Math.max(320, window.innerWidth - 700));
  const columns = placeColumns(width, columnWidths);
  const template = gridTemplate(columns);

  const rowHeight = searching ? ROW_HEIGHT_WITH_MATCH : ROW_HEIGHT;
  const { first, last, scrollToIndex } = useRowWindow({
    count: total,
    rowHeight,
    overscan: 12,
    headerHeight: HEADER_HEIGHT,
    scrollRef,
    // A first guess of the list's height, so the first render already has rows (the real
    // height follows once the browser has laid the page out).
    initialHeight: Math.max(300, window.innerHeight - 300),
  });
  const indexes: number[] = [];
  for (let index = first; index <= last; index++) indexes.push(index);
  const recordings = useRecordingAvailability(
    indexes.flatMap((index) => {
      const row = rowAt(index);
      return row?.hasRecording ? [row.id] : [];
    }),
  );

  // Load the pages that cover what is on screen (and the overscan).
  // Before the first answer there are no rows yet: ask for the first screenful.
  const lastShown = last >= first ? last : first + 30;
  useEffect(() => {
    showRange(first, lastShown);
  }, [first, lastShown, version, showRange]);

  // A new query starts at the top (a new grid already is: scrolling it would only force a layout).
  const shownVersion = useRef(version);
  useEffect(() => {
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [version]);

  // The selection stays in view while moving through the list with the keyboard.
  useEffect(() => {
    if (selectedIndex !== null) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  // The cell the keyboard is on within the selected task (null: the task as a whole).
  const [chosenColumn, setChosenColumn] = useState<TaskColumnId | null>(null);
  const activeColumn = columns.some((c) => c.id === chosenColumn) ? chosenColumn : null;
  const [focused, setFocused] = useState(false);
  const { tip, showTip, hideTip, keepTip } = useCellTip();

  // A cut-off cell under the keyboard shows its whole text, like one under the pointer; the
  // tooltip follows the cell when the list scrolls.
  const selectedRowLoaded = selectedIndex !== null && rowAt(selectedIndex) !== undefined;
  const keyboardCellId =
    focused && selectedIndex !== null && activeColumn !== null && selectedRowLoaded
      ? cellDomId(selectedIndex, activeColumn)
      : null;
  const placeKeyboardTip = useCallback(() => {
    const cell = keyboardCellId === null ? null : document.getElementById(keyboardCellId);
    showTip(cell ? tipFor(cell) : null, 'keyboard');
  }, [keyboardCellId, showTip]);
  useLayoutEffect(() => placeKeyboardTip(), [placeKeyboardTip, template]);

  function moveColumn(delta: number) {
    if (selectedIndex === null) select(0);
    const at = activeColumn === null ? -1 : columns.findIndex((c) => c.id === activeColumn);
    const next = at + delta;
    setChosenColumn(next < 0 ? null : (columns[Math.min(next, columns.length - 1)]?.id ?? null));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys typed into a header button (Enter/Space) keep their meaning.
    const screenful = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const onList = event.target === event.currentTarget;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      j: () => move(1),
      ArrowUp: () => move(-1),
      k: () => move(-1),
      PageDown: () => move(screenful),
      PageUp: () => move(-screenful),
      Home: () => select(0),
      End: () => select(total - 1),
      ...(onList && {
        ArrowRight: () => moveColumn(1),
        ArrowLeft: () => moveColumn(-1),
        Escape: () => hideTip('keyboard'),
      }),
    };
    const action = keys[event.key];
    if (!action || total === 0) return;
    event.preventDefault();
    action();
  }

  // Where the pointer last was over the rows, so a scroll can show the tip of the cell that has
  // moved under it (a scroll event can also arrive after the pointer came to rest on a cell).
  const pointerAt = useRef<{ x: number; y: number } | null>(null);

  function showPointerTipAt(x: number, y: number) {
    const under = document.elementFromPoint(x, y);
    const cell = scrollRef.current?.contains(under) ? under?.closest<HTMLElement>('[role="gridcell"]') : null;
    showTip(cell ? tipFor(cell) : null, 'pointer');
  }

  function onPointerOver(event: PointerEvent<HTMLDivElement>) {
    pointerAt.current = { x: event.clientX, y: event.clientY };
    const cell = (event.target as Element).closest<HTMLElement>('[role="gridcell"]');
    showTip(cell ? tipFor(cell) : null, 'pointer');
  }

  const activeId =
    selectedIndex !== null && selectedIndex >= first && selectedIndex <= last
      ? activeColumn === null
        ? rowDomId(selectedIndex)
        : cellDomId(selectedIndex, activeColumn)
      : undefined;

  return (
    <>
      <div
        ref={scrollRef}
        role="grid"
        id="task-grid"
        aria-label="Tasks"
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        aria-activedescendant={activeId}
        aria-describedby="task-grid-keys"
        tabIndex={0}
        className={`task-grid${searching ? ' task-grid--search' : ''}`}
        style={{ '--task-columns': template } as CSSProperties}
        onKeyDown={onKeyDown}
        onFocus={(event) => setFocused(event.target === event.currentTarget)}
        onBlur={() => setFocused(false)}
        onScroll={() => {
          if (pointerAt.current) showPointerTipAt(pointerAt.current.x, pointerAt.current.y);
          else hideTip('pointer');
          placeKeyboardTip();
        }}
      >
        <div role="rowgroup" className="task-grid__head">
          <div role="row" aria-rowindex={1} className="task-grid__row task-grid__row--head">
            {columns.map((column) => (
              <HeaderCell
                key={column.id}
                column={column}
                sort={sort}
                onSort={sortBy}
                onResize={(width) => setColumnWidth(column.id, width)}
              />
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="task-grid__body"
          style={{ height: total * rowHeight }}
          onPointerOver={onPointerOver}
          onPointerLeave={() => {
            pointerAt.current = null;
            hideTip('pointer', { afterGrace: true });
          }}
        >
          {indexes.map((index) => {
            const row = rowAt(index);
            const selected = index === selectedIndex;
            return (
              <div
                key={index}
                id={rowDomId(index)}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected}
                className={`task-grid__row${selected ? ' task-grid__row--selected' : ''}${row ? '' : ' task-grid__row--loading'}`}
                style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
                onClick={() => {
                  select(index);
                  scrollRef.current?.focus({ preventScroll: true });
                }}
              >
                {row ? (
                  <RowCells
                    row={row}
                    index={index}
                    columns={columns}
                    activeColumn={selected ? activeColumn : null}
                    agentNames={agentNames}
                    offline={
                      recordings.offline.has(row.id) ? { pinned: recordings.pinned.has(row.id) } : null
                    }
                  />
                ) : (
                  <LoadingCells columns={columns} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p id={RESIZE_KEYS_ID} className="visually-hidden">
        Left and right arrow keys make the column narrower or wider, Home and End the narrowest or widest,
        Enter gives it back its own width.
      </p>
      {tip && <CellTooltip tip={tip.at} onPointerEnter={keepTip} onPointerLeave={() => hideTip('pointer')} />}
    </>
  );
}

function HeaderCell({
  column,
  sort,
  onSort,
  onResize,
}: {
  column: PlacedColumn;
  sort: TaskSort;
  onSort(field: TaskSort['field']): void;
  onResize(width: number | null): void;
}) {
  const sorted = column.sort !== undefined && sort.field === column.sort;
  // Named by its label alone: the resize edge inside has a name of its own.
  const labelId = `task-grid-column-${column.id}`;
  return (
    <div
      role="columnheader"
      aria-labelledby={labelId}
      aria-sort={
        column.sort === undefined
          ? undefined
          : sorted
            ? sort.direction === 'asc'
              ? 'ascending'
              : 'descending'
            : 'none'
      }
      className={`task-grid__cell task-grid__cell--${column.id}${column.numeric ? ' task-grid__cell--numeric' : ''}`}
    >
      {column.sort ? (
        <button id={labelId} type="button" className="task-grid__sort" onClick={() => onSort(column.sort!)}>
          {column.label}
          <span aria-hidden="true" className="task-grid__sort-mark">
            {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      ) : (
        <span id={labelId}>{column.label}</span>
      )}
      <ColumnResizer column={column} onResize={onResize} />
    </div>
  );
}

function LoadingCells({ columns }: { columns: readonly PlacedColumn[] }) {
  return (
    <>
      {columns.map((c, i) => (
        <div key={c.id} role="gridcell" className={`task-grid__cell task-grid__cell--${c.id}`}>
          {i === 0 && <span className="task-grid__placeholder">Loading…</span>}
        </div>
      ))}
    </>
  );
}

function RowCells({
  row,
  index,
  columns,
  activeColumn,
  agentNames,
  offline,
}: {
  row: TaskRow;
  index: number;
  columns: readonly PlacedColumn[];
  activeColumn: TaskColumnId | null;
  agentNames: ReadonlyMap<string, string>;
  /** The recording is on this computer (pinned: kept offline), or null. */
  offline: { pinned: boolean } | null;
}) {
  const duration = formatDuration(row.durationSeconds);
  const cost = formatCost(row.cost);
  const created = formatDateTime(row.createdAt);
  const agent = row.assignee === null ? null : (agentNames.get(row.assignee) ?? row.assignee);
  const snippet = row.match?.snippet ?? null;
  const content: Record<TaskColumnId, ReactNode> = {
    name: (
      <>
        {offline && <OfflineMark pinned={offline.pinned} />}
        <span className="task-grid__name">
          {row.match?.name ? <Highlighted parts={row.match.name} /> : (row.name ?? <NotSet />)}
        </span>
        {snippet && (
          <span className="task-grid__snippet">
            <span className="task-grid__snippet-where">
              {SNIPPET_WHERE[snippet.column] ?? snippet.column}:
            </span>{' '}
            <Highlighted parts={snippet.parts} />
          </span>
        )}
      </>
    ),
    number: row.match?.contactNumber ? (
      <Highlighted parts={row.match.contactNumber} />
    ) : (
      (row.contactNumber ?? <NotSet />)
    ),
    status: (
      <span className={`task-status task-status--${statusTone(row.status)}`}>{statusLabel(row.status)}</span>
    ),
    outcome: row.outcomeStatus ?? <NotSet />,
    labels: row.labels.length > 0 ? row.labels.join(', ') : <NotSet />,
    duration: duration ?? <NotSet />,
    cost: cost ?? <NotSet />,
    created: created ?? <NotSet />,
    agent: agent ?? <NotSet />,
  };
  return (
    <>
      {columns.map((column) => (
        <div
          key={column.id}
          id={cellDomId(index, column.id)}
          role="gridcell"
          className={`task-grid__cell task-grid__cell--${column.id}${column.numeric ? ' task-grid__cell--numeric' : ''}${column.id === activeColumn ? ' task-grid__cell--active' : ''}`}
          title={column.id === 'agent' ? (row.assignee ?? undefined) : undefined}
        >
          {content[column.id]}
        </div>
      ))}
    </>
  );
}
