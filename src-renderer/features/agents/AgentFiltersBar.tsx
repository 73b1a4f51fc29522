// Type and state selects plus a search box; they filter the list as you change them.
import type { Agent } from '../../../src-main/ipc/contract.ts';
import { titleCase } from '../../lib/format.ts';
import { useAgentFiltersStore } from '../../stores/agentFilters.ts';
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
      <div className="field">
        <label htmlFor="agent-filter-type">Type</label>
        <select id="agent-filter-type" value={filters.type} onChange={(e) => filters.setType(e.target.value)}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {titleCase(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="agent-filter-state">State</label>
        <select
          id="agent-filter-state"
          value={filters.state}
          onChange={(e) => filters.setState(e.target.value)}
        >
          <option value="">All states</option>
          {states.map((state) => (
            <option key={state} value={state}>
              {titleCase(state)}
            </option>
          ))}
        </select>
      </div>
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
