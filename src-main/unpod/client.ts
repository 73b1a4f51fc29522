// The typed Unpod API client: one function per endpoint the app uses. Every answer is checked
// against the lenient schemas in schemas.ts and every failure becomes an UnpodError (errors.ts).
// The token travels only in the Authorization header to the configured API origin.
import type { ZodType } from 'zod';
import { UnpodError, type ErrorContext } from './errors.ts';
import { callJson, createKy, type RequestLogEntry, type TransportSettings } from './http.ts';
import { downloadRecording, type DownloadOptions, type DownloadResult } from './recording.ts';
import {
  openRecordingResponse,
  type OpenRecordingOptions,
  type OpenedRecordingResponse,
} from './recording-fetch.ts';
import type { TaskPage } from './pager.ts';
import {
  agentsResponseSchema,
  createTaskRequestSchema,
  createTaskResponseSchema,
  organizationsResponseSchema,
  signedUrlFrom,
  signedUrlResponseSchema,
  spaceDetailResponseSchema,
  spacesResponseSchema,
  tasksResponseSchema,
  type Agent,
  type CreateTaskRequest,
  type Organization,
  type Space,
  type SpaceDetail,
} from './schemas.ts';

export type { TaskPage } from './pager.ts';
export type { RequestLogEntry } from './http.ts';
export type { DownloadOptions, DownloadResult } from './recording.ts';
export type { OpenRecordingOptions, OpenedRecordingResponse } from './recording-fetch.ts';

export interface UnpodClientOptions {
  /** Origin of the platform, e.g. https://unpod.dev (a trailing /api/v2/platform is tolerated). */
  baseUrl: string;
  token: string;
  orgHandle?: string;
  /** Per attempt, for getting an answer and for reading it. Default 30000. */
  timeoutMs?: number;
  retry?: { limit?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Called for every HTTP attempt (retries included), for auditing and tests. */
  onRequest?: (info: RequestLogEntry) => void;
  /** The fetch to send with (the Electron host: net.fetch, which honours the system's proxy). Default Node's. */
  fetch?: typeof globalThis.fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface SpaceTaskQuery {
  page: number;
  pageSize: number;
  /** Name or phone number. */
  search?: string;
  /** Matched by the server against output.post_call_data.summary.status; sent comma separated. */
  status?: string[];
  /** Unix seconds on `created`. */
  fromTs?: number;
  toTs?: number;
  callType?: 'inbound' | 'outbound';
}

export interface CreateTaskOutcome {
  runId: string;
  taskIds: string[];
  /** task id → status ("pending", "scheduled", …) as far as the answer tells. */
  statuses: Record<string, string>;
  raw: unknown;
}

export interface UnpodClient {
  readonly baseUrl: string;
  readonly orgHandle: string | undefined;
  withOrg(orgHandle: string): UnpodClient;
  listOrganizations(o?: RequestOptions): Promise<Organization[]>;
  listSpaces(o?: RequestOptions): Promise<Space[]>;
  getSpace(spaceToken: string, o?: RequestOptions): Promise<SpaceDetail>;
  listAgents(o?: RequestOptions): Promise<Agent[]>;
  listSpaceTasks(spaceToken: string, q: SpaceTaskQuery, o?: RequestOptions): Promise<TaskPage>;
  listAgentTasks(
    agentHandle: string,
    q: { page: number; pageSize: number },
    o?: RequestOptions,
  ): Promise<TaskPage>;
  /** Sent exactly once, never retried. Ambiguous failures reject with kind `outcome_unknown`. */
  createTask(spaceToken: string, body: CreateTaskRequest, o?: RequestOptions): Promise<CreateTaskOutcome>;
  getSignedRecordingUrl(recordingUrl: string, o?: RequestOptions): Promise<string>;
  downloadRecording(recordingUrl: string, destPath: string, o?: DownloadOptions): Promise<DownloadResult>;
  /** The recording's response for a resumable download (recording-fetch.ts). */
  openRecording(recordingUrl: string, o?: OpenRecordingOptions): Promise<OpenedRecordingResponse>;
}

const PLATFORM = 'api/v2/platform';

/** Accepts "https://unpod.dev", "https://unpod.dev/", "https://unpod.dev/api/v2/platform/". */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new UnpodError('bad_request', `The server address "${input}" is not a valid web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnpodError(
      'bad_request',
      `The server address must start with https:// (got "${url.protocol}").`,
    );
  }
  if (url.username || url.password) {
    throw new UnpodError('bad_request', 'The server address must not contain a user name or password.');
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\/api\/v\d+\/platform$/, '');
  return `${url.origin}${pathname}`;
}

