// Which session is open (at most one), and the queue that changes it: opening, closing and
// selecting run one at a time, so a quick second click cannot interleave with a half-opened
// session.
import { notSignedIn, type Session } from './session.ts';

export interface CurrentSession {
  get(): Session | null;
  /** The open session, or `not_signed_in`. */
  require(): Session;
  set(session: Session | null): void;
  /** A fresh id for a session about to open. */
  nextId(): number;
  /** Runs `task` after every change queued before it (whether that one failed or not). */
  serialized<T>(task: () => Promise<T>): Promise<T>;
}

export function createCurrentSession(): CurrentSession {
  let session: Session | null = null;
  let sessionCount = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: () => session,
    require: () => {
      if (session === null) throw notSignedIn();
      return session;
    },
    set: (next) => {
      session = next;
    },
    nextId: () => ++sessionCount,
    serialized: (task) => {
      const run = queue.then(task, task);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
