// In-memory task store: compact records per space and per agent, kept oldest first so a list
// request is a filter plus a slice from the end (newest first), and new tasks append.
import type { CallType, TaskStatus } from './data/task-types.ts';
import type { TaskRecord } from './data/tasks.ts';

export interface SpaceTaskFilter {
  /** Case-insensitive substring of the name, or of the phone number (digits compared). */
  search?: string;
  /** Outcome labels (output.post_call_data.summary.status), case-insensitive. */
  outcomes?: string[];
  /** Unix seconds, inclusive, on `created`. */
  fromTs?: number;
  toTs?: number;
  callType?: CallType;
}

export interface PageResult {
  count: number;
  records: TaskRecord[];
}

/** Newer first: by created, then by insertion order. */
function isNewer(a: TaskRecord, b: TaskRecord): boolean {
  return a.createdMs > b.createdMs || (a.createdMs === b.createdMs && a.seq > b.seq);
}

/** Inserts keeping the list oldest first (new tasks are nearly always the newest: O(1)). */
function insertSorted(list: TaskRecord[], record: TaskRecord): void {
  let i = list.length;
  while (i > 0 && isNewer(list[i - 1]!, record)) i--;
  list.splice(i, 0, record);
}

function pageNewestFirst(list: TaskRecord[], page: number, pageSize: number): TaskRecord[] {
  const end = list.length - (page - 1) * pageSize;
  if (end <= 0) return [];
  return list.slice(Math.max(0, end - pageSize), end).reverse();
}

export class TaskStore {
  #bySpace = new Map<string, TaskRecord[]>();
  #byAgent = new Map<string, TaskRecord[]>();
  #byId = new Map<string, TaskRecord>();
  #nextSeq = 0;

  get nextSeq(): number {
    return this.#nextSeq;
  }

  add(record: TaskRecord): void {
    this.#nextSeq = Math.max(this.#nextSeq, record.seq + 1);
    this.#byId.set(record.taskId, record);
    insertSorted(this.#list(this.#bySpace, record.spaceToken), record);
    insertSorted(this.#list(this.#byAgent, record.agentHandle), record);
  }

  get(taskId: string): TaskRecord | undefined {
    return this.#byId.get(taskId);
  }

  spaceTasks(spaceToken: string, filter: SpaceTaskFilter, page: number, pageSize: number): PageResult {
    const all = this.#bySpace.get(spaceToken) ?? [];
    const test = compileFilter(filter);
    if (!test) return { count: all.length, records: pageNewestFirst(all, page, pageSize) };
    const matching = all.filter(test);
    return { count: matching.length, records: pageNewestFirst(matching, page, pageSize) };
  }

  agentTasks(agentHandle: string, page: number, pageSize: number): PageResult {
    const all = this.#byAgent.get(agentHandle) ?? [];
    return { count: all.length, records: pageNewestFirst(all, page, pageSize) };
  }

  /** Counts by status, for logs and tests. */
  statusCounts(spaceToken: string): Record<TaskStatus, number> {
    const counts: Record<TaskStatus, number> = {
      pending: 0,
      scheduled: 0,
      in_progress: 0,
      completed: 0,
      hold: 0,
      failed: 0,
      partially_completed: 0,
    };
    for (const r of this.#bySpace.get(spaceToken) ?? []) counts[r.status]++;
    return counts;
  }

  #list(map: Map<string, TaskRecord[]>, key: string): TaskRecord[] {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }
}

function compileFilter(f: SpaceTaskFilter): ((r: TaskRecord) => boolean) | null {
  const tests: Array<(r: TaskRecord) => boolean> = [];
  const search = f.search?.trim().toLowerCase();
  if (search) {
    const digits = search.replace(/\D+/g, '');
    // Digits alone (or with + - spaces) search the phone; anything else searches names too.
    tests.push((r) => r.nameLc.includes(search) || (digits.length > 0 && r.phoneDigits.includes(digits)));
  }
  if (f.outcomes && f.outcomes.length > 0) {
    const wanted = new Set(f.outcomes.map((s) => s.trim().toLowerCase()));
    tests.push((r) => r.outcome !== null && wanted.has(r.outcome.toLowerCase()));
  }
  if (f.fromTs !== undefined) {
    const from = f.fromTs * 1000;
    tests.push((r) => r.createdMs >= from);
  }
  if (f.toTs !== undefined) {
    const to = f.toTs * 1000;
    tests.push((r) => r.createdMs <= to);
  }
  if (f.callType) {
    const type = f.callType;
    tests.push((r) => r.callType === type);
  }
  if (tests.length === 0) return null;
  return (r) => tests.every((t) => t(r));
}