/** One path segment; `.` and `..` would make the URL point at another endpoint with the token. */
function segment(value: string): string {
  if (value === '.' || value === '..') {
    throw new UnpodError('bad_request', `"${value}" is not a valid space token or agent handle.`);
  }
  return encodeURIComponent(value);
}

function requireText(value: string, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UnpodError('bad_request', `No ${what} was given.`);
  }
}

/** Both documented create shapes → one outcome. */
export function normalizeCreateOutcome(
  data: {
    run_id: string;
    _id?: string | null;
    task_ids?: string[] | null;
    status?: string | Record<string, string> | null;
  },
  raw: unknown,
): CreateTaskOutcome {
  const taskIds = data.task_ids && data.task_ids.length > 0 ? [...data.task_ids] : data._id ? [data._id] : [];
  const statuses: Record<string, string> = {};
  if (typeof data.status === 'string') {
    for (const id of taskIds) statuses[id] = data.status;
  } else if (data.status) {
    Object.assign(statuses, data.status);
    for (const id of Object.keys(data.status)) if (!taskIds.includes(id)) taskIds.push(id);
  }
  return { runId: data.run_id, taskIds, statuses, raw };
}

interface ResolvedOptions {
  baseUrl: string;
  token: string;
  orgHandle: string | undefined;
  settings: TransportSettings;
}

function resolveOptions(options: UnpodClientOptions): ResolvedOptions {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new UnpodError(
      'unauthorized',
      'No API token is set. Add the token from the Unpod dashboard (API Keys) in Settings.',
    );
  }
  const retry = options.retry ?? {};
  return {
    baseUrl: normalizeBaseUrl(options.baseUrl),
    token: options.token.trim(),
    orgHandle: options.orgHandle?.trim() || undefined,
    settings: {
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: {
        limit: retry.limit ?? 3,
        baseDelayMs: retry.baseDelayMs ?? 300,
        maxDelayMs: retry.maxDelayMs ?? 10_000,
      },
      onRequest: options.onRequest,
      fetch: options.fetch,
    },
  };
}

export function createUnpodClient(options: UnpodClientOptions): UnpodClient {
  return buildClient(resolveOptions(options));
}

