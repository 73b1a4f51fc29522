// The agents a supervisor can launch calls with: published voice agents. The others are listed
// too, disabled with the reason, so nobody wonders where their draft went.
import type { Agent, AgentName } from '../../../src-main/ipc/contract.ts';

export interface AgentChoice {
  handle: string;
  name: string;
  /** Why it cannot take calls, or null when it can. */
  unavailable: string | null;
}

export function agentChoices(agents: Agent[], knownNames: AgentName[]): AgentChoice[] {
  const choices: AgentChoice[] = agents.map((agent) => ({
    handle: agent.handle,
    name: agent.name,
    unavailable:
      agent.state !== 'published'
        ? 'a draft: publish it in Unpod before it can call'
        : agent.type.toLowerCase() !== 'voice'
          ? `a ${agent.type.toLowerCase()} agent: it cannot place calls`
          : null,
  }));
  // The agent list has only published agents; the drafts of the spaces are known by name.
  const listed = new Set(agents.map((agent) => agent.handle));
  for (const { handle, name } of knownNames)
    if (!listed.has(handle))
      choices.push({ handle, name, unavailable: 'a draft: publish it in Unpod before it can call' });
  return choices.sort(
    (a, b) => Number(a.unavailable !== null) - Number(b.unavailable !== null) || a.name.localeCompare(b.name),
  );
}

export const agentLabel = (choice: AgentChoice): string =>
  choice.unavailable ? `${choice.name} (${choice.unavailable})` : choice.name;
