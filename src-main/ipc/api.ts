// The renderer-facing half of the contract, without zod: the channel and event names and
// `buildApi`. Both preloads import only this module, so the sandboxed Electron preload and the
// web bridge stay tiny and never evaluate schema code in the page (zod probes `new Function`,
// which the page's CSP forbids). The type checks below keep the name lists equal to the
// contract's channels and events; test/unit/contract.test.ts checks the same at run time.
import type { ChannelName, EventName, IpcResult, UnpodApi } from './contract.ts';

export const channelNames = [
  'app.getInfo',
  'workspace.getState',
  'workspace.openDemo',
  'workspace.close',
  'workspace.rememberPage',
  'auth.probeKeychain',
  'auth.beginSignIn',
  'auth.completeSignIn',
  'auth.cancelSignIn',
  'profiles.list',
  'profiles.switch',
  'profiles.replaceToken',
  'profiles.signOut',
  'organizations.list',
  'organizations.select',
  'spaces.list',
  'spaces.select',
  'agents.list',
  'tasks.query',
  'tasks.get',
  'tasks.overview',
  'tasks.exportCsv',
  'sync.start',
  'sync.cancel',
  'sync.status',
  'preferences.get',
  'preferences.set',
  // lead import (contract-imports.ts)
  'imports.start',
  'imports.pause',
  'imports.resume',
  'imports.cancel',
  'imports.list',
  'imports.get',
  'imports.rows',
  'imports.retryFailed',
  'imports.resolve',
  'calls.create',
  'imports.stagePath',
  'imports.preview',
  'imports.exportProblems',
  'imports.release',
] as const satisfies readonly ChannelName[];

export const eventNames = [
  'workspace.changed',
  'connection.changed',
  'sync.progress',
  'tasks.changed',
  'cache.notice',
  'imports.progress',
  'imports.finished',
] as const satisfies readonly EventName[];

// Compile-time proof that no contract channel or event is missing from the lists above.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const _allChannelsListed: Missing<ChannelName, (typeof channelNames)[number]> = true;
const _allEventsListed: Missing<EventName, (typeof eventNames)[number]> = true;

const channelSet: ReadonlySet<string> = new Set(channelNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);
export const isKnownChannel = (name: string): name is ChannelName => channelSet.has(name);
export const isKnownEvent = (name: string): name is EventName => eventSet.has(name);

/** The Electron IPC channel that carries a main→renderer event (invokes use the channel name itself). */
export const electronEventChannel = (event: EventName): string => `unpod-event:${event}`;

/** Builds the nested API object from a single transport function (used by both preloads). */
export function buildApi(
  invoke: (channel: ChannelName, input: unknown) => Promise<IpcResult<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void,
): UnpodApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const name of channelNames) {
    const [area, method] = name.split('.') as [string, string];
    api[area] ??= {};
    api[area][method] = (input?: unknown) => invoke(name, input ?? {});
  }
  return Object.assign(api, { on: subscribe }) as unknown as UnpodApi;
}