function buildClient(resolved: ResolvedOptions): UnpodClient {
  const { baseUrl, token, orgHandle, settings } = resolved;
  const headers: Record<string, string> = {
    Authorization: `Token ${token}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (orgHandle) headers['Org-Handle'] = orgHandle;
  const api = createKy(settings, { prefix: baseUrl, headers });
  // Recording hosts get no credentials at all: no token, no Org-Handle.
  const bare = createKy(settings, {});

  const get = <T>(
    path: string,
    schema: ZodType<T>,
    ctx: ErrorContext,
    o?: RequestOptions,
    searchParams?: Record<string, string | number | undefined>,
  ) => callJson(api, { method: 'GET', path, schema, ctx, signal: o?.signal, searchParams }, settings, token);

  const needOrg = (what: string) => {
    if (!orgHandle) {
      throw new UnpodError(
        'bad_request',
        `Choose an organization first: listing ${what} needs the organization's handle (Org-Handle).`,
      );
    }
  };

  const toPage = (
    body: { count?: number | null; data: TaskPage['tasks'] },
    page: number,
    pageSize: number,
  ): TaskPage => ({
    // Without a count, assume what we can see (the pager then stops after this page).
    count: body.count ?? (page - 1) * pageSize + body.data.length,
    tasks: body.data,
  });

  const client: UnpodClient = {
    baseUrl,
    orgHandle,

    withOrg(handle) {
      requireText(handle, 'organization handle');
      return buildClient({ ...resolved, orgHandle: handle.trim() });
    },

    async listOrganizations(o) {
      const body = await get(
        `${PLATFORM}/organizations/`,
        organizationsResponseSchema,
        { what: 'the organization list' },
        o,
      );
      return body.data;
    },

    async listSpaces(o) {
      needOrg('spaces');
      const body = await get(`${PLATFORM}/spaces/`, spacesResponseSchema, { what: 'the space list' }, o);
      return body.data;
    },

    async getSpace(spaceToken, o) {
      requireText(spaceToken, 'space token');
      const body = await get(
        `${PLATFORM}/spaces/${segment(spaceToken)}/`,
        spaceDetailResponseSchema,
        { what: 'the space' },
        o,
      );
      return body.data;
    },

    async listAgents(o) {
      needOrg('agents');
      const body = await get(`${PLATFORM}/agents/`, agentsResponseSchema, { what: 'the agent list' }, o);
      return body.data;
    },

    async listSpaceTasks(spaceToken, q, o) {
      requireText(spaceToken, 'space token');
      const body = await get(
        `${PLATFORM}/spaces/${segment(spaceToken)}/tasks/`,
        tasksResponseSchema,
        { what: "the space's tasks" },
        o,
        {
          page: q.page,
          page_size: q.pageSize, // always explicit: docs say 20, the server defaults to 50
          search: q.search?.trim() || undefined,
          status: q.status && q.status.length > 0 ? q.status.join(',') : undefined,
          from_ts: q.fromTs,
          to_ts: q.toTs,
          call_type: q.callType,
        },
      );
      return toPage(body, q.page, q.pageSize);
    },

    async listAgentTasks(agentHandle, q, o) {
      requireText(agentHandle, 'agent handle');
      const body = await get(
        `${PLATFORM}/agents/${segment(agentHandle)}/tasks/`,
        tasksResponseSchema,
        { what: `the tasks of agent "${agentHandle}"` },
        o,
        { page: q.page, page_size: q.pageSize },
      );
      return toPage(body, q.page, q.pageSize);
    },

    async createTask(spaceToken, request, o) {
      requireText(spaceToken, 'space token');
      const checked = createTaskRequestSchema.safeParse(request);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const where = issue ? issue.path.join('.') || 'request' : 'request';
        throw new UnpodError(
          'bad_request',
          `The task request is incomplete (${where}: ${issue?.message ?? 'invalid'}); nothing was sent.`,
          {
            details: { path: where },
          },
        );
      }
      const body = await callJson(
        api,
        {
          method: 'POST',
          path: `${PLATFORM}/spaces/${segment(spaceToken)}/tasks/`,
          json: checked.data,
          schema: createTaskResponseSchema,
          ctx: { what: 'the task creation', isCreate: true },
          signal: o?.signal,
        },
        settings,
        token,
      );
      return normalizeCreateOutcome(body.data, body);
    },

    async getSignedRecordingUrl(recordingUrl, o) {
      requireText(recordingUrl, 'recording link');
      const body = await get(
        'api/v1/media/pre-signed-url/',
        signedUrlResponseSchema,
        { what: 'a download link for the recording' },
        o,
        {
          url: recordingUrl,
        },
      );
      return signedUrlFrom(body);
    },

    async downloadRecording(recordingUrl, destPath, o) {
      requireText(recordingUrl, 'recording link');
      return downloadRecording(
        { bare, baseUrl, token, settings, signUrl: (url, opts) => client.getSignedRecordingUrl(url, opts) },
        recordingUrl,
        destPath,
        o,
      );
    },

    async openRecording(recordingUrl, o) {
      requireText(recordingUrl, 'recording link');
      return openRecordingResponse(
        { bare, baseUrl, token, settings, signUrl: (url, opts) => client.getSignedRecordingUrl(url, opts) },
        recordingUrl,
        o,
      );
    },
  };
  return client;
}
