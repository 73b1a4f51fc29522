// The whole IPC surface between the renderer and the main process, in one place.
// Both hosts (Electron ipcMain and the web host's HTTP + SSE) bind this contract through the
// router; the renderer's `window.unpod` API is derived from it. Adding a channel is one entry
// here plus its handler in the services.
import { z } from 'zod';

export const errorCodes = [
  'invalid_input', // the payload does not match the channel's input schema
  'unknown_channel',
  'not_signed_in', // the channel needs an open workspace
  'no_organization', // the channel needs a chosen organization (spaces, agents)
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
  'no_organization',
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
  /** The open profile's id (kind 'profile'), else null. */
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  organization: organizationSchema.nullable(),
  space: spaceSchema.nullable(),
  connection: connectionStateSchema,
});
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

// ---- Sign-in and profiles. A token is only ever an INPUT (beginSignIn, replaceToken): no
// output, event or error carries one; the renderer learns whether a profile has a token and its
// hint ("…a1b2"), nothing else. ----

export const secretStorageSchema = z.enum(['keychain', 'session']);
export type SecretStorage = z.infer<typeof secretStorageSchema>;

/** Whether the OS keychain works; when not, what went wrong and what the user can do. */
export const keychainStatusSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  hint: z.string().nullable(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  orgHandle: z.string(),
  orgName: z.string(),
  /** "…a1b2": the last four characters of the token, so keys can be told apart. */
  tokenHint: z.string(),
  /** False after sign-out, or when a session-only token's session has ended. */
  hasToken: z.boolean(),
  storage: secretStorageSchema,
  lastUsedAt: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileListSchema = z.object({
  profiles: z.array(profileSchema),
  /** The profile reopened at start (null after signing out of it). */
  lastProfileId: z.string().nullable(),
  /** The saved profiles file was unreadable and set aside (plain-language message). */
  fileProblem: z.string().nullable(),
  /** The keychain could not be asked whether tokens exist (their hasToken is false). */
  keychainProblem: z.object({ reason: z.string(), hint: z.string() }).nullable(),
  /** Reopening the last profile at start failed (the welcome screen says why). */
  restoreProblem: z
    .object({ profileId: z.string(), profileName: z.string(), message: z.string() })
    .nullable(),
});
export type ProfileList = z.infer<typeof profileListSchema>;

export const pendingSignInSchema = z.object({
  pendingId: z.string(),
  /** The normalised server address the token was checked against. */
  baseUrl: z.string(),
  tokenHint: z.string(),
  storage: secretStorageSchema,
  organizations: z.array(organizationSchema),
  expiresAt: z.string(),
});
export type PendingSignIn = z.infer<typeof pendingSignInSchema>;

export const signOutResultSchema = z.object({
  /** False when no token was stored any more. */
  tokenRemoved: z.boolean(),
  cachedDataDeleted: z.boolean(),
  profileForgotten: z.boolean(),
  workspace: workspaceStateSchema,
});
export type SignOutResult = z.infer<typeof signOutResultSchema>;

// Lengths are generous: the services check tokens and addresses with plain-language messages.
const tokenInput = z.string().max(4096);
const profileIdInput = z.string().min(1).max(64);
const pendingIdInput = z.string().min(1).max(100);
/** What validating a token against a server can fail with. */
const signInErrors = [
  'unauthorized',
  'forbidden',
  'network',
  'timeout',
  'invalid_response',
  'server',
  'rate_limited',
  'cancelled',
  'keychain_unavailable',
] as const satisfies readonly ErrorCode[];

const authChannels = {
  'auth.probeKeychain': channel({ input: noInput, output: keychainStatusSchema, errors: [] }),
  'auth.beginSignIn': channel({
    input: z
      .object({
        baseUrl: z.string().max(2048),
        token: tokenInput,
        profileName: z.string().max(400).default(''),
        storage: secretStorageSchema,
      })
      .strict(),
    output: pendingSignInSchema,
    errors: signInErrors,
  }),
  'auth.completeSignIn': channel({
    input: z
      .object({
        pendingId: pendingIdInput,
        domainHandle: z.string().min(1).max(200),
        storage: secretStorageSchema.optional(),
      })
      .strict(),
    output: workspaceStateSchema,
    errors: [...platformErrors, 'keychain_unavailable'],
  }),
  'auth.cancelSignIn': channel({
    input: z.object({ pendingId: pendingIdInput }).strict(),
    output: z.null(),
    errors: [],
  }),
  'profiles.list': channel({ input: noInput, output: profileListSchema, errors: ['keychain_unavailable'] }),
  'profiles.switch': channel({
    input: z.object({ id: profileIdInput }).strict(),
    output: workspaceStateSchema,
    errors: [...platformErrors, 'keychain_unavailable'],
  }),
  'profiles.replaceToken': channel({
    input: z.object({ id: profileIdInput, token: tokenInput }).strict(),
    output: profileSchema,
    errors: [...signInErrors, 'not_found'],
  }),
  'profiles.signOut': channel({
    input: z
      .object({
        id: profileIdInput,
        deleteCachedData: z.boolean(),
        forgetProfile: z.boolean().default(false),
      })
      .strict(),
    output: signOutResultSchema,
    errors: ['not_found', 'keychain_unavailable'],
  }),
} as const;

export const channels = {
  'app.getInfo': channel({
    input: noInput,
    output: z.object({ version: z.string(), host: z.enum(['electron', 'web']) }),
    errors: [],
  }),
  'workspace.getState': channel({ input: noInput, output: workspaceStateSchema, errors: [] }),
  'workspace.openDemo': channel({ input: noInput, output: workspaceStateSchema, errors: platformErrors }),
  'workspace.close': channel({ input: noInput, output: workspaceStateSchema, errors: [] }),
  ...authChannels,
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
// A channel whose input has no required field can be called without an argument.
type Call<C extends ChannelName> =
  Record<string, never> extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

export type UnpodApi = {
  [A in AreaOf<ChannelName>]: { [M in MethodOf<ChannelName, A>]: Call<`${A}.${M}` & ChannelName> };
} & {
  /** Subscribes to a main→renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

// `buildApi` (and the plain name lists) live in api.ts, which has no zod import, so the
// preloads can use them without bundling the schemas into the page.
export { buildApi, channelNames, eventNames } from './api.ts';
