// Small helpers around `window.unpod` calls, so every screen handles failures the same way.
import type { IpcError, IpcResult } from '../../src-main/ipc/contract.ts';

const bridgeUnavailable: IpcError = {
  code: 'internal',
  message:
    'Unpod Desk could not reach its background service. Check that the app is still running, then try again.',
};

/**
 * Runs a bridge call and always resolves to an IpcResult. The contract says calls never throw,
 * but a broken transport (the web host stopped, a preload bug) could still reject; the screens
 * then show a readable error instead of an unhandled rejection.
 */
export async function settle<T>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    const result = await call();
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: false, error: bridgeUnavailable };
  } catch {
    return { ok: false, error: bridgeUnavailable };
  }
}
