// Reading the cache: the filtered, sorted, paged task list with highlighted matches, the counts
// shown beside the filters, the overview numbers, single tasks (re-validated), and the tasks
// still in flight.
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type { StatementCache } from './database.ts';
import { decodeDocument } from './document-codec.ts';
import type { PageText } from './page-highlights.ts';
import type { SearchHits } from './search-hits.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchKind } from './fts-query.ts';
import { findDigits } from './phone-digits.ts';
import type { CacheScope } from './scope.ts';
import type { TaskListColumns } from './task-record.ts';
import { filterToSql, type FacetToOmit, type TaskFilter } from './task-filter.ts';
import { cachedTaskSchema, type Task } from './task-shape.ts';
import { PLACED_STATUSES } from '../shared/task-status.ts';

export type SortField = 'created' | 'modified' | 'name' | 'duration' | 'cost' | 'status' | 'relevance';
export type SortDirection = 'asc' | 'desc';

export interface TaskQuery extends TaskFilter {
  /** Default `created`. `relevance` (best match first) applies only with a search; else `created`. */
  sort?: SortField;
  /** Default `desc` (newest, longest, most expensive first). */
  direction?: SortDirection;
  offset?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

/** Where a search matched, with HIGHLIGHT_START/HIGHLIGHT_END around each matched term. */
export interface TaskMatch {
  name: string | null;
  contactNumber: string | null;
  email: string | null;
  company: string | null;
  /** A short excerpt of the long text that matched, if the match was there. */
  snippet: { column: SnippetColumn; text: string } | null;
}
export type SnippetColumn = 'transcript' | 'summary' | 'context' | 'objective';

export interface TaskListRow extends TaskListColumns {
  /** Epoch ms of `created` (read as UTC when the platform gave no zone). */
  createdAt: number | null;
  modifiedAt: number | null;
  /** Present when the query had a search. */
  match: TaskMatch | null;
}

export interface TaskPage {
  rows: TaskListRow[];
  /** How many tasks match the filter in all (for the pager). */
  total: number;
  offset: number;
  limit: number;
  /** How the search was read: `no_words` and `too_short` applied no text filter. */
  search: SearchKind;
  /**
   * Present when a search ran while the index was catching up after a write: how many tasks the
   * search cannot find yet, or finds only by their previous text ("search index catching up").
   */
  notYetSearchable?: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface TaskOverview {
  total: number;
  byStatus: FacetCount[];
  byLabel: FacetCount[];
  byOutcomeStatus: FacetCount[];
  /** Tasks per day of `created`, in the caller's time zone (see utcOffsetMinutes), oldest first. */
  perDay: { day: string; count: number }[];
  /** Calls dialled that have ended (PLACED_STATUSES), answered or not. */
  placed: number;
  /** Placed calls with talk time (a duration above 0 s). */
  connected: number;
  /** connected ÷ placed; null when nothing was placed. */
  connectRate: number | null;
  /** Talk time of the connected calls. */
  totalDurationSeconds: number;
  /** Average talk time over the connected calls; null when none connected. */
  averageDurationSeconds: number | null;
  /** Of every task in the view. */
  totalCost: number;
}

export interface OverviewOptions {
  /** The user's offset from UTC in minutes (e.g. 330 for India), for bucketing by local day. */
  utcOffsetMinutes?: number;
}

export type GetTaskResult =
  | { status: 'found'; task: Task }
  | { status: 'not_found' }
  /** The stored JSON no longer parses or validates (damaged on disk, or edited by hand). */
  | { status: 'invalid'; id: string; problem: string };

export interface NonFinalTask {
  id: string;
  status: string;
  created: string | null;
  modified: string | null;
}

/** Statuses after which a task no longer changes, so it needs no re-polling. */
export const NON_FINAL_STATUSES = ['pending', 'scheduled', 'in_progress', 'hold'] as const;

export interface TaskReader {
  queryTasks(query: TaskQuery): TaskPage;
  /** Counts per status with every other filter applied (the status filter itself ignored). */
  countByStatus(filter: TaskFilter): FacetCount[];
  /** Counts per classification label, with every other filter applied (labels ignored). */
  countByLabel(filter: TaskFilter): FacetCount[];
  /** Counts per outcome status, with every other filter applied (outcome statuses ignored). */
  countByOutcomeStatus(filter: TaskFilter): FacetCount[];
  /** Counts per agent (assignee), with every other filter applied (agents ignored). */
  countByAgent(filter: TaskFilter): FacetCount[];
  /** Counts per execution type, with every other filter applied (execution types ignored). */
  countByExecutionType(filter: TaskFilter): FacetCount[];
  getTask(id: string): GetTaskResult;
  /** Overview numbers for a scope, optionally narrowed by any other filter. */
  overview(filter: TaskFilter, options?: OverviewOptions): TaskOverview;
  /** Tasks still pending/scheduled/in_progress/hold in a scope, oldest first, for re-polling. */
  listNonFinal(scope: CacheScope): NonFinalTask[];
  /** Every cached task id of a scope (e.g. to find tasks the platform no longer lists). */
  listTaskIds(scope: CacheScope): string[];
  /** The keys of every task of the query, in its order (no paging): what an export walks through. */
  exportKeys(query: TaskQuery): number[];
  /** The list rows of these keys, in the given order, without search highlights (keys gone are skipped). */
  rowsByKeys(pks: readonly number[]): TaskListRow[];
}

type Row = Record<string, SQLOutputValue>;
const text = (v: SQLOutputValue | undefined): string | null => (typeof v === 'string' ? v : null);
const num = (v: SQLOutputValue | undefined): number | null =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;

const SORT_SQL: Record<Exclude<SortField, 'relevance'>, string> = {
  created: 't.created_ts',
  modified: 't.modified_ts',
  name: 't.name COLLATE NOCASE',
  duration: 't.duration',
  cost: 't.cost',
  status: 't.status',
};
// Column weights for relevance: a hit in the name or number counts more than one in a transcript.
const BM25 = 'bm25(tasks_fts, 10.0, 8.0, 6.0, 4.0, 1.0, 1.0, 1.0, 2.0, 8.0)';

const ROW_COLUMNS = `t.pk, t.id, t.space_token, t.space_id, t.assignee, t.status, t.execution_type,
  t.created, t.created_ts, t.modified, t.modified_ts, t.name, t.contact_number, t.email, t.company,
  t.outcome_status, t.duration, t.cost, t.has_recording`;

const SNIPPET_COLUMNS: readonly [SnippetColumn, number][] = [
  ['transcript', 6],
  ['summary', 7],
  ['context', 4],
  ['objective', 5],
];
const SNIPPET_TOKENS = 16;

const clampInt = (value: number | undefined, fallback: number, min: number, max: number): number =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.trunc(value)));

