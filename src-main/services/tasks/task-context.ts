// The parts that keep one open cache current, wired together: its scopes, their syncs,
// re-polling and the offline probe. Made when the cache opens; all of it stops when it closes.
import type { ConnectionState } from '../../ipc/contract.ts';
import type { Logger } from '../../log/index.ts';
import type { Emit } from '../emit.ts';
import type { WorkspaceService } from '../workspace.ts';
import type { OpenCache } from './cache-lifecycle.ts';
import { createConnectionProbe, type ConnectionProbe } from './connection-probe.ts';
import { createRepoller, type Repoller } from './repoll.ts';
import { createScopeRegistry, type ScopeRegistry } from './scope-registry.ts';
import { createSyncScheduler, type SyncScheduler } from './sync-scheduler.ts';
import type { SyncTiming } from './sync-timing.ts';

export interface TaskContext {
  opened: OpenCache;
  scopes: ScopeRegistry;
  sync: SyncScheduler;
  repoll: Repoller;
  probe: ConnectionProbe;
  /** Another organization: its scopes (and their syncs, re-polls) are of no use any more. */
  keepScopesOf(orgHandle: string | null): void;
  connectionChanged(state: ConnectionState['state']): void;
}

export type TaskContextDeps = {
  workspace: Pick<WorkspaceService, 'activeSession' | 'getState' | 'trackConnection' | 'checkConnection'>;
  emit: Emit;
  logger: Logger;
  timing: SyncTiming;
};

export function createTaskContext(opened: OpenCache, deps: TaskContextDeps): TaskContext {
  const { workspace, emit, logger, timing } = deps;
  const connectionIs = (state: ConnectionState['state']) => () =>
    workspace.getState().connection.state === state;
  const isOffline = connectionIs('offline');
  const isOnline = connectionIs('online');

  const scopes = createScopeRegistry({
    opened,
    orgHandle: workspace.activeSession()?.organization?.domainHandle ?? null,
    emit,
    timing,
  });
  const sync = createSyncScheduler({
    opened,
    workspace,
    timing,
    logger,
    onSettled: () => repoll.schedule(),
  });
  const probe = createConnectionProbe({
    sessionId: opened.sessionId,
    closing: opened.closing,
    workspace,
    isOffline,
    timing,
  });
  const repoll = createRepoller({
    closing: opened.closing,
    scopes,
    sync,
    probe,
    spaceToken: () => workspace.activeSession()?.spaceToken ?? null,
    isOnline,
    isOffline,
    timing,
    logger,
  });

  return {
    opened,
    scopes,
    sync,
    repoll,
    probe,
    keepScopesOf(orgHandle) {
      if (scopes.forOrganization(orgHandle)) repoll.stop();
    },
    connectionChanged(state) {
      if (opened.closing.aborted) return;
      if (state !== 'online') {
        repoll.stop();
        // Offline: probe until the platform answers. Rejected: it answers; the token must change.
        if (state === 'offline') probe.schedule();
        else probe.stop();
        return;
      }
      // Back online: stop probing and bring every active scope up to date now.
      probe.reset();
      repoll.refreshAllNow();
    },
  };
}
