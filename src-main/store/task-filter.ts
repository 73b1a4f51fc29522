// The filters of the task list, and their translation into SQL. Every value is a bound
// parameter; only fixed fragments chosen from the filter's shape are pasted into the SQL text.
import type { SQLInputValue } from 'node:sqlite';
import { readSearch, type SearchReading } from './fts-query.ts';
import type { CacheScope } from './scope.ts';
import { SEARCH_HITS_SQL } from './search-hits.ts';

export interface TaskFilter {
  scope: CacheScope;
  /** Task statuses (pending, completed, …). Empty or absent: any. */
  statuses?: readonly string[];
  /** Classification labels; a task matches if it has any of them (case-insensitive). */
  labels?: readonly string[];
  /** Outcome statuses (output.post_call_data.summary.status, e.g. "Call Back"). */
  outcomeStatuses?: readonly string[];
  /** Agent handles (assignee). */
  agents?: readonly string[];
  /** Execution types (call, email, …). */
  executionTypes?: readonly string[];
  /** Created at or after, epoch ms (inclusive). Tasks without a created time never match. */
  createdFrom?: number;
  /** Created before, epoch ms (exclusive): pass the next midnight to include a whole day. */
  createdTo?: number;
  /** Free text: name, number, email, company, context, objective, transcript, summaries. */
  search?: string;
  /** Only the tasks this import created (the task ids its journal recorded). */
  importId?: string;
}

export interface FilterSql {
  /** FROM clause: the tasks table as `t`. */
  from: string;
  /** WHERE clause without the keyword (always at least the scope). */
  where: string;
  params: SQLInputValue[];
  /** The MATCH expression when the search had searchable terms; load it into SearchHits first. */
  match: string | null;
  /** How the search text was read (searched, nothing searchable in it, too short, none). */
  search: SearchReading;
}

/** Which of the filter's own facets to leave out (counts beside a facet ignore that facet). */
export type FacetToOmit = 'statuses' | 'labels' | null;

export function filterToSql(filter: TaskFilter, omit: FacetToOmit = null): FilterSql {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];

  if (filter.scope.kind === 'space') {
    clauses.push('t.space_token = ?');
    params.push(filter.scope.spaceToken);
  } else {
    clauses.push('t.assignee = ?');
    params.push(filter.scope.agentHandle);
  }

  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (omit !== 'statuses') inList('t.status', filter.statuses);
  inList('t.outcome_status', filter.outcomeStatuses);
  inList('t.assignee', filter.agents);
  inList('t.execution_type', filter.executionTypes);

  if (omit !== 'labels' && filter.labels && filter.labels.length > 0) {
    // task_labels.label is COLLATE NOCASE, so IN compares case-insensitively. An IN subquery is
    // evaluated once into a set the index scan checks each row against.
    clauses.push(
      `t.pk IN (SELECT task_pk FROM task_labels WHERE label IN (${filter.labels.map(() => '?').join(', ')}))`,
    );
    params.push(...filter.labels);
  }

  if (filter.createdFrom !== undefined) {
    clauses.push('t.created_ts >= ?');
    params.push(filter.createdFrom);
  }
  if (filter.createdTo !== undefined) {
    clauses.push('t.created_ts < ?');
    params.push(filter.createdTo);
  }

  if (filter.importId !== undefined) {
    // The journal keeps the task id a create answered (or reconciliation found) per row.
    clauses.push('t.id IN (SELECT task_id FROM import_rows WHERE import_id = ? AND task_id IS NOT NULL)');
    params.push(filter.importId);
  }

  const search = readSearch(filter.search ?? '');
  const match = search.match;
  // Not a join with tasks_fts: with a join SQLite may walk the tasks index and re-run the
  // full-text query for every row (measured: 40 s at 100k tasks). The matches are collected once
  // into temp.search_hits (see search-hits.ts), which the caller must load with `match` first.
  if (match !== null) clauses.push(SEARCH_HITS_SQL);
  return { from: 'tasks t', where: clauses.join(' AND '), params, match, search };
}
