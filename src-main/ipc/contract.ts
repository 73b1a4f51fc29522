// The whole IPC surface between the renderer and the main process, in one place.
// Both hosts (Electron ipcMain and the web host's HTTP + SSE) bind this contract through the
// router; the renderer's `window.unpod` API is derived from it. Adding a channel is one entry
// here plus its handler in the services.
import { z } from 'zod';
import { isTimeZone } from '../shared/iso-time.ts';
import { importFileChannels } from './contract-import-files.ts';
import { SEARCH_MAX_LENGTH } from '../shared/search-limits.ts';
import { importChannels, importEvents } from './contract-imports.ts';

export { SEARCH_MAX_LENGTH };

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

/**
 * Errors any channel that reaches the platform can return. `cancelled`: the profile was switched
 * or signed out while the request was in flight (its client is disposed, session-client.ts).
 */
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
  'cancelled',
] as const satisfies readonly ErrorCode[];

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /**
   * The codes this channel's handler fails with beyond `invalid_input` and `internal`, which any
   * can. The router reports a code missing here (in development and tests). Not listed: the
   * hosts' own refusals, which can answer any call (`unknown_channel`, `forbidden` for an
   * untrusted frame, the web bridge's `network` when the web host is gone).
   */
  errors: readonly ErrorCode[];
}
const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>) => def;
const noInput = z.object({}).strict();

// ---- View models: what the renderer sees (never a token) ----

// Whether the platform answers; how a sync is doing is SyncStatus's business. `rejected`: the
// platform answers but refuses the API token (401, or 403 "expired"): nothing loads until the
// token is replaced, so the app says so instead of "Online".
export const connectionStateSchema = z.object({
  state: z.enum(['online', 'offline', 'rejected']),
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

/** The pages of the app frame (the renderer keeps the same list for its routes). */
export const pageIds = ['tasks', 'agents', 'spaces', 'import', 'settings'] as const;
export const pageIdSchema = z.enum(pageIds);
export type PageId = z.infer<typeof pageIdSchema>;

/** An agent's display name, for lists that only carry its handle (task rows, filters). */
export const agentNameSchema = z.object({ handle: z.string(), name: z.string() });
export type AgentName = z.infer<typeof agentNameSchema>;

export const workspaceStateSchema = z.object({
  /** none: welcome screen; demo: the embedded sandbox; profile: a signed-in token. */
  kind: z.enum(['none', 'demo', 'profile']),
  /** The open profile's id (kind 'profile'), else null. */
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  organization: organizationSchema.nullable(),
  space: spaceSchema.nullable(),
  connection: connectionStateSchema,
  /** The page last used in this workspace (the app opens on it), or null: none yet. */
  lastPage: pageIdSchema.nullable(),
  /**
   * Names of the current organization's agents: the published ones and those of its spaces
   * opened so far (drafts included). Known before the task list asks for rows, so rows never
   * show handles while names are on their way.
   */
  agentNames: z.array(agentNameSchema),
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
    // Replacing the open profile's token reopens it: its organizations and spaces load again.
    errors: [...signInErrors, 'not_found', 'business', 'bad_request'],
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

// ---- The task cache and the review screens: lists, detail, overview, export, sync ----

/** What a list is "of": the tasks of one space, or the tasks assigned to one agent. */
export const taskScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('space'), spaceToken: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('agent'), agentHandle: z.string().min(1).max(200) }).strict(),
]);
export type TaskScope = z.infer<typeof taskScopeSchema>;

const filterValues = z.array(z.string().min(1).max(200)).max(100).default([]);
export const taskFiltersSchema = z
  .object({
    statuses: filterValues,
    /** Classification labels (a task matches when it has any of them). */
    labels: filterValues,
    /** Outcome statuses (post-call summary status, e.g. "Call Back"). */
    outcomeStatuses: filterValues,
    /** Agent handles. */
    agents: filterValues,
    executionTypes: filterValues,
    /** Created at or after (epoch ms), and before (epoch ms, exclusive). */
    createdFrom: z.number().int().nullable().default(null),
    createdTo: z.number().int().nullable().default(null),
    /** Free text over name, number, email, company, context, objective, transcript, summaries. */
    search: z
      .string()
      .max(SEARCH_MAX_LENGTH, `A search can be at most ${SEARCH_MAX_LENGTH} characters long.`)
      .default(''),
    /** Only the tasks an import created (the task ids its journal recorded): "Show these calls". */
    importId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type TaskFilters = z.output<typeof taskFiltersSchema>;

export const taskSortSchema = z
  .object({
    field: z.enum(['created', 'modified', 'name', 'duration', 'cost', 'status', 'relevance']),
    direction: z.enum(['asc', 'desc']),
  })
  .strict();
export type TaskSort = z.infer<typeof taskSortSchema>;

/** Text with the matched parts of a search marked (the renderer wraps them in <mark>). */
export const highlightedSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type Highlighted = z.infer<typeof highlightedSchema>;

export const taskRowSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  contactNumber: z.string().nullable(),
  status: z.string(),
  outcomeStatus: z.string().nullable(),
  labels: z.array(z.string()),
  durationSeconds: z.number().nullable(),
  cost: z.number().nullable(),
  /** Epoch ms (platform times without a zone are read as UTC). */
  createdAt: z.number().nullable(),
  assignee: z.string().nullable(),
  executionType: z.string().nullable(),
  hasRecording: z.boolean(),
  /** Where a search matched: highlighted name/number, and an excerpt of longer text. */
  match: z
    .object({
      name: highlightedSchema.nullable(),
      contactNumber: highlightedSchema.nullable(),
      snippet: z.object({ column: z.string(), parts: highlightedSchema }).nullable(),
    })
    .nullable(),
});
export type TaskRow = z.infer<typeof taskRowSchema>;

