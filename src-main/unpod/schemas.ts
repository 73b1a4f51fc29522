// Lenient zod schemas for the Unpod platform's payloads. The published docs, the server code and
// the live service disagree in places (see spec/unpod-platform-notes.md), so every object keeps
// unknown fields (`.loose()`), optional fields accept null, numbers may arrive as strings and
// ids may arrive as numbers. What still fails is a structural break (a list that is not a list,
// an object that is a string), and that surfaces as `invalid_response` with the field path.
import { z } from 'zod';

// ---- Lenient primitives ----

/** A string that may arrive as a number (ids, phone numbers). */
export const looseString = z.union([z.string(), z.number().transform((n) => String(n))]);

/** A number that may arrive as a numeric string; unreadable strings become null instead of failing. */
export const looseNumber = z.union([
  z.number(),
  z.string().transform((s): number | null => {
    const trimmed = s.trim();
    if (trimmed === '') return null;
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : null;
  }),
]);

/** A text field the docs show as required but that is cheap to default: missing/null → ''. */
const text = () => looseString.nullish().transform((v) => v ?? '');

const optText = () => looseString.nullish();
const optNumber = () => looseNumber.nullish();

// ---- Organizations, spaces, agents ----

export const organizationSchema = z
  .object({
    name: looseString,
    token: optText(),
    domain: optText(),
    domain_handle: looseString,
    is_private_domain: z.boolean().nullish(),
    role: optText(),
  })
  .loose();
export type Organization = z.infer<typeof organizationSchema>;

export const spaceOrganizationSchema = z.object({ name: optText(), domain_handle: optText() }).loose();

export const spaceSchema = z
  .object({
    name: looseString,
    slug: optText(),
    token: looseString,
    description: optText(),
    logo: optText(),
    privacy_type: optText(),
    space_type: optText(),
    content_type: optText(),
    organization: spaceOrganizationSchema.nullish(),
  })
  .loose();
export type Space = z.infer<typeof spaceSchema>;

export const spaceAgentSchema = z.object({ name: optText(), handle: looseString, type: optText() }).loose();

export const spaceDetailSchema = spaceSchema
  .extend({
    agents: z.array(spaceAgentSchema).nullish(),
    created: optText(),
    modified: optText(),
  })
  .loose();
export type SpaceDetail = z.infer<typeof spaceDetailSchema>;

export const agentSchema = z
  .object({
    handle: looseString,
    name: text(),
    type: text(),
    state: text(),
    description: text(),
    purpose: text(),
  })
  .loose();
export type Agent = z.infer<typeof agentSchema>;

// ---- Tasks ----

/**
 * One transcript message. The platform sends `{role, content, timestamp, user_id}`; system
 * entries may carry `{type, message}` instead of `content`; relayed outputs may carry
 * `secondsFromStart`. `timestamp` is often "" and, when set, is wall-clock time.
 */
export const transcriptEntrySchema = z
  .object({
    role: optText(),
    content: optText(),
    type: optText(),
    message: optText(),
    timestamp: z.union([z.string(), z.number()]).nullish(),
    user_id: optText(),
    secondsFromStart: optNumber(),
  })
  .loose();
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** The words of a transcript entry, whichever field carries them. */
export function transcriptEntryText(entry: TranscriptEntry): string {
  return entry.content ?? entry.message ?? '';
}

/** Transcripts sometimes arrive JSON-encoded as a string; anything unreadable becomes null. */
const transcriptSchema = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}, z.array(transcriptEntrySchema).nullish());

export const postCallSummarySchema = z
  .object({
    status: optText(),
    summary: optText(),
    name: optText(),
    contact: optText(),
    callback_datetime: optText(),
    hours_from_now: optText(),
  })
  .loose();

export const postCallDataSchema = z
  .object({
    classification: z
      .object({ labels: z.array(looseString).nullish(), summary: optText() })
      .loose()
      .nullish(),
    summary: postCallSummarySchema.nullish(),
    /** JSON-encoded strings on the platform; see `parseLenientJson`. */
    success_evaluator: z.unknown().optional(),
    structured_data: z.unknown().optional(),
    profile_summary: z.unknown().optional(),
    call_evaluation: z.unknown().optional(),
    call_back: z.unknown().optional(),
    follow_up: z.unknown().optional(),
    webhook_data: z.unknown().optional(),
  })
  .loose();
export type PostCallData = z.infer<typeof postCallDataSchema>;

/** Task output: `{}` while a task is pending, the call result afterwards. */
export const taskOutputSchema = z
  .object({
    call_id: optText(),
    customer: optText(),
    contact_number: optText(),
    call_end_reason: optText(),
    recording_url: optText(),
    transcript: transcriptSchema,
    start_time: optText(),
    end_time: optText(),
    assistant_number: optText(),
    call_summary: optText(),
    duration: optNumber(),
    cost: optNumber(),
    post_call_data: postCallDataSchema.nullish(),
    metadata: z
      .object({ cost: optNumber(), type: optText(), usage: z.unknown().optional() })
      .loose()
      .nullish(),
  })
  .loose();
export type TaskOutput = z.infer<typeof taskOutputSchema>;

export const taskInputSchema = z
  .object({
    name: optText(),
    contact_number: optText(),
    alternate_number: optText(),
    email: optText(),
    address: optText(),
    occupation: optText(),
    company_name: optText(),
    about: optText(),
    context: optText(),
    created: optText(),
  })
  .loose();
