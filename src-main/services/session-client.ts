// A profile session's API client with an off switch. The client carries the profile's token, and
// other parts of main (pickers, sync) may still hold it after the user switched profiles or
// signed out. Disposing it cancels every request it has in flight and makes every later call fail
// as cancelled, so a stale reference can neither finish loading the old profile's data into the
// new one nor send a signed-out token again.
import { UnpodError, type RequestOptions, type UnpodClient } from '../unpod/index.ts';

export interface DisposableClient {
  client: UnpodClient;
  /** Cancels in-flight requests and refuses new ones. Safe to call twice. */
  dispose(): void;
}

const closedError = () =>
  new UnpodError(
    'cancelled',
    'This profile was closed (switched or signed out), so the request was not sent.',
  );

export function createDisposableClient(inner: UnpodClient): DisposableClient {
  const controller = new AbortController();

  /** The caller's options with our signal joined to theirs; throws once disposed. */
  function withSignal<O extends RequestOptions>(options: O | undefined): O {
    if (controller.signal.aborted) throw closedError();
    const signal = options?.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    return { ...options, signal } as O;
  }

  // Every method is wrapped explicitly, so a method added to UnpodClient later fails to compile
  // here instead of slipping past the off switch.
  const wrap = (client: UnpodClient): UnpodClient => ({
    get baseUrl() {
      return client.baseUrl;
    },
    get orgHandle() {
      return client.orgHandle;
    },
    withOrg: (orgHandle) => wrap(client.withOrg(orgHandle)),
    listOrganizations: async (o) => client.listOrganizations(withSignal(o)),
    listSpaces: async (o) => client.listSpaces(withSignal(o)),
    getSpace: async (spaceToken, o) => client.getSpace(spaceToken, withSignal(o)),
    listAgents: async (o) => client.listAgents(withSignal(o)),
    listSpaceTasks: async (spaceToken, q, o) => client.listSpaceTasks(spaceToken, q, withSignal(o)),
    listAgentTasks: async (agentHandle, q, o) => client.listAgentTasks(agentHandle, q, withSignal(o)),
    createTask: async (spaceToken, body, o) => client.createTask(spaceToken, body, withSignal(o)),
    getSignedRecordingUrl: async (recordingUrl, o) =>
      client.getSignedRecordingUrl(recordingUrl, withSignal(o)),
    downloadRecording: async (recordingUrl, destPath, o) =>
      client.downloadRecording(recordingUrl, destPath, withSignal(o)),
    openRecording: async (recordingUrl, o) => client.openRecording(recordingUrl, withSignal(o)),
  });

  return {
    client: wrap(inner),
    dispose: () => controller.abort(),
  };
}
