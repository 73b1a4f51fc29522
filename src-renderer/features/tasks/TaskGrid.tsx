// The task list: an ARIA grid whose rows are virtualized (only the rows in view exist in the
// page, so 100k tasks scroll like 100), loaded from main a page at a time as they come into view.
// Keyboard review: the grid is one Tab stop; ↓/j and ↑/k move the selection (the detail beside
// follows it), PageDown/PageUp jump a screen, Home/End go to the ends. Sorting: the column
// headers are buttons, the current one carries aria-sort.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TaskRow, TaskSort } from '../../../src-main/ipc/contract.ts';
import { NotSet } from '../../components/NotSet.tsx';
import { PAGE_SIZE, useTasksStore } from '../../stores/tasks.ts';
import { formatCost, formatDateTime, formatDuration, statusLabel, statusTone } from './format.ts';
import { Highlighted } from './Highlighted.tsx';

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
  const searching = useTasksStore((s) => s.filters.search.trim() !== '');
  const selectedIndex = useTasksStore((s) => s.selectedIndex);
  const version = useTasksStore((s) => s.version);
  const { showRange, select, move, sortBy } = useTasksStore.getState();
  const rowAt = (index: number) => pages[Math.floor(index / PAGE_SIZE)]?.rows[index % PAGE_SIZE];
  const scrollRef = useRef<HTMLDivElement>(null);

  const rowHeight = searching ? ROW_HEIGHT_WITH_MATCH : ROW_HEIGHT;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // A first guess of the list's size, so the first render already has rows (the real size
    // is measured right after).
    initialRect: { width: 800, height: Math.max(300, window.innerHeight - 300) },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 30;

  // Load the pages that cover what is on screen (and the overscan).
  useEffect(() => {
    showRange(first, last);
  }, [first, last, version, showRange]);

  // A new query starts at the top; a changed row height needs new measurements.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [version]);
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  // The selection stays in view while moving through the list with the keyboard.
  useEffect(() => {
    if (selectedIndex !== null) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

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
    selectedIndex !== null && items.some((i) => i.index === selectedIndex)
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
      <div role="rowgroup" className="task-grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const selected = item.index === selectedIndex;
          return (
            <div
              key={item.key}
              id={rowDomId(item.index)}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              className={`task-grid__row${selected ? ' task-grid__row--selected' : ''}${row ? '' : ' task-grid__row--loading'}`}
              style={{ height: item.size, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              onClick={() => {
                select(item.index);
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