export const facetCountSchema = z.object({ value: z.string(), count: z.number() });
export type FacetCount = z.infer<typeof facetCountSchema>;

/** Counts beside the filters: each facet with every other filter applied. */
export const taskFacetsSchema = z.object({
  statuses: z.array(facetCountSchema),
  labels: z.array(facetCountSchema),
  outcomeStatuses: z.array(facetCountSchema),
  agents: z.array(facetCountSchema),
  executionTypes: z.array(facetCountSchema),
});
export type TaskFacets = z.infer<typeof taskFacetsSchema>;

/** Something about the saved data the user should know (a damaged cache was rebuilt, …). */
export const cacheNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum(['recovered', 'unavailable']),
  message: z.string(),
  at: z.string(),
});
export type CacheNotice = z.infer<typeof cacheNoticeSchema>;

export const syncStatusSchema = z.object({
  scope: taskScopeSchema,
  phase: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  /** full: every page; refresh: the newest pages and the tasks still in flight. */
  mode: z.enum(['full', 'refresh']).nullable(),
  fetched: z.number(),
  total: z.number(),
  pagesDone: z.number(),
  pagesTotal: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: ipcErrorSchema.nullable(),
  /** ISO time the scope's cached data was last brought up to date with Unpod. */
  lastSyncedAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const taskPageSchema = z.object({
  rows: z.array(taskRowSchema),
  total: z.number(),
  offset: z.number(),
  /** Present when asked for (the first page of a new filter). */
  facets: taskFacetsSchema.nullable(),
  lastSyncedAt: z.string().nullable(),
  sync: syncStatusSchema,
  notice: cacheNoticeSchema.nullable(),
  /**
   * How the search was read: `none` (no search), `words` (searched), `no_words` (only
   * punctuation, symbols or emoji) and `too_short` (one character): the last two filter nothing.
   */
  search: z.enum(['none', 'words', 'no_words', 'too_short']),
  /** A search ran while the full-text index was catching up: this many tasks it cannot find yet. */
  notYetSearchable: z.number().int().nonnegative().optional(),
});
export type TaskPage = z.infer<typeof taskPageSchema>;

const lenientJsonView = <T extends z.ZodType>(parsed: T) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('parsed'), value: parsed }),
    z.object({ kind: z.literal('raw'), text: z.string() }),
  ]);

