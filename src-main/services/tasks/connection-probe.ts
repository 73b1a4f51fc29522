// While the platform cannot be reached: the workspace's quick check (one cheap request, short
// timeout) runs with backoff, until an answer flips the connection back to online.
import type { WorkspaceService } from '../workspace.ts';
import type { SyncTiming } from './sync-timing.ts';

export interface ConnectionProbe {
  /** Checks again after the current delay (nothing if a check is already due or running). */
  schedule(): void;
  /** Stops the next check (the token is refused: the platform answers, the token must change). */
  stop(): void;
  /** Back online: stops checking, and the next offline spell starts with the shortest delay. */
  reset(): void;
}

export function createConnectionProbe(options: {
  /** The session whose cache this is, and its closing signal. */
  sessionId: number;
  closing: AbortSignal;
  workspace: Pick<WorkspaceService, 'activeSession' | 'checkConnection'>;
  isOffline: () => boolean;
  timing: Pick<SyncTiming, 'probeMinMs' | 'probeMaxMs'>;
}): ConnectionProbe {
  const { closing, workspace, isOffline, timing } = options;
  let timer: NodeJS.Timeout | null = null;
  let delayMs = timing.probeMinMs;
  let probing = false;

  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  closing.addEventListener('abort', stop, { once: true });

  function schedule(): void {
    if (closing.aborted || timer || probing) return;
    timer = setTimeout(() => {
      timer = null;
      void probe();
    }, delayMs).unref();
  }

  async function probe(): Promise<void> {
    if (closing.aborted || !isOffline()) return;
    const session = workspace.activeSession();
    if (session === null || session.id !== options.sessionId) return;
    probing = true;
    try {
      await workspace.checkConnection();
    } finally {
      probing = false;
    }
    if (closing.aborted) return;
    if (isOffline()) {
      delayMs = Math.min(delayMs * 2, timing.probeMaxMs);
      schedule();
    }
  }

  return {
    schedule,
    stop,
    reset() {
      stop();
      delayMs = timing.probeMinMs;
    },
  };
}
