// Pure filtering of the agents list, kept apart from the components so it is easy to follow.
import type { Agent } from '../../../src-main/ipc/contract.ts';
import type { AgentFilters } from '../../stores/agentFilters.ts';

export function filterAgents(agents: readonly Agent[], filters: AgentFilters): Agent[] {
  const words = filters.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return agents.filter((agent) => {
    if (filters.type && agent.type !== filters.type) return false;
    if (filters.state && agent.state !== filters.state) return false;
    if (words.length === 0) return true;
    const haystack = [agent.name, agent.handle, agent.description, agent.purpose, agent.type, agent.state]
      .join('\n')
      .toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The distinct values of one field, sorted, plus the selected one if the list lacks it. */
export function distinctValues(
  agents: readonly Agent[],
  field: 'type' | 'state',
  selected: string,
): string[] {
  const values = new Set(agents.map((agent) => agent[field]).filter(Boolean));
  if (selected) values.add(selected);
  return [...values].sort((a, b) => a.localeCompare(b));
}
