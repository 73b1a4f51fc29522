// What the main process relies on, checked at start so a missing part is named plainly at once
// instead of failing later in the middle of a sync: node:sqlite with its FTS5 full-text search
// (the offline cache and its search), and the native keychain module (keytar) for tokens.
// The checks run under plain Node too; the message builder is pure. The Electron shell shows
// the message in a dialog (a fatal one before quitting).
import { loadKeytar } from '../services/secrets/keychain-store.ts';

export type StartupCheckId = 'sqlite' | 'fts5' | 'keychain';

export interface StartupCheckResult {
  id: StartupCheckId;
  ok: boolean;
  /** What failed, in the runtime's words (null when ok). */
  error: string | null;
}

export interface StartupCheckDeps {
  /** Opens an in-memory database and creates an FTS5 table; throws what failed. */
  probeSqlite(): Promise<{ fts5: true } | { fts5: false; error: string }>;
  loadKeychainModule(): Promise<unknown>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const realStartupCheckDeps: StartupCheckDeps = {
  async probeSqlite() {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    try {
      db.exec('CREATE VIRTUAL TABLE startup_check USING fts5(body)');
      return { fts5: true };
    } catch (error) {
      return { fts5: false, error: describe(error) };
    } finally {
      db.close();
    }
  },
  loadKeychainModule: () => loadKeytar(),
};

export async function runStartupChecks(
  deps: StartupCheckDeps = realStartupCheckDeps,
): Promise<StartupCheckResult[]> {
  const results: StartupCheckResult[] = [];
  try {
    const sqlite = await deps.probeSqlite();
    results.push({ id: 'sqlite', ok: true, error: null });
    results.push({ id: 'fts5', ok: sqlite.fts5, error: sqlite.fts5 ? null : sqlite.error });
  } catch (error) {
    results.push({ id: 'sqlite', ok: false, error: describe(error) });
    results.push({ id: 'fts5', ok: false, error: 'not checked: node:sqlite is missing' });
  }
  try {
    await deps.loadKeychainModule();
    results.push({ id: 'keychain', ok: true, error: null });
  } catch (error) {
    results.push({ id: 'keychain', ok: false, error: describe(error) });
  }
  return results;
}

export interface StartupProblem {
  /** fatal: the app cannot work and quits after saying so; warning: it runs with less. */
  severity: 'fatal' | 'warning';
  title: string;
  message: string;
}

/** The plain-language report of what is missing, or null when everything is there. */
export function startupProblem(results: readonly StartupCheckResult[]): StartupProblem | null {
  const failed = (id: StartupCheckId) => results.find((r) => r.id === id && !r.ok);
  const sqlite = failed('sqlite');
  const fts5 = failed('fts5');
  const keychain = failed('keychain');
  const lines: string[] = [];
  if (sqlite) {
    lines.push(
      `The built-in database (node:sqlite) is missing, so tasks cannot be saved for offline use. (${sqlite.error})`,
    );
  } else if (fts5) {
    lines.push(
      `The built-in database has no full-text search (FTS5), so saved tasks cannot be searched. (${fts5.error})`,
    );
  }
  if (keychain) {
    lines.push(
      `The keychain module (keytar) could not be loaded, so API tokens cannot be kept in the system keychain; a token you enter is kept only until the app closes. (${keychain.error})`,
    );
  }
  if (lines.length === 0) return null;
  const fatal = sqlite !== undefined || fts5 !== undefined;
  const advice = fatal
    ? 'This copy of Unpod Desk is incomplete. Install it again from the installer; if this keeps happening, send this message to your IT team.'
    : 'Unpod Desk will start anyway. Installing it again may bring the missing part back.';
  return {
    severity: fatal ? 'fatal' : 'warning',
    title: fatal ? 'Unpod Desk cannot start' : 'Part of Unpod Desk is missing',
    message: [...lines, '', advice].join('\n'),
  };
}