export function createTaskReader(
  statements: StatementCache,
  hits: SearchHits,
  pageText: PageText,
  searchBacklog: () => number = () => 0,
): TaskReader {
  const all = (sql: string, params: SQLInputValue[]): Row[] => statements.get(sql).all(...params) as Row[];
  /** The SQL of a filter, with its search matches loaded. */
  const sqlOf = (filter: TaskFilter, omit: FacetToOmit = null) => {
    const f = filterToSql(filter, omit);
    if (f.match !== null) hits.load(f.match);
    return f;
  };

  const toFacets = (rows: Row[]): FacetCount[] =>
    rows.map((r) => ({ value: String(r.value), count: num(r.n) ?? 0 }));

  const facet = (filter: TaskFilter, omit: FacetToOmit, column: string): FacetCount[] => {
    const f = sqlOf(filter, omit);
    return toFacets(
      all(
        `SELECT ${column} AS value, count(*) AS n FROM ${f.from}
         WHERE ${f.where} AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC, value`,
        f.params,
      ),
    );
  };

  // Labels live in their own table: the filtered task keys are collected once, then the label
  // rows are counted against them.
  const labelFacet = (filter: TaskFilter, omit: FacetToOmit): FacetCount[] => {
    const f = sqlOf(filter, omit);
    return toFacets(
      all(
        `SELECT l.label AS value, count(*) AS n FROM task_labels l
         WHERE l.task_pk IN (SELECT t.pk FROM ${f.from} WHERE ${f.where}) GROUP BY l.label ORDER BY n DESC, value`,
        f.params,
      ),
    );
  };

  const labelsFor = (pks: number[]): Map<number, string[]> => {
    const byTask = new Map<number, string[]>();
    if (pks.length === 0) return byTask;
    const rows = all(
      `SELECT task_pk, label FROM task_labels WHERE task_pk IN (${pks.map(() => '?').join(', ')}) ORDER BY task_pk, label`,
      pks,
    );
    for (const r of rows) {
      const pk = num(r.task_pk)!;
      const list = byTask.get(pk) ?? [];
      list.push(String(r.label));
      byTask.set(pk, list);
    }
    return byTask;
  };

  // highlight()/snippet() are computed for the page's rows only, after sorting and paging: in the
  // main query they would run for every match before the sort throws most of them away.
  // A number found through its digits (phone_digits is never shown) gets those digits marked in
  // the number as written, so the row shows why it matched.
  const markNumber = (contact: string | null, digits: readonly string[]): string | null => {
    if (contact === null || digits.length === 0 || contact.includes(HIGHLIGHT_START)) return contact;
    const span = findDigits(contact, digits);
    if (span === null) return contact;
    return (
      contact.slice(0, span.start) +
      HIGHLIGHT_START +
      contact.slice(span.start, span.end) +
      HIGHLIGHT_END +
      contact.slice(span.end)
    );
  };

  const matchesFor = (match: string, digits: readonly string[], pks: number[]): Map<number, TaskMatch> => {
    const byTask = new Map<number, TaskMatch>();
    if (pks.length === 0) return byTask;
    const marks = [HIGHLIGHT_START, HIGHLIGHT_END];
    const highlights = [0, 1, 2, 3].map((c) => `highlight(page_text, ${c}, ?, ?) AS h${c}`);
    const snippets = SNIPPET_COLUMNS.map(
      ([, c], i) => `snippet(page_text, ${c}, ?, ?, '…', ${SNIPPET_TOKENS}) AS s${i}`,
    );
    // The index holds no text (contentless): the page's text is matched again in temp.page_text.
    const rows = pageText.with(pks, () =>
      all(
        `SELECT rowid AS pk, ${[...highlights, ...snippets].join(', ')} FROM temp.page_text
         WHERE page_text MATCH ?`,
        [...Array<string[]>(8).fill(marks).flat(), match],
      ),
    );
    for (const r of rows) {
      const field = (alias: string) => {
        const v = text(r[alias]);
        return v === null || v === '' ? null : v;
      };
      let snippet: TaskMatch['snippet'] = null;
      for (const [i, [column]] of SNIPPET_COLUMNS.entries()) {
        const v = field(`s${i}`);
        if (v !== null && v.includes(HIGHLIGHT_START)) {
          snippet = { column, text: v };
          break;
        }
      }
      byTask.set(num(r.pk)!, {
        name: field('h0'),
        contactNumber: markNumber(field('h1'), digits),
        email: field('h2'),
        company: field('h3'),
        snippet,
      });
    }
    return byTask;
  };

  /** The keys of a query's tasks in its order; limit -1 means all of them. */
  const keysOf = (query: TaskQuery, f: ReturnType<typeof sqlOf>, limit: number, offset: number): number[] => {
    const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
    const sort = query.sort ?? 'created';
    let pageSql: string;
    let pageParams: SQLInputValue[];
    if (sort === 'relevance' && f.match !== null) {
      // bm25 needs the full-text table in the FROM clause; CROSS JOIN keeps it the outer loop
      // (the matches drive, each looked up by key). bm25 is lower for better matches, so
      // "desc" (best first) sorts it ascending.
      const rest = filterToSql({ ...query, search: undefined });
      pageSql = `SELECT t.pk FROM tasks_fts CROSS JOIN ${rest.from} ON t.pk = tasks_fts.rowid
        WHERE tasks_fts MATCH ? AND ${rest.where}
        ORDER BY ${BM25} ${direction === 'DESC' ? 'ASC' : 'DESC'}, t.created_ts DESC, t.pk DESC LIMIT ? OFFSET ?`;
      pageParams = [f.match, ...rest.params, limit, offset];
    } else {
      const column = SORT_SQL[sort === 'relevance' ? 'created' : sort];
      pageSql = `SELECT t.pk FROM ${f.from} WHERE ${f.where}
        ORDER BY ${column} ${direction} NULLS LAST, t.pk ${direction} LIMIT ? OFFSET ?`;
      pageParams = [...f.params, limit, offset];
    }
    return all(pageSql, pageParams).map((r) => num(r.pk)!);
  };

  /** The list rows of these keys in their order (keys no longer present skipped). */
  const rowsOf = (pks: readonly number[], matches: Map<number, TaskMatch> | null): TaskListRow[] => {
    if (pks.length === 0) return [];
    const byPk = new Map(
      all(`SELECT ${ROW_COLUMNS} FROM tasks t WHERE t.pk IN (${pks.map(() => '?').join(', ')})`, [
        ...pks,
      ]).map((r) => [num(r.pk)!, r]),
    );
    const labels = labelsFor([...pks]);
    const rows: TaskListRow[] = [];
    for (const pk of pks) {
      const r = byPk.get(pk);
      if (r === undefined) continue;
      rows.push({
        id: String(r.id),
        spaceToken: text(r.space_token),
        spaceId: text(r.space_id),
        assignee: text(r.assignee),
        status: String(r.status),
        executionType: text(r.execution_type),
        created: text(r.created),
        createdAt: num(r.created_ts),
        modified: text(r.modified),
        modifiedAt: num(r.modified_ts),
        name: text(r.name),
        contactNumber: text(r.contact_number),
        email: text(r.email),
        company: text(r.company),
        outcomeStatus: text(r.outcome_status),
        labels: labels.get(pk) ?? [],
        duration: num(r.duration),
        cost: num(r.cost),
        hasRecording: r.has_recording === 1,
        match: matches === null ? null : (matches.get(pk) ?? null),
      });
    }
    return rows;
  };

  return {
    queryTasks(query) {
      const f = sqlOf(query);
      const offset = clampInt(query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = clampInt(query.limit, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const total = num(all(`SELECT count(*) AS n FROM ${f.from} WHERE ${f.where}`, f.params)[0]?.n) ?? 0;
      const behind = f.match === null ? 0 : searchBacklog();
      const catchingUp = behind > 0 ? { notYetSearchable: behind } : {};
      if (total === 0 || offset >= total)
        return { rows: [], total, offset, limit, search: f.search.kind, ...catchingUp };

      // Step 1: the page's keys only, so SQLite sorts index entries, not whole rows.
      const pks = keysOf(query, f, limit, offset);

      // Step 2: the list columns, labels and highlights of those rows.
      const matches = f.match === null ? null : matchesFor(f.match, f.search.digits, pks);
      const rows = rowsOf(pks, matches);
      return { rows, total, offset, limit, search: f.search.kind, ...catchingUp };
    },

    countByStatus: (filter) => facet(filter, 'statuses', 't.status'),
    countByLabel: (filter) => labelFacet(filter, 'labels'),
    countByOutcomeStatus: (filter) =>
      facet({ ...filter, outcomeStatuses: undefined }, null, 't.outcome_status'),
    countByAgent: (filter) => facet({ ...filter, agents: undefined }, null, 't.assignee'),
    countByExecutionType: (filter) =>
      facet({ ...filter, executionTypes: undefined }, null, 't.execution_type'),

    getTask(id) {
      const row = statements
        .get(
          `SELECT t.id, d.json FROM tasks t JOIN task_documents d ON d.task_pk = t.pk
           WHERE t.id = ?1 OR t.doc_id = ?1 ORDER BY t.id = ?1 DESC LIMIT 1`,
        )
        .get(id) as Row | undefined;
      if (row === undefined) return { status: 'not_found' };
      const storedId = String(row.id);
      let parsed: unknown;
      try {
        parsed = JSON.parse(decodeDocument(row.json) ?? '');
      } catch {
        return { status: 'invalid', id: storedId, problem: 'The stored task is not valid JSON.' };
      }
      const result = cachedTaskSchema.safeParse(parsed);
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return {
          status: 'invalid',
          id: storedId,
          problem: `The stored task does not have the expected shape${where}: ${issue?.message ?? 'invalid'}.`,
        };
      }
      return { status: 'found', task: result.data };
    },

    overview(filter, options = {}) {
      const f = sqlOf(filter);
      // A call that ended without anyone answering has 0 s (or no duration at all): placed, but
      // not connected, and not part of the talk-time average. The statuses are constants of
      // this app, so they are written into the SQL as literals.
      const placed = `t.status IN (${PLACED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
      const connected = `(${placed} AND t.duration > 0)`;
      const totals = all(
        `SELECT count(*) AS total, count(*) FILTER (WHERE ${placed}) AS placed,
         count(*) FILTER (WHERE ${connected}) AS connected,
         total(t.duration) FILTER (WHERE ${connected}) AS duration,
         avg(t.duration) FILTER (WHERE ${connected}) AS average,
         total(t.cost) AS cost FROM ${f.from} WHERE ${f.where}`,
        f.params,
      )[0];
      const offsetMs = Math.trunc((options.utcOffsetMinutes ?? 0) * 60_000);
      const perDay = all(
        `SELECT date((t.created_ts + ?) / 1000, 'unixepoch') AS day, count(*) AS count
         FROM ${f.from} WHERE ${f.where} AND t.created_ts IS NOT NULL GROUP BY day ORDER BY day`,
        // The offset parameter comes first in the statement text, so it is bound first.
        [offsetMs, ...f.params],
      );
      const placedCount = num(totals?.placed) ?? 0;
      const connectedCount = num(totals?.connected) ?? 0;
      return {
        total: num(totals?.total) ?? 0,
        byStatus: facet(filter, null, 't.status'),
        byLabel: labelFacet(filter, null),
        byOutcomeStatus: facet(filter, null, 't.outcome_status'),
        perDay: perDay.map((r) => ({ day: String(r.day), count: num(r.count) ?? 0 })),
        placed: placedCount,
        connected: connectedCount,
        connectRate: placedCount === 0 ? null : connectedCount / placedCount,
        totalDurationSeconds: num(totals?.duration) ?? 0,
        averageDurationSeconds: num(totals?.average),
        totalCost: num(totals?.cost) ?? 0,
      };
    },

    listNonFinal(scope) {
      const f = sqlOf({ scope, statuses: NON_FINAL_STATUSES });
      return all(
        `SELECT t.id, t.status, t.created, t.modified FROM ${f.from} WHERE ${f.where}
         ORDER BY t.created_ts ASC NULLS FIRST, t.pk`,
        f.params,
      ).map((r) => ({
        id: String(r.id),
        status: String(r.status),
        created: text(r.created),
        modified: text(r.modified),
      }));
    },

    exportKeys(query) {
      return keysOf(query, sqlOf(query), -1, 0);
    },

    rowsByKeys: (pks) => rowsOf(pks, null),

    listTaskIds(scope) {
      const f = sqlOf({ scope });
      return all(`SELECT t.id FROM ${f.from} WHERE ${f.where} ORDER BY t.pk`, f.params).map((r) =>
        String(r.id),
      );
    },
  };
}