export type TaskInput = z.infer<typeof taskInputSchema>;

export const taskSchema = z
  .object({
    _id: optText(),
    space_id: optText(),
    thread_id: optText(),
    user: optText(),
    user_org_id: optText(),
    user_info: z
      .object({ id: optText(), email: optText(), full_name: optText(), user_token: optText() })
      .loose()
      .nullish(),
    created: optText(),
    modified: optText(),
    task_id: optText(),
    run_id: optText(),
    collection_ref: optText(),
    task: z.object({ objective: optText() }).loose().nullish(),
    input: taskInputSchema.nullish(),
    output: taskOutputSchema.nullish(),
    attachments: z.array(z.unknown()).nullish(),
    assignee: optText(),
    /** An open set: pending, scheduled, in_progress, completed, hold, failed, partially_completed, … */
    status: text(),
    execution_type: optText(),
    ref_id: optText(),
  })
  .loose();
export type Task = z.infer<typeof taskSchema>;

/** The identity used to deduplicate tasks across pages and polls. */
export function taskKey(task: Task): string | undefined {
  return task._id ?? task.task_id ?? undefined;
}

// ---- Create task ----

export const createTaskDocumentSchema = z
  .object({
    name: z.string().min(1),
    contact_number: z.string().min(1),
    email: z.string().optional(),
    alternate_number: z.string().optional(),
    occupation: z.string().optional(),
    company_name: z.string().optional(),
    address: z.string().optional(),
    about: z.string().optional(),
    context: z.string().optional(),
    labels: z.array(z.string()).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    document_id: z.string().optional(),
  })
  .loose();
export type CreateTaskDocument = z.infer<typeof createTaskDocumentSchema>;

export const createTaskScheduleSchema = z.union([
  z.object({ type: z.literal('now') }).loose(),
  z.object({ type: z.literal('auto') }).loose(),
  z
    .object({ type: z.literal('custom'), calling_date: z.string().min(1), calling_time: z.string().min(1) })
    .loose(),
]);

export const createTaskRequestSchema = z
  .object({
    pilot: z.string().min(1),
    documents: z.array(createTaskDocumentSchema).min(1),
    /** Optional in the docs, required by the server code: always sent. */
    context: z.string(),
    schedule: createTaskScheduleSchema.optional(),
  })
  .loose();
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>;

/**
 * Success `data` of a create, in either known shape:
 * documented `{run_id, space_id, status: "pending", created, _id}` or
 * server code `{run_id, task_ids: [...], status: {"<task_id>": "pending" | "scheduled"}}`.
 */
export const createTaskResultSchema = z
  .object({
    run_id: looseString,
    space_id: optText(),
    status: z.union([z.string(), z.record(z.string(), looseString)]).nullish(),
    created: optText(),
    _id: optText(),
    task_ids: z.array(looseString).nullish(),
  })
  .loose();
export type CreateTaskResult = z.infer<typeof createTaskResultSchema>;

// ---- Envelopes ----

/** `{count?, status_code, message, data, errors?}`; on failures `data` is `{}` and `errors` optional. */
export const envelopeSchema = z
  .object({
    count: optNumber(),
    status_code: optNumber(),
    message: optText(),
    data: z.unknown().optional(),
    errors: z.unknown().optional(),
  })
  .loose();

/** A list in `data`; a `{}`/null `data` on success is read as an empty list. */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  envelopeSchema.extend({
    data: z.preprocess(
      (v) =>
        v === null ||
        v === undefined ||
        (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
          ? []
          : v,
      z.array(item),
    ),
  });

export const objectEnvelope = <T extends z.ZodType>(item: T) => envelopeSchema.extend({ data: item });

export const organizationsResponseSchema = listEnvelope(organizationSchema);
export const spacesResponseSchema = listEnvelope(spaceSchema);
export const spaceDetailResponseSchema = objectEnvelope(spaceDetailSchema);
export const agentsResponseSchema = listEnvelope(agentSchema);
export const tasksResponseSchema = listEnvelope(taskSchema);
export const createTaskResponseSchema = objectEnvelope(createTaskResultSchema);

/** The pre-signed URL answer is `{data: {url}}`; also accept `{data: "<url>"}` and `{url}`. */
export const signedUrlResponseSchema = z
  .object({
    data: z.union([z.object({ url: z.string().min(1) }).loose(), z.string().min(1)]).optional(),
    url: z.string().min(1).optional(),
  })
  .loose()
  .refine((v) => v.url !== undefined || v.data !== undefined, {
    message: 'no signed URL in the answer',
    path: ['data', 'url'],
  });

export function signedUrlFrom(body: z.infer<typeof signedUrlResponseSchema>): string {
  if (typeof body.data === 'string') return body.data;
  return body.data?.url ?? body.url ?? '';
}

/** The error body on 206 / 4xx / 5xx: `{message, errors?}`; anything else is ignored. */
export const errorBodySchema = z
  .object({
    message: z.union([z.string(), z.number()]).optional(),
    detail: z.string().optional(),
    errors: z.unknown().optional(),
  })
  .loose();

// ---- Helpers for fields the platform sends JSON-encoded ----

export type LenientJson = { ok: true; value: unknown } | { ok: false; raw: string };

/** `success_evaluator` and `structured_data` are JSON strings, sometimes not valid JSON. */
export function parseLenientJson(value: unknown): LenientJson {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false, raw: value };
  }
}
