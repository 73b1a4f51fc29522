// Cached tasks → the contract's view models. Only what the review screens show crosses to the
// renderer: the stored task JSON also carries ids of the platform's users and a `user_token`,
// which stay in main.
import type { Highlighted, TaskDetail, TaskRow } from '../../ipc/contract.ts';
import { parsePlatformTime, splitHighlights, type TaskListRow } from '../../store/index.ts';
import { parseLenientJson, transcriptEntryText, type Task } from '../../unpod/index.ts';

const highlighted = (text: string | null): Highlighted | null =>
  text === null ? null : splitHighlights(text);

export function toTaskRow(row: TaskListRow): TaskRow {
  return {
    id: row.id,
    name: row.name,
    contactNumber: row.contactNumber,
    status: row.status,
    outcomeStatus: row.outcomeStatus,
    labels: row.labels,
    durationSeconds: row.duration,
    cost: row.cost,
    createdAt: row.createdAt,
    assignee: row.assignee,
    executionType: row.executionType,
    hasRecording: row.hasRecording,
    match:
      row.match === null
        ? null
        : {
            name: highlighted(row.match.name),
            contactNumber: highlighted(row.match.contactNumber),
            snippet:
              row.match.snippet === null
                ? null
                : { column: row.match.snippet.column, parts: splitHighlights(row.match.snippet.text) },
          },
  };
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
};

const finite = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A structured-data value as one line of text: strings as they are, anything else as JSON. */
function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

type ScoreValue = number | string | boolean | null;
const scoreOf = (value: unknown): ScoreValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;

/**
 * `success_evaluator` is a JSON string such as {"score":3,"reason":"…"}. Anything that does not
 * parse into an object is shown as the text it is (a bare "true" or "8/10" is still information).
 */
function successEvaluationOf(raw: unknown): TaskDetail['successEvaluation'] {
  if (raw === null || raw === undefined || raw === '') return null;
  const parsed = parseLenientJson(raw);
  if (!parsed.ok) return { kind: 'raw', text: parsed.raw };
  const value = parsed.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const score = scoreOf(record.score ?? record.success ?? record.result);
    const reason = text(record.reason ?? record.explanation ?? record.summary);
    if (score !== null || reason !== null) return { kind: 'parsed', value: { score, reason } };
  }
  return { kind: 'raw', text: typeof raw === 'string' ? raw : JSON.stringify(raw) };
}

/** `structured_data`: a JSON object string → key/value pairs; anything else → its raw text. */
function structuredDataOf(raw: unknown): TaskDetail['structuredData'] {
  if (raw === null || raw === undefined || raw === '') return null;
  const parsed = parseLenientJson(raw);
  if (!parsed.ok) return { kind: 'raw', text: parsed.raw };
  const value = parsed.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const pairs = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
      key,
      value: displayValue(v),
    }));
    return { kind: 'parsed', value: pairs };
  }
  return { kind: 'raw', text: typeof raw === 'string' ? raw : JSON.stringify(raw) };
}

function transcriptOf(task: Task): TaskDetail['transcript'] {
  const entries = task.output?.transcript ?? [];
  const lines: TaskDetail['transcript'] = [];
  for (const entry of entries) {
    const words = transcriptEntryText(entry).trim();
    if (words === '') continue;
    const role = text(entry.role) ?? (entry.type ? 'system' : 'unknown');
    lines.push({
      role,
      text: words,
      time: text(entry.timestamp),
      secondsFromStart: finite(entry.secondsFromStart),
    });
  }
  return lines;
}

export function toTaskDetail(id: string, task: Task): TaskDetail {
  const input = task.input ?? {};
  const output = task.output ?? {};
  const post = output.post_call_data ?? {};
  const summary = post.summary ?? {};
  const classification = post.classification ?? {};
  const callbackText = text(summary.callback_datetime);
  const labels = (classification.labels ?? []).map((l) => l.trim()).filter((l) => l !== '');
  return {
    id,
    status: text(task.status) ?? 'unknown',
    created: parsePlatformTime(task.created),
    modified: parsePlatformTime(task.modified),
    executionType: text(task.execution_type),
    assignee: text(task.assignee),
    contact: {
      name: text(input.name) ?? text(output.customer),
      contactNumber: text(input.contact_number) ?? text(output.contact_number),
      alternateNumber: text(input.alternate_number),
      email: text(input.email),
      company: text(input.company_name),
      occupation: text(input.occupation),
      address: text(input.address),
      about: text(input.about),
    },
    objective: text(task.task?.objective),
    context: text(input.context),
    outcome: {
      status: text(summary.status),
      summary: text(summary.summary),
      callbackText,
      callbackAt: parsePlatformTime(callbackText),
    },
    callSummary: text(output.call_summary),
    classification: { labels: [...new Set(labels)], summary: text(classification.summary) },
    successEvaluation: successEvaluationOf(post.success_evaluator),
    structuredData: structuredDataOf(post.structured_data),
    transcript: transcriptOf(task),
    durationSeconds: finite(output.duration),
    cost: finite(output.cost) ?? finite(output.metadata?.cost),
    callEndReason: text(output.call_end_reason),
    hasRecording: text(output.recording_url) !== null,
    recordingStart: parsePlatformTime(output.start_time),
  };
}
