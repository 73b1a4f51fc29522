// Type and state selects plus a search box; they filter the list as you change them.
import type { Agent } from '../../../src-main/ipc/contract.ts';
import { titleCase } from '../../lib/format.ts';
import { useAgentFiltersStore } from '../../stores/context.ts';
import { distinctValues } from './filterAgents.ts';

export function AgentFiltersBar({ agents }: { agents: readonly Agent[] }) {
  const filters = useAgentFiltersStore();
  const types = distinctValues(agents, 'type', filters.type);
  const states = distinctValues(agents, 'state', filters.state);
  const active = Boolean(filters.type || filters.state || filters.text);

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter agents"
      onSubmit={(event) => event.preventDefault()}
    >
      <FilterSelect
        id="agent-filter-type"
        label="Type"
        allLabel="All types"
        values={types}
        value={filters.type}
        onChange={filters.setType}
      />
      <FilterSelect
        id="agent-filter-state"
        label="State"
        allLabel="All states"
        values={states}
        value={filters.state}
        onChange={filters.setState}
      />
      <div className="field field--grow">
        <label htmlFor="agent-filter-text">Search agents</label>
        <input
          id="agent-filter-text"
          type="search"
          value={filters.text}
          placeholder="Name, handle, description or purpose"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => filters.setText(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="button button--quiet filters__clear"
        onClick={filters.clear}
        hidden={!active}
      >
        Clear filters
      </button>
    </form>
  );
}

interface FilterSelectProps {
  id: string;
  label: string;
  /** The first option, value "": no filter. */
  allLabel: string;
  values: readonly string[];
  value: string;
  onChange(value: string): void;
}

/** A labelled select over the values the agents have, shown in title case. */
function FilterSelect({ id, label, allLabel, values, value, onChange }: FilterSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {titleCase(v)}
          </option>
        ))}
      </select>
    </div>
  );
}
