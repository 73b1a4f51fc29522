// The list's filters: a search box over everything said and written about a task, agent, type
// and date range, and the status and outcome-label choices, each with how many tasks it has
// given the other filters (the counts come from main with the rows). All but the search box fold
// away behind a "Filters" button (folded at first in a short window), which says how many are on.
// Right after the search box, a skip link jumps to the list.
import { useEffect, useId, useState, type MouseEvent } from 'react';
import type { FacetCount, TaskFilters as Filters } from '../../../src-main/ipc/contract.ts';
import { SEARCH_MAX_LENGTH } from '../../../src-main/shared/search-limits.ts';
import { titleCase } from '../../lib/format.ts';
import { useStores, useTasksStore } from '../../stores/context.ts';
import { hasActiveFilters, hasInvertedDates } from '../../stores/tasks.ts';
import { useFiltersOpen } from './filtersOpen.ts';
import { dayStart, formatCount, nextDay, statusLabel, toDateInput } from './format.ts';
import { SEARCH_NOTE_ID } from './searchNote.ts';

const SEARCH_DELAY_MS = 200;

/** The facet's values, plus chosen values that currently count zero (so they can be unticked). */
function withChosen(facets: readonly FacetCount[] | undefined, chosen: readonly string[]): FacetCount[] {
  const list = [...(facets ?? [])];
  for (const value of chosen) if (!list.some((f) => f.value === value)) list.push({ value, count: 0 });
  return list;
}

const toggle = (values: readonly string[], value: string): string[] =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

/** How many filters other than the search are on. */
const activeCount = (f: Filters): number =>
  f.statuses.length +
  f.labels.length +
  f.outcomeStatuses.length +
  f.agents.length +
  f.executionTypes.length +
  (f.createdFrom === null ? 0 : 1) +
  (f.createdTo === null ? 0 : 1);

/** The list's grid (TaskGrid), focused without following the link: the hash holds the page. */
function jumpToList(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('task-grid')?.focus();
}

function FacetGroup({
  legend,
  facets,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  facets: FacetCount[];
  chosen: readonly string[];
  label: (value: string) => string;
  onChange(values: string[]): void;
}) {
  const legendId = useId();
  if (facets.length === 0) return null;
  return (
    <div role="group" aria-labelledby={legendId} className="facet">
      <span id={legendId} className="facet__legend">
        {legend}
      </span>
      <div className="facet__options">
        {facets.map((f) => {
          const checked = chosen.includes(f.value);
          return (
            <label key={f.value} className={`facet__option${checked ? ' facet__option--on' : ''}`}>
              <input type="checkbox" checked={checked} onChange={() => onChange(toggle(chosen, f.value))} />
              <span>{label(f.value)}</span>
              <span className="facet__count">{formatCount(f.count)}</span>
            </label>
          );
        })}
      </div>
    </div>
  );
}

