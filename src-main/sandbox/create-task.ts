// POST /spaces/{token}/tasks/: validation, errors and results as the platform's server code
// gives them, one task per document, then the call simulator takes over.
import { z } from 'zod';
import { unpodReply, type JsonObject, type Reply } from './envelope.ts';
import { digitsOf, findAgent, findSpace, userInfo, type TaskRecord } from './data/tasks.ts';
import type { Task, TaskStatus } from './data/task-types.ts';
import { isoMicros } from './data/time.ts';
import type { ApiRequest, SandboxContext } from './context.ts';

/** How far ahead an "auto" schedule queues the calls (the agent's calling window, roughly). */
export const AUTO_SCHEDULE_DELAY_MS = 10 * 60 * 1000;

// DRF's wording for field errors.
const REQUIRED = 'This field is required.';
const BLANK = 'This field may not be blank.';

const requiredString = z
  .string({
    error: (iss) => (iss.input === undefined || iss.input === null ? REQUIRED : 'Not a valid string.'),
  })
  .refine((s) => s.trim() !== '', BLANK);

const documentSchema = z
  .object(
    { name: requiredString, contact_number: requiredString },
    { error: (iss) => (iss.input === undefined ? REQUIRED : 'Expected a dictionary of items.') },
  )
  .loose();

const scheduleSchema = z
  .object(
    {
      type: z.enum(['now', 'auto', 'custom'], {
        error: (iss) =>
          iss.input === undefined ? REQUIRED : `"${String(iss.input)}" is not a valid choice.`,
      }),
      calling_date: z.string().optional(),
      calling_time: z.string().optional(),
    },
    { error: 'Expected a dictionary of items.' },
  )
  .loose()
  .superRefine((s, ctx) => {
    if (s.type !== 'custom') return;
    if (!s.calling_date) ctx.addIssue({ code: 'custom', path: ['calling_date'], message: REQUIRED });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(s.calling_date)) {
      ctx.addIssue({
        code: 'custom',
        path: ['calling_date'],
        message: 'Date has wrong format. Use YYYY-MM-DD.',
      });
    }
    if (!s.calling_time) ctx.addIssue({ code: 'custom', path: ['calling_time'], message: REQUIRED });
    else if (!/^\d{2}:\d{2}(:\d{2})?$/.test(s.calling_time)) {
      ctx.addIssue({
        code: 'custom',
        path: ['calling_time'],
        message: 'Time has wrong format. Use hh:mm[:ss].',
      });
    }
  });

const createTaskSchema = z.object(
  {
    pilot: requiredString,
    documents: z
      .array(documentSchema, {
        error: (iss) =>
          iss.input === undefined ? REQUIRED : `Expected a list of items but got type "${typeof iss.input}".`,
      })
      .min(1, 'This list may not be empty.'),
    context: requiredString,
    schedule: scheduleSchema.optional(),
  },
  {
    error: (iss) =>
      `Invalid data. Expected a dictionary, but got ${Array.isArray(iss.input) ? 'list' : typeof iss.input}.`,
  },
);

/** zod issues -> the platform's {field: [messages]} map; nested fields as documents[0].name. */
function errorsMap(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    let key = '';
    for (const part of issue.path) {
      key += typeof part === 'number' ? `[${part}]` : key === '' ? String(part) : `.${String(part)}`;
    }
    (out[key || 'non_field_errors'] ??= []).push(issue.message);
  }
  return out;
}

/** calling_date + calling_time, read in the sandbox machine's local time zone. */
function customTime(date: string, time: string): number | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  const at = new Date(y, mo - 1, d, h, mi, s);
  const roundTrips =
    at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d && at.getHours() === h;
  return roundTrips && mi < 60 && s < 60 ? at.getTime() : null;
}

export function createTasks(ctx: SandboxContext, req: ApiRequest): Reply {
  const space = findSpace(ctx.world, req.params[0]!);
  if (!space) return unpodReply(206, { message: 'Invalid Space Token' });

  let body: unknown = {};
  const text = req.body?.toString('utf8') ?? '';
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      return unpodReply(400, { message: `JSON parse error - ${(e as Error).message}` });
    }
  }
  const parsed = createTaskSchema.safeParse(body);
  if (!parsed.success) {
    return unpodReply(206, { message: 'There is some Validation error', errors: errorsMap(parsed.error) });
  }
  const { pilot, documents, context, schedule } = parsed.data;
  const agent = findAgent(ctx.world, pilot);
  if (!agent || agent.orgHandle !== space.orgHandle) return unpodReply(206, { message: 'Invalid Pilot' });

  const now = ctx.now();
  let runAt: number | null = null;
  if (schedule?.type === 'auto') runAt = now + AUTO_SCHEDULE_DELAY_MS;
  if (schedule?.type === 'custom') {
    runAt = customTime(schedule.calling_date!, schedule.calling_time!);
    if (runAt === null) {
      return unpodReply(206, {
        message: 'There is some Validation error',
        errors: { 'schedule.calling_date': ['Not a valid date and time.'] },
      });
    }
    if (runAt <= now) return unpodReply(400, { message: 'Scheduled time must be in the future.' });
  }
  const status: TaskStatus = runAt === null ? 'pending' : 'scheduled';

  const org = ctx.world.organizations.find((o) => o.domainHandle === space.orgHandle)!;
  const rng = ctx.idRng;
  const runId = `R${rng.hex(32)}`;
  const taskIds: string[] = [];
  const statuses: Record<string, string> = {};
  for (const doc of documents) {
    const taskId = `T${rng.hex(32)}`;
    // The document is the task's input, as sent (unknown fields kept).
    const input = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
    const task: Task = {
      _id: rng.hex(24),
      space_id: space.id,
      thread_id: null,
      user: ctx.world.user.id,
      user_org_id: org.id,
      user_info: userInfo(ctx.world),
      created: isoMicros(now),
      modified: isoMicros(now),
      task_id: taskId,
      run_id: runId,
      collection_ref: `collection_data_${space.token.slice(0, 12)}`,
      task: { objective: context },
      input,
      output: {},
      attachments: [],
      assignee: agent.handle,
      status,
      execution_type: 'call',
      ref_id: typeof doc['document_id'] === 'string' && doc['document_id'] ? doc['document_id'] : rng.hex(24),
    };
    const record: TaskRecord = {
      seq: ctx.store.nextSeq,
      taskId,
      runId,
      spaceToken: space.token,
      agentHandle: agent.handle,
      createdMs: now,
      status,
      callType: 'outbound',
      outcome: null,
      name: doc.name,
      nameLc: doc.name.toLowerCase(),
      phone: doc.contact_number,
      phoneDigits: digitsOf(doc.contact_number),
      seed: 0,
      live: { task, turns: [] },
    };
    ctx.store.add(record);
    if (runAt === null) ctx.simulator.runNow(record);
    else ctx.simulator.runAt(record, runAt);
    taskIds.push(taskId);
    statuses[taskId] = status;
  }
  const data: JsonObject = { run_id: runId, task_ids: taskIds, status: statuses };
  return unpodReply(200, { message: 'Task Created Successfully', data });
}
