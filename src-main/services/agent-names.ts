// Agent handle → display name, for the lists that only carry handles (task rows, the agent
// filter). The organization's agent list has only published agents; a space's detail also names
// its draft agents. Both are merged; the agent list wins where they disagree.
import type { AgentName } from '../ipc/contract.ts';

/** One entry per handle with a non-blank name: the space's agents, then the organization's. */
export function agentNamesOf(
  spaceAgents: readonly AgentName[],
  orgAgents: readonly AgentName[],
): AgentName[] {
  const names = new Map<string, string>();
  for (const { handle, name } of [...spaceAgents, ...orgAgents]) {
    const trimmed = name.trim();
    if (trimmed !== '') names.set(handle, trimmed);
  }
  return [...names].map(([handle, name]) => ({ handle, name }));
}