export function TaskFilters({ agentNames }: { agentNames: ReadonlyMap<string, string> }) {
  const filters = useTasksStore((s) => s.filters);
  const facets = useTasksStore((s) => s.facets);
  const scopeKind = useTasksStore((s) => s.scope?.kind ?? null);
  const { setFilters, clearFilters } = useStores().tasks.getState();
  const id = useId();

  // The box answers at once; the query waits for a pause in typing.
  const [search, setSearch] = useState(filters.search);
  const [lastApplied, setLastApplied] = useState(filters.search);
  if (filters.search !== lastApplied) {
    // Cleared or changed elsewhere (Clear filters, another scope): show that.
    setLastApplied(filters.search);
    setSearch(filters.search);
  }
  useEffect(() => {
    if (search === filters.search) return;
    const timer = setTimeout(() => {
      setLastApplied(search);
      setFilters({ search });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters.search, setFilters]);

  const set = (patch: Partial<Filters>) => setFilters(patch);
  const agentOptions = withChosen(facets?.agents, filters.agents);
  const typeOptions = withChosen(facets?.executionTypes, filters.executionTypes);
  const active = hasActiveFilters(filters) || search.trim() !== '';
  const inverted = hasInvertedDates(filters);
  const datesHintId = `${id}-dates-hint`;
  const dateProblem = inverted ? { 'aria-invalid': true, 'aria-describedby': datesHintId } : {};
  const hasRows = useTasksStore((s) => (s.total ?? 0) > 0);
  const { open, toggle: toggleOpen } = useFiltersOpen();
  const count = activeCount(filters);

  return (
    <form
      className="task-filters"
      role="search"
      aria-label="Filter tasks"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="task-filters__row">
        <div className="field task-filters__search">
          <label htmlFor={`${id}-search`}>Search tasks</label>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            placeholder="Name, number, email, company, context, transcript, summary"
            autoComplete="off"
            spellCheck={false}
            // The same limit as the contract's: a longer paste is cut here, and the note beside
            // the count says so.
            maxLength={SEARCH_MAX_LENGTH}
            aria-describedby={SEARCH_NOTE_ID}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                setLastApplied(search);
                setFilters({ search });
              }
            }}
          />
          {hasRows && (
            <a className="task-filters__jump" href="#task-grid" onClick={jumpToList}>
              Jump to list
            </a>
          )}
        </div>
        <button
          type="button"
          className="button button--secondary task-filters__toggle"
          aria-expanded={open}
          aria-controls={`${id}-fields ${id}-facets`}
          onClick={toggleOpen}
        >
          Filters
          {count > 0 && (
            <span className="task-filters__count">
              {count}
              <span className="visually-hidden"> active</span>
            </span>
          )}
          <span className="task-filters__chevron" aria-hidden="true" />
        </button>
        <div id={`${id}-fields`} className="task-filters__fields" hidden={!open}>
          {scopeKind === 'space' && (
            <div className="field">
              <label htmlFor={`${id}-agent`}>Agent</label>
              <select
                id={`${id}-agent`}
                value={filters.agents[0] ?? ''}
                onChange={(e) => set({ agents: e.target.value ? [e.target.value] : [] })}
              >
                <option value="">All agents</option>
                {agentOptions.map((f) => (
                  <option key={f.value} value={f.value}>
                    {agentNames.get(f.value) ?? f.value} ({formatCount(f.count)})
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select
              id={`${id}-type`}
              value={filters.executionTypes[0] ?? ''}
              onChange={(e) => set({ executionTypes: e.target.value ? [e.target.value] : [] })}
            >
              <option value="">All types</option>
              {typeOptions.map((f) => (
                <option key={f.value} value={f.value}>
                  {titleCase(f.value)} ({formatCount(f.count)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>Created from</label>
            <input
              id={`${id}-from`}
              type="date"
              value={toDateInput(filters.createdFrom)}
              onChange={(e) => set({ createdFrom: dayStart(e.target.value) })}
              {...dateProblem}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Created to</label>
            <input
              id={`${id}-to`}
              type="date"
              value={filters.createdTo === null ? '' : toDateInput(filters.createdTo - 1)}
              onChange={(e) => {
                const start = dayStart(e.target.value);
                set({ createdTo: start === null ? null : nextDay(start) });
              }}
              {...dateProblem}
            />
          </div>
        </div>
        <button
          type="button"
          className="button button--quiet task-filters__clear"
          hidden={!active}
          onClick={() => {
            setSearch('');
            clearFilters();
          }}
        >
          Clear filters
        </button>
      </div>
      {inverted && filters.createdFrom !== null && filters.createdTo !== null && (
        <p id={datesHintId} role="alert" className="task-results__error">
          “Created to” is before “Created from”: no task can match these dates.{' '}
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              // The same two days, the right way round (the end stays exclusive).
              const from = filters.createdTo! - 1;
              set({ createdFrom: dayStart(toDateInput(from)), createdTo: nextDay(filters.createdFrom!) });
            }}
          >
            Swap the dates
          </button>
        </p>
      )}
      <div id={`${id}-facets`} className="task-filters__facets" hidden={!open}>
        <FacetGroup
          legend="Status"
          facets={withChosen(facets?.statuses, filters.statuses)}
          chosen={filters.statuses}
          label={statusLabel}
          onChange={(statuses) => set({ statuses })}
        />
        <FacetGroup
          legend="Outcome label"
          facets={withChosen(facets?.labels, filters.labels)}
          chosen={filters.labels}
          label={(v) => v}
          onChange={(labels) => set({ labels })}
        />
      </div>
    </form>
  );
}
