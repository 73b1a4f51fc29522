// What a cached view is "of": one space (tasks listed by space token) or one agent (tasks listed
// by agent handle). The sync service fills the cache per scope and remembers per scope when.

export type CacheScope = { kind: 'space'; spaceToken: string } | { kind: 'agent'; agentHandle: string };

/** The sync_state key of a scope: `space:<token>` or `agent:<handle>`. */
export function scopeKey(scope: CacheScope): string {
  return scope.kind === 'space' ? `space:${scope.spaceToken}` : `agent:${scope.agentHandle}`;
}
