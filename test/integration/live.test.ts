// Optional read-only check against the real Unpod platform. Runs only when UNPOD_TOKEN is set
// (with UNPOD_ORG_HANDLE for spaces/agents; UNPOD_BASE_URL defaults to https://unpod.dev).
// It never creates anything.
import { describe, expect, it } from 'vitest';
import { createUnpodClient, type UnpodClient } from '../../src-main/unpod/index.ts';

const token = process.env.UNPOD_TOKEN?.trim() ?? '';
const orgHandle = process.env.UNPOD_ORG_HANDLE?.trim() ?? '';
const baseUrl = process.env.UNPOD_BASE_URL?.trim() || 'https://unpod.dev';

if (!token) {
  console.log(
    'live.test.ts: skipped, set UNPOD_TOKEN (and UNPOD_ORG_HANDLE, optional UNPOD_BASE_URL) to run it.',
  );
} else if (!orgHandle) {
  console.log('live.test.ts: UNPOD_ORG_HANDLE is not set; only the organization list will be checked.');
}

describe.skipIf(!token)('live Unpod platform (read-only)', () => {
  const client = (): UnpodClient =>
    createUnpodClient({
      baseUrl,
      token,
      orgHandle: orgHandle || undefined,
      timeoutMs: 20_000,
      retry: { limit: 1 },
    });

  it('lists organizations', async () => {
    const orgs = await client().listOrganizations();
    expect(Array.isArray(orgs)).toBe(true);
    for (const org of orgs) expect(typeof org.domain_handle).toBe('string');
    if (orgHandle) expect(orgs.map((o) => o.domain_handle)).toContain(orgHandle);
  });

  describe.skipIf(!orgHandle)('with an organization', () => {
    it('lists spaces, agents, and one page of space and agent tasks', async () => {
      const c = client();
      const spaces = await c.listSpaces();
      const agents = await c.listAgents();
      console.log(`live: ${spaces.length} spaces, ${agents.length} agents`);
      for (const space of spaces) expect(space.token).toBeTruthy();

      const space = spaces[0];
      if (space) {
        const page = await c.listSpaceTasks(space.token, { page: 1, pageSize: 5 });
        expect(page.count).toBeGreaterThanOrEqual(page.tasks.length);
        expect(page.tasks.length).toBeLessThanOrEqual(5);
      } else console.log('live: no spaces, space tasks not checked');

      const agent = agents[0];
      if (agent) {
        const page = await c.listAgentTasks(agent.handle, { page: 1, pageSize: 5 });
        expect(page.count).toBeGreaterThanOrEqual(page.tasks.length);
      } else console.log('live: no agents, agent tasks not checked');
    });
  });
});
