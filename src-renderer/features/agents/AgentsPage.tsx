// Agents ("pilots") of the current organization: filter them and copy a handle.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAgentFiltersStore, useAgentsStore, useWorkspaceStore } from '../../stores/context.ts';
import { AgentFiltersBar } from './AgentFiltersBar.tsx';
import { AgentsTable } from './AgentsTable.tsx';
import { filterAgents } from './filterAgents.ts';
import './agents.css';

export function AgentsPage() {
  const organization = useWorkspaceStore((s) => s.state?.organization ?? null);
  const { items: agents, status, error, load, retry } = useAgentsStore();
  const filters = useAgentFiltersStore();
  const [announcement, setAnnouncement] = useState('');

  const organizationHandle = organization?.domainHandle ?? null;
  // Agents belong to the organization (the platform lists them with the Org-Handle header).
  useEffect(() => {
    if (organizationHandle) void load(organizationHandle);
  }, [load, organizationHandle]);

  const shown = filterAgents(agents, filters);
  const loading = status === 'loading';
  const firstLoad = loading && agents.length === 0;

  return (
    <>
      <PageHeader
        title="Agents"
        description={
          organization ? (
            <>
              The agents (“pilots”) of <strong>{organization.name}</strong>. Copy an agent’s handle to assign
              it calls.
            </>
          ) : (
            'Choose an organization to see its agents.'
          )
        }
        actions={
          organizationHandle && (
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={loading || undefined}
              onClick={() => {
                if (!loading) void retry();
              }}
            >
              Refresh
            </button>
          )
        }
      />

      {error && <ErrorNotice title="Could not load the agents" error={error} onRetry={() => void retry()} />}

      {firstLoad && <LoadingStatus>Loading agents…</LoadingStatus>}

      {agents.length > 0 && (
        <>
          <AgentFiltersBar agents={agents} />
          <p role="status" aria-label="Agents shown" className="result-count">
            Showing {shown.length} of {agents.length} {agents.length === 1 ? 'agent' : 'agents'}
            {loading && <span className="result-count__refreshing"> · refreshing…</span>}
          </p>
          {shown.length > 0 ? (
            <AgentsTable agents={shown} busy={loading} announce={setAnnouncement} />
          ) : (
            <div className="empty">
              <p>No agents match these filters.</p>
              <button type="button" className="button button--secondary" onClick={filters.clear}>
                Show all agents
              </button>
            </div>
          )}
        </>
      )}

      {status === 'ready' && agents.length === 0 && (
        <div className="empty">
          <p>This organization has no published agents yet.</p>
        </div>
      )}

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
