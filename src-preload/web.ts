// The web host's bridge: the same window.unpod API as the Electron preload, carried over
// same-origin HTTP (POST /ipc/<channel>) and Server-Sent Events (GET /events). The secret
// cookie rides along automatically; the page never handles it.
import { buildApi, isKnownEvent } from '../src-main/ipc/api.ts';
import type { EventName, IpcResult, UnpodApi } from '../src-main/ipc/contract.ts';
import type { StagedFile, UnpodFiles } from '../src-main/ipc/contract-import-files.ts';

const transportFailure = (message: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'network', message },
});

async function invoke(channel: string, input: unknown): Promise<IpcResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return transportFailure('Unpod Desk is not reachable. Is the web host still running?');
  }
  if (response.status === 401) {
    return transportFailure('This browser tab is not signed in to the web host. Open the link it printed.');
  }
  if (!response.ok) return transportFailure(`The web host answered ${response.status}.`);
  try {
    return (await response.json()) as IpcResult<unknown>;
  } catch {
    return transportFailure('The web host sent an unreadable answer.');
  }
}

/** One EventSource for the page, opened on the first subscription; it reconnects by itself. */
function createSubscriber() {
  let source: EventSource | null = null;
  return (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isKnownEvent(event) || typeof listener !== 'function') return () => {};
    source ??= new EventSource('/events');
    const handler = (message: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      listener(payload);
    };
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  };
}

export function createWebApi(): UnpodApi {
  return buildApi(invoke, createSubscriber());
}

/** Defines window.unpod for the web host; does nothing where a preload already did (Electron). */
export function installWebBridge(): void {
  const target = window as unknown as { unpod?: UnpodApi };
  if (target.unpod !== undefined) return;
  const api = createWebApi();
  Object.defineProperty(window, 'unpod', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
  Object.defineProperty(window, 'unpodFiles', {
    value: Object.freeze(createWebFiles(api)),
    writable: false,
    configurable: false,
  });
}

/**
 * Lead files in the web host: the page streams the file's bytes to the host's upload route (same
 * origin, the secret cookie rides along) and gets the same staged source as Electron; an export
 * of problem rows is downloaded from the address main gives.
 */
export function createWebFiles(api: UnpodApi): UnpodFiles {
  return {
    async stage(file) {
      let response: Response;
      try {
        response = await fetch('/imports/upload', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            'X-File-Name': encodeURIComponent(file.name),
          },
          body: file,
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return transportFailure('The file could not be sent to Unpod Desk. Is the web host still running?');
      }
      if (response.status === 401) {
        return transportFailure(
          'This browser tab is not signed in to the web host. Open the link it printed.',
        );
      }
      try {
        // The host answers a file past its size limit (413) with the same result shape.
        if (response.ok || response.status === 413) return (await response.json()) as IpcResult<StagedFile>;
      } catch {
        return transportFailure('The web host sent an unreadable answer.');
      }
      return transportFailure(`The web host answered ${response.status}.`);
    },
    async exportProblems(input) {
      const result = await api.imports.exportProblems(input);
      if (result.ok && result.data.downloadUrl !== null) {
        const link = document.createElement('a');
        link.href = result.data.downloadUrl;
        link.download = result.data.fileName;
        link.hidden = true;
        document.body.append(link);
        link.click();
        link.remove();
      }
      return result;
    },
  };
}
