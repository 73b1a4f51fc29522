// Helpers for the lead import's tests and benchmark: checked leads made up in code (the reading
// side has its own tests), and what the sandbox holds, read back over HTTP with the real client.
import type { CheckedLead } from '../../src-main/imports/checked-lead.ts';
import { createUnpodClient, type Task } from '../../src-main/unpod/index.ts';

/** `count` sendable leads with distinct numbers, rows 2.. (the header is row 1). */
export function makeLeads(
  count: number,
  options: { prefix?: string; firstRow?: number } = {},
): CheckedLead[] {
  const prefix = options.prefix ?? 'Lead';
  const first = options.firstRow ?? 2;
  return Array.from({ length: count }, (_, i) => {
    const row = first + i;
    const number = `+4477009${String(row).padStart(5, '0')}`;
    const name = `${prefix} ${String(row).padStart(5, '0')}`;
    return {
      row,
      cells: { name, phone: number },
      document: { name, contact_number: number, company_name: 'Acme' },
      problems: [],
      duplicate: null,
    };
  });
}

/** The leads in chunks, as the reading side yields them. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface SandboxAccess {
  baseUrl: string;
  credentials: { token: string; orgHandle: string; spaceToken: string };
}

/** Every task of the sandbox's main space created since `sinceMs`, read over HTTP. */
export async function tasksSince(sandbox: SandboxAccess, sinceMs: number): Promise<Task[]> {
  const client = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    orgHandle: sandbox.credentials.orgHandle,
  });
  const out: Task[] = [];
  for (let page = 1; ; page++) {
    const result = await client.listSpaceTasks(sandbox.credentials.spaceToken, {
      page,
      pageSize: 500,
      fromTs: Math.floor(sinceMs / 1000) - 1,
    });
    out.push(...result.tasks);
    if (result.tasks.length === 0 || page * 500 >= result.count) return out;
  }
}

/** How many tasks carry each document_id (a lead created twice shows 2). */
export function countByDocumentId(tasks: readonly Task[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    const id = (task.input as Record<string, unknown> | null | undefined)?.['document_id'];
    if (typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export async function waitUntil(
  test: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
) {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
