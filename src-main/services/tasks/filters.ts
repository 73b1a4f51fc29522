// The contract's scope, filters and sort → the store's query. Empty lists and blank search mean
// "no filter"; a date range arrives as epoch ms already (the renderer knows the user's days).
import type { TaskFilters, TaskScope, TaskSort } from '../../ipc/contract.ts';
import { scopeKey, type CacheScope, type TaskFilter, type TaskQuery } from '../../store/index.ts';

export const toCacheScope = (scope: TaskScope): CacheScope =>
  scope.kind === 'space'
    ? { kind: 'space', spaceToken: scope.spaceToken }
    : { kind: 'agent', agentHandle: scope.agentHandle };

export const keyOf = (scope: TaskScope): string => scopeKey(toCacheScope(scope));

const list = (values: readonly string[]) => (values.length > 0 ? values : undefined);

export function toTaskFilter(scope: TaskScope, filters: TaskFilters): TaskFilter {
  const search = filters.search.trim();
  return {
    scope: toCacheScope(scope),
    statuses: list(filters.statuses),
    labels: list(filters.labels),
    outcomeStatuses: list(filters.outcomeStatuses),
    agents: list(filters.agents),
    executionTypes: list(filters.executionTypes),
    createdFrom: filters.createdFrom ?? undefined,
    createdTo: filters.createdTo ?? undefined,
    search: search === '' ? undefined : search,
    ...(filters.importId !== undefined ? { importId: filters.importId } : {}),
  };
}

export function toTaskQuery(
  scope: TaskScope,
  filters: TaskFilters,
  sort: TaskSort,
  offset: number,
  limit: number,
): TaskQuery {
  return { ...toTaskFilter(scope, filters), sort: sort.field, direction: sort.direction, offset, limit };
}
