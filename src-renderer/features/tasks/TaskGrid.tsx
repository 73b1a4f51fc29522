// The task list: an ARIA grid that windows its own rows (useRowWindow: only the rows in view exist
// in the page, so 100k tasks scroll like 100), loaded from main a page at a time as they come into view.
// Keyboard review: the grid is one Tab stop; ↓/j and ↑/k move the selection (the detail beside
// follows it), PageDown/PageUp jump a screen, Home/End go to the ends. Sorting: the column
// headers are buttons, the current one carries aria-sort.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TaskRow, TaskSort } from '../../../src-main/ipc/contract.ts';
import { NotSet } from '../../components/NotSet.tsx';
import { appliedFilters, PAGE_SIZE, useTasksStore } from '../../stores/tasks.ts';
import { formatCost, formatDateTime, formatDuration, statusLabel, statusTone } from './format.ts';
import { Highlighted } from './Highlighted.tsx';
import { useRowWindow } from './useRowWindow.ts';

const ROW_HEIGHT = 44;
const ROW_HEIGHT_WITH_MATCH = 66;
const HEADER_HEIGHT = 40;

interface Column {
  id: string;
  label: string;
  sort?: TaskSort['field'];
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'number', label: 'Number' },
  { id: 'status', label: 'Status', sort: 'status' },
  { id: 'outcome', label: 'Outcome' },
  { id: 'labels', label: 'Labels' },
  { id: 'duration', label: 'Duration', sort: 'duration', numeric: true },
  { id: 'cost', label: 'Cost', sort: 'cost', numeric: true },
  { id: 'created', label: 'Created', sort: 'created' },
  { id: 'agent', label: 'Agent' },
];

const SNIPPET_WHERE: Record<string, string> = {
  transcript: 'Transcript',
  summary: 'Summary',
  context: 'Context',
  objective: 'Objective',
};

export const rowDomId = (index: number) => `task-row-${index}`;

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
  const { showRange, select, move, sortBy } = useTasksStore.getState();
  const rowAt = (index: number) => pages[Math.floor(index / PAGE_SIZE)]?.rows[index % PAGE_SIZE];
  const scrollRef = useRef<HTMLDivElement>(null);

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

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys typed into a header button (Enter/Space) keep their meaning.
    const screenful = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      j: () => move(1),
      ArrowUp: () => move(-1),
      k: () => move(-1),
      PageDown: () => move(screenful),
      PageUp: () => move(-screenful),
      Home: () => select(0),
      End: () => select(total - 1),
    };
    const action = keys[event.key];
    if (!action || total === 0) return;
    event.preventDefault();
    action();
  }

  const activeId =
    selectedIndex !== null && selectedIndex >= first && selectedIndex <= last
      ? rowDomId(selectedIndex)
      : undefined;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Tasks"
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeId}
      aria-describedby="task-grid-keys"
      tabIndex={0}
      className={`task-grid${searching ? ' task-grid--search' : ''}`}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="task-grid__head">
        <div role="row" aria-rowindex={1} className="task-grid__row task-grid__row--head">
          {COLUMNS.map((column) => {
            const sorted = column.sort !== undefined && sort.field === column.sort;
            return (
              <div
                key={column.id}
                role="columnheader"
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
                  <button type="button" className="task-grid__sort" onClick={() => sortBy(column.sort!)}>
                    {column.label}
                    <span aria-hidden="true" className="task-grid__sort-mark">
                      {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="task-grid__body" style={{ height: total * rowHeight }}>
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
              {row ? <RowCells row={row} agentNames={agentNames} /> : <LoadingCells />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function LoadingCells() {
  return (
    <>
      <div role="gridcell" className="task-grid__cell task-grid__cell--name">
        <span className="task-grid__placeholder">Loading…</span>
      </div>
      {COLUMNS.slice(1).map((c) => (
        <div key={c.id} role="gridcell" className={`task-grid__cell task-grid__cell--${c.id}`} />
      ))}
    </>
  );
}

function RowCells({ row, agentNames }: { row: TaskRow; agentNames: ReadonlyMap<string, string> }) {
  const duration = formatDuration(row.durationSeconds);
  const cost = formatCost(row.cost);
  const created = formatDateTime(row.createdAt);
  const agent = row.assignee === null ? null : (agentNames.get(row.assignee) ?? row.assignee);
  const snippet = row.match?.snippet ?? null;
  return (
    <>
      <div role="gridcell" className="task-grid__cell task-grid__cell--name">
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
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--number">
        {row.match?.contactNumber ? (
          <Highlighted parts={row.match.contactNumber} />
        ) : (
          (row.contactNumber ?? <NotSet />)
        )}
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--status">
        <span className={`task-status task-status--${statusTone(row.status)}`}>
          {statusLabel(row.status)}
        </span>
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--outcome">
        {row.outcomeStatus ?? <NotSet />}
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--labels">
        {row.labels.length > 0 ? row.labels.join(', ') : <NotSet />}
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--duration task-grid__cell--numeric">
        {duration ?? <NotSet />}
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--cost task-grid__cell--numeric">
        {cost ?? <NotSet />}
      </div>
      <div role="gridcell" className="task-grid__cell task-grid__cell--created">
        {created ?? <NotSet />}
      </div>
      <div
        role="gridcell"
        className="task-grid__cell task-grid__cell--agent"
        title={row.assignee ?? undefined}
      >
        {agent ?? <NotSet />}
      </div>
    </>
  );
}
