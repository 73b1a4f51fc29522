// The whole IPC surface between the renderer and the main process, in one place.
// Both hosts (Electron ipcMain and the web host's HTTP + SSE) bind this contract through the
// router; the renderer's `window.unpod` API is derived from it. Adding a channel is one entry
// here plus its handler in the services.
import { z } from 'zod';

export const errorCodes = [
  'invalid_input', // the payload does not match the channel's input schema
  'unknown_channel',
  'not_signed_in', // the channel needs an open workspace
  'unauthorized', // 401 from the platform
  'forbidden', // 403: expired token or no access
  'not_found',
  'business', // 206 from the platform
  'bad_request',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'outcome_unknown', // a create whose result could not be confirmed
  'cancelled',
  'keychain_unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const ipcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export const resultSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);

/** Errors any channel that reaches the platform can return. */
const platformErrors = [
  'not_signed_in',
  'unauthorized',
  'forbidden',
  'not_found',
  'business',
  'bad_request',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'invalid_response',
] as const satisfies readonly ErrorCode[];

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** The codes this channel returns beyond `invalid_input` and `internal`, which any can. */
  errors: readonly ErrorCode[];
}
const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>) => def;
const noInput = z.object({}).strict();

// ---- View models: what the renderer sees (never a token) ----

export const connectionStateSchema = z.object({
  state: z.enum(['online', 'offline', 'syncing']),
  /** ISO time of the last successful contact with the platform, if any. */
  lastOnlineAt: z.string().nullable(),
  message: z.string().optional(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const organizationSchema = z.object({
  name: z.string(),
  domainHandle: z.string(),
  role: z.string().nullable(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const spaceSchema = z.object({
  token: z.string(),
  name: z.string(),
  slug: z.string().nullable(),
  spaceType: z.string().nullable(),
  contentType: z.string().nullable(),
  privacyType: z.string().nullable(),
  description: z.string().nullable(),
});
export type Space = z.infer<typeof spaceSchema>;

export const agentSchema = z.object({
  handle: z.string(),
  name: z.string(),
  type: z.string(),
  state: z.string(),
  description: z.string(),
  purpose: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

export const workspaceStateSchema = z.object({
  /** none: welcome screen; demo: the embedded sandbox; profile: a signed-in token. */
  kind: z.enum(['none', 'demo', 'profile']),
  profileName: z.string().nullable(),
  organization: organizationSchema.nullable(),
  space: spaceSchema.nullable(),
  connection: connectionStateSchema,
});
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

export const channels = {
  'app.getInfo': channel({
    input: noInput,
    output: z.object({ version: z.string(), host: z.enum(['electron', 'web']) }),
    errors: [],
  }),
  'workspace.getState': channel({ input: noInput, output: workspaceStateSchema, errors: [] }),
  'workspace.openDemo': channel({ input: noInput, output: workspaceStateSchema, errors: platformErrors }),
  'workspace.close': channel({ input: noInput, output: workspaceStateSchema, errors: [] }),
  'organizations.list': channel({
    input: noInput,
    output: z.array(organizationSchema),
    errors: platformErrors,
  }),
  'organizations.select': channel({
    input: z.object({ domainHandle: z.string().min(1).max(200) }).strict(),
    output: workspaceStateSchema,
    errors: platformErrors,
  }),
  'spaces.list': channel({ input: noInput, output: z.array(spaceSchema), errors: platformErrors }),
  'spaces.select': channel({
    input: z.object({ token: z.string().min(1).max(200) }).strict(),
    output: workspaceStateSchema,
    errors: platformErrors,
  }),
  'agents.list': channel({ input: noInput, output: z.array(agentSchema), errors: platformErrors }),
} as const;

export const events = {
  'workspace.changed': workspaceStateSchema,
  'connection.changed': connectionStateSchema,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

// ---- The renderer's API, derived from the channel names: 'area.method' → unpod.area.method ----

type AreaOf<C extends string> = C extends `${infer A}.${string}` ? A : never;
type MethodOf<C extends string, A extends string> = C extends `${A}.${infer M}` ? M : never;
type Call<C extends ChannelName> = {} extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

export type UnpodApi = {
  [A in AreaOf<ChannelName>]: { [M in MethodOf<ChannelName, A>]: Call<`${A}.${M}` & ChannelName> };
} & {
  /** Subscribes to a main→renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Builds the nested API object from a single transport function (used by both preloads). */
export function buildApi(
  invoke: (channel: ChannelName, input: unknown) => Promise<IpcResult<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void,
): UnpodApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const name of Object.keys(channels) as ChannelName[]) {
    const [area, method] = name.split('.') as [string, string];
    api[area] ??= {};
    api[area][method] = (input?: unknown) => invoke(name, input ?? {});
  }
  return Object.assign(api, { on: subscribe }) as unknown as UnpodApi;
}
