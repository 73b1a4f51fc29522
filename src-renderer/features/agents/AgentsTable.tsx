// The agents as a table. Scrolls sideways inside its own focusable region on narrow windows.
import type { Agent } from '../../../src-main/ipc/contract.ts';
import { NotSet } from '../../components/NotSet.tsx';
import { titleCase } from '../../lib/format.ts';
import { CopyHandleButton } from './CopyHandleButton.tsx';

interface AgentsTableProps {
  agents: readonly Agent[];
  busy: boolean;
  announce(message: string): void;
}

export function AgentsTable({ agents, busy, announce }: AgentsTableProps) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="agents-table-caption" tabIndex={0}>
      <table className="data-table agents-table" aria-busy={busy || undefined}>
        <caption id="agents-table-caption" className="visually-hidden">
          Agents
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Handle</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Description</th>
            <th scope="col">Purpose</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.handle}>
              <th scope="row" className="agents-table__name">
                {agent.name || <NotSet />}
              </th>
              <td>
                <div className="handle">
                  <code className="handle__text">{agent.handle}</code>
                  <CopyHandleButton
                    handle={agent.handle}
                    agentName={agent.name || agent.handle}
                    announce={announce}
                  />
                </div>
              </td>
              <td>{titleCase(agent.type) ?? <NotSet />}</td>
              <td>
                {agent.state ? (
                  <span className={`state state--${agent.state.toLowerCase().replace(/[^a-z]/g, '')}`}>
                    {titleCase(agent.state)}
                  </span>
                ) : (
                  <NotSet />
                )}
              </td>
              <td className="agents-table__text">{agent.description || <NotSet />}</td>
              <td className="agents-table__text">{agent.purpose || <NotSet />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
