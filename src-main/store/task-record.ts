// Turns a platform task into what the cache stores: the indexed list columns, the JSON with its
// hash, the labels, and (only when a row is written) the text the full-text index sees.
// Reads are defensive: the platform sends several shapes and the client keeps unknown fields, so
// every field is checked for its type here rather than trusted.
import { hash } from 'node:crypto';
import { phoneSearchWords } from './phone-digits.ts';
import { parsePlatformTime } from './platform-time.ts';
import type { CacheScope } from './scope.ts';
import type { Task } from './task-shape.ts';

/**
 * The list columns of a cached task: what the cache writes (TaskRecord) and what a list query
 * reads back (TaskListRow in task-queries.ts).
 */
export interface TaskListColumns {
  id: string;
  spaceToken: string | null;
  spaceId: string | null;
  assignee: string | null;
  status: string;
  executionType: string | null;
  created: string | null;
  modified: string | null;
  name: string | null;
  contactNumber: string | null;
  email: string | null;
  company: string | null;
  outcomeStatus: string | null;
  labels: string[];
  duration: number | null;
  cost: number | null;
  hasRecording: boolean;
}

export interface TaskRecord extends TaskListColumns {
  docId: string | null;
  /** Epoch ms of `created` (read as UTC when the platform gave no zone). */
  createdTs: number | null;
  modifiedTs: number | null;
  /** The task as received (JSON.stringify), which is what is stored. */
  json: string;
  /** sha256 of `json`. Equal hashes mean equal content; see sameContent for unequal ones. */
  contentHash: string;
}

/** The full-text columns, in the order of the tasks_fts table. */
export interface TaskSearchText {
  name: string;
  contact: string;
  email: string;
  company: string;
  context: string;
  objective: string;
  transcript: string;
  summary: string;
  /** Hidden: the numbers' digits and digit suffixes (see phone-digits.ts), searched, never shown. */
  phoneDigits: string;
}

type Rec = Record<string, unknown>;

const asRecord = (value: unknown): Rec | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : null;

const asText = (value: unknown): string | null => {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
};

const asNumber = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
};

const path = (root: unknown, ...keys: string[]): unknown => {
  let current: unknown = root;
  for (const key of keys) {
    const rec = asRecord(current);
    if (!rec) return undefined;
    current = rec[key];
  }
  return current;
};

/** The task's identity: `task_id`, or `_id` when the platform sent only that. */
export function taskIdOf(task: Task): string | null {
  return asText(path(task, 'task_id')) ?? asText(path(task, '_id'));
}

/** Classification labels, trimmed and de-duplicated (case-insensitively, first spelling kept). */
export function labelsOf(task: Task): string[] {
  const raw = path(task, 'output', 'post_call_data', 'classification', 'labels');
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const item of raw) {
    const label = asText(item);
    if (label === null || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    labels.push(label);
  }
  return labels;
}

/**
 * The stored form of a task, or null when it has no id (such a task cannot be de-duplicated, so
 * the cache skips it). `scope` supplies what the listing implies but the task may not carry.
 */
export function toTaskRecord(task: Task, scope: CacheScope): TaskRecord | null {
  const id = taskIdOf(task);
  if (id === null) return null;
  // Hashing the text as received is cheap (the canonical form costs ~7× more); the canonical
  // comparison only runs when this hash differs, to tell a real change from a key-order change.
  const json = JSON.stringify(task);
  const created = asText(path(task, 'created'));
  const modified = asText(path(task, 'modified'));
  const recording = asText(path(task, 'output', 'recording_url'));
  return {
    id,
    docId: asText(path(task, '_id')),
    spaceToken: scope.kind === 'space' ? scope.spaceToken : null,
    spaceId: asText(path(task, 'space_id')),
    assignee: asText(path(task, 'assignee')) ?? (scope.kind === 'agent' ? scope.agentHandle : null),
    status: asText(path(task, 'status')) ?? 'unknown',
    executionType: asText(path(task, 'execution_type')),
    created,
    createdTs: parsePlatformTime(created),
    modified,
    modifiedTs: parsePlatformTime(modified),
    name: asText(path(task, 'input', 'name')) ?? asText(path(task, 'output', 'customer')),
    contactNumber:
      asText(path(task, 'input', 'contact_number')) ?? asText(path(task, 'output', 'contact_number')),
    email: asText(path(task, 'input', 'email')),
    company: asText(path(task, 'input', 'company_name')),
    outcomeStatus: asText(path(task, 'output', 'post_call_data', 'summary', 'status')),
    labels: labelsOf(task),
    duration: asNumber(path(task, 'output', 'duration')),
    cost: asNumber(path(task, 'output', 'cost')) ?? asNumber(path(task, 'output', 'metadata', 'cost')),
    hasRecording: recording !== null,
    json,
    contentHash: hash('sha256', json, 'base64url'),
  };
}

// The highlight markers (U+0001, U+0002) must never occur in indexed text, or a stored control
// character would look like a match to the UI. Other C0 controls go too; tab and newlines stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (value: string | null): string => (value === null ? '' : value.replace(CONTROL, ' '));

/** Joins the text of every transcript entry (user, assistant and system messages), one per line. */
function transcriptText(task: unknown): string {
  const entries = path(task, 'output', 'transcript');
  if (!Array.isArray(entries)) return '';
  const lines: string[] = [];
  for (const entry of entries) {
    const text = asText(path(entry, 'content')) ?? asText(path(entry, 'message'));
    if (text !== null) lines.push(text);
  }
  return lines.join('\n');
}

/**
 * What the full-text index holds for a task (`record`: its list columns, as stored). `task` may
 * be any parsed JSON: every field is checked for its type.
 */
export function toSearchText(
  task: unknown,
  record: Pick<TaskListColumns, 'name' | 'contactNumber' | 'email' | 'company'>,
): TaskSearchText {
  const summaries = [
    asText(path(task, 'output', 'call_summary')),
    asText(path(task, 'output', 'post_call_data', 'summary', 'summary')),
    asText(path(task, 'output', 'post_call_data', 'classification', 'summary')),
  ].filter((s): s is string => s !== null);
  return {
    name: clean(record.name),
    contact: clean(record.contactNumber),
    email: clean(record.email),
    company: clean(record.company),
    context: clean(asText(path(task, 'input', 'context'))),
    objective: clean(asText(path(task, 'task', 'objective'))),
    transcript: clean(transcriptText(task)),
    summary: clean(summaries.join('\n')),
    phoneDigits: phoneSearchWords(record.contactNumber, asText(path(task, 'output', 'contact_number'))),
  };
}