export const taskDetailSchema = z.object({
  id: z.string(),
  status: z.string(),
  created: z.number().nullable(),
  modified: z.number().nullable(),
  executionType: z.string().nullable(),
  assignee: z.string().nullable(),
  contact: z.object({
    name: z.string().nullable(),
    contactNumber: z.string().nullable(),
    alternateNumber: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    occupation: z.string().nullable(),
    address: z.string().nullable(),
    about: z.string().nullable(),
  }),
  objective: z.string().nullable(),
  context: z.string().nullable(),
  outcome: z.object({
    status: z.string().nullable(),
    summary: z.string().nullable(),
    /** As the platform wrote it (no zone: UTC), and as epoch ms when readable. */
    callbackText: z.string().nullable(),
    callbackAt: z.number().nullable(),
  }),
  callSummary: z.string().nullable(),
  classification: z.object({ labels: z.array(z.string()), summary: z.string().nullable() }),
  successEvaluation: lenientJsonView(
    z.object({
      score: z.union([z.number(), z.string(), z.boolean()]).nullable(),
      reason: z.string().nullable(),
    }),
  ).nullable(),
  structuredData: lenientJsonView(z.array(z.object({ key: z.string(), value: z.string() }))).nullable(),
  transcript: z.array(z.object({ role: z.string(), text: z.string(), time: z.string().nullable() })),
  durationSeconds: z.number().nullable(),
  cost: z.number().nullable(),
  callEndReason: z.string().nullable(),
  hasRecording: z.boolean(),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskOverviewSchema = z.object({
  total: z.number(),
  byStatus: z.array(facetCountSchema),
  byLabel: z.array(facetCountSchema),
  byOutcomeStatus: z.array(facetCountSchema),
  perDay: z.array(z.object({ day: z.string(), count: z.number() })),
  /** Calls dialled that have ended (completed, partially completed, failed), answered or not. */
  placed: z.number(),
  /** Placed calls with talk time (a duration above 0 s). */
  connected: z.number(),
  /** connected ÷ placed (0–1); null when nothing was placed. */
  connectRate: z.number().nullable(),
  /** Talk time of the connected calls. */
  totalDurationSeconds: z.number(),
  /** Average talk time over the connected calls; null when none connected. */
  averageDurationSeconds: z.number().nullable(),
  totalCost: z.number(),
  lastSyncedAt: z.string().nullable(),
});
export type TaskOverview = z.infer<typeof taskOverviewSchema>;

/** not_found: the scope is not the current space, nor an agent, of the current organization. */
const cacheErrors = ['not_signed_in', 'no_organization', 'not_found'] as const satisfies readonly ErrorCode[];
/** The reads a newer one of the same list supersedes: the older answers `cancelled`. */
const supersededReadErrors = [...cacheErrors, 'cancelled'] as const satisfies readonly ErrorCode[];

const taskChannels = {
  'tasks.query': channel({
    input: z
      .object({
        scope: taskScopeSchema,
        filters: taskFiltersSchema.prefault({}),
        sort: taskSortSchema.default({ field: 'created', direction: 'desc' }),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        /** Also count per status, label, outcome, agent and type (costs a few ms at 100k tasks). */
        facets: z.boolean().default(false),
      })
      .strict(),
    output: taskPageSchema,
    errors: supersededReadErrors,
  }),
  'tasks.get': channel({
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('found'), task: taskDetailSchema }),
      /** The saved copy is damaged; the next sync replaces it. */
      z.object({ status: z.literal('invalid'), id: z.string(), problem: z.string() }),
    ]),
    errors: supersededReadErrors,
  }),
  'tasks.overview': channel({
    input: z
      .object({
        scope: taskScopeSchema,
        filters: taskFiltersSchema.prefault({}),
        /** The user's offset from UTC in minutes, so calls are counted per local day. */
        utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
      })
      .strict(),
    output: taskOverviewSchema,
    errors: supersededReadErrors,
  }),
  'tasks.exportCsv': channel({
    input: z
      .object({
        scope: taskScopeSchema,
        filters: taskFiltersSchema.prefault({}),
        sort: taskSortSchema.default({ field: 'created', direction: 'desc' }),
        /** The user's IANA time zone, so the file's times match the screen; default: main's. */
        timeZone: z.string().max(100).refine(isTimeZone, 'Not a known time zone.').optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number() }),
    errors: supersededReadErrors,
  }),
  'sync.start': channel({
    input: z.object({ scope: taskScopeSchema, mode: z.enum(['full', 'refresh']).default('full') }).strict(),
    output: syncStatusSchema,
    errors: cacheErrors,
  }),
  'sync.cancel': channel({
    input: z.object({ scope: taskScopeSchema }).strict(),
    output: syncStatusSchema,
    errors: cacheErrors,
  }),
  'sync.status': channel({
    input: z.object({ scope: taskScopeSchema }).strict(),
    output: syncStatusSchema,
    errors: cacheErrors,
  }),
} as const;

// ---- Preferences: how the user arranged the app (kept in the data folder, never a secret) ----

/** The task list's columns, in the order they show. */
export const taskColumnIds = [
  'name',
  'number',
  'status',
  'outcome',
  'labels',
  'duration',
  'cost',
  'created',
  'agent',
] as const;
export type TaskColumnId = (typeof taskColumnIds)[number];

/** A column width the user set, in CSS pixels. */
export const columnWidthSchema = z.number().int().min(40).max(1200);

export const preferencesSchema = z.object({
  /** Widths the user gave the task list's columns by resizing them; the others size to the space. */
  taskColumnWidths: z.partialRecord(z.enum(taskColumnIds), columnWidthSchema),
});
export type Preferences = z.infer<typeof preferencesSchema>;

const preferenceChannels = {
  'preferences.get': channel({ input: noInput, output: preferencesSchema, errors: [] }),
  /** Replaces the preferences given (each one whole); answers with all of them. */
  'preferences.set': channel({
    input: preferencesSchema.partial().strict(),
    output: preferencesSchema,
    errors: [],
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
  /** The page the user moved to, kept with the workspace so it reopens there. */
  'workspace.rememberPage': channel({
    input: z.object({ page: pageIdSchema }).strict(),
    output: z.null(),
    errors: ['not_signed_in'],
  }),
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
  ...taskChannels,
  ...preferenceChannels,
  ...importChannels,
  ...importFileChannels,
} as const;

export const events = {
  'workspace.changed': workspaceStateSchema,
  'connection.changed': connectionStateSchema,
  /** A sync of a scope started, progressed, or ended. */
  'sync.progress': syncStatusSchema,
  /** Cached tasks were added, changed or removed (lists showing the scope re-read their rows). */
  'tasks.changed': z.object({
    scope: taskScopeSchema,
    inserted: z.number(),
    updated: z.number(),
    deleted: z.number(),
  }),
  'cache.notice': cacheNoticeSchema,
  ...importEvents,
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
