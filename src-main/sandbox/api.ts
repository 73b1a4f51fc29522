// Read endpoints of the platform API: organizations, spaces, agents, task lists.
import { requireOrg } from './auth.ts';
import { unpodReply, type JsonObject, type Reply } from './envelope.ts';
import { findSpace, materialize, type TaskRecord } from './data/tasks.ts';
import type { SpaceTaskFilter } from './store.ts';
import { header, type ApiRequest, type SandboxContext } from './context.ts';

const DEFAULT_PAGE_SIZE = 20;

/** page / page_size as the platform reads them: unusable values fall back to the defaults. */
function paging(url: URL): { page: number; pageSize: number } {
  const int = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
    const n = Number(raw);
    return n >= 1 ? n : fallback;
  };
  return { page: int('page', 1), pageSize: int('page_size', DEFAULT_PAGE_SIZE) };
}

function taskList(ctx: SandboxContext, count: number, records: TaskRecord[]): Reply {
  const data = records.map((r) => materialize(r, ctx.env).task);
  return unpodReply(200, {
    count,
    message: 'Tasks Fetched Successfully',
    data: data as unknown as JsonObject[],
  });
}

export function listOrganizations(ctx: SandboxContext): Reply {
  const data = ctx.world.organizations.map((o) => ({
    name: o.name,
    token: o.token,
    domain: o.domain,
    domain_handle: o.domainHandle,
    is_private_domain: o.isPrivateDomain,
    role: o.role,
  }));
  return unpodReply(200, { count: data.length, message: 'Organizations fetched successfully', data });
}

function spaceJson(ctx: SandboxContext, token: string): JsonObject | null {
  const s = findSpace(ctx.world, token);
  if (!s) return null;
  const org = ctx.world.organizations.find((o) => o.domainHandle === s.orgHandle)!;
  return {
    name: s.name,
    slug: s.slug,
    token: s.token,
    description: s.description,
    logo: s.logo,
    privacy_type: s.privacyType,
    space_type: s.spaceType,
    content_type: s.contentType,
    organization: { name: org.name, domain_handle: org.domainHandle },
  };
}

export function listSpaces(ctx: SandboxContext, req: ApiRequest): Reply {
  const org = requireOrg(header(req, 'Org-Handle'), ctx.world);
  if ('status' in org) return org;
  const data = ctx.world.spaces
    .filter((s) => s.orgHandle === org.domainHandle)
    .map((s) => spaceJson(ctx, s.token)!);
  return unpodReply(200, { count: data.length, message: 'Spaces fetched successfully', data });
}

export function getSpace(ctx: SandboxContext, req: ApiRequest): Reply {
  const org = requireOrg(header(req, 'Org-Handle'), ctx.world);
  if ('status' in org) return org;
  const token = req.params[0]!;
  const space = findSpace(ctx.world, token);
  if (!space || space.orgHandle !== org.domainHandle)
    return unpodReply(206, { message: 'Invalid Space Token' });
  const agents = space.agentHandles.map((h) => ctx.world.agents.find((a) => a.handle === h)!);
  return unpodReply(200, {
    message: 'Space fetched successfully',
    data: {
      ...spaceJson(ctx, token)!,
      agents: agents.map((a) => ({ name: a.name, handle: a.handle, type: a.type })),
      created: space.created,
      modified: space.modified,
    },
  });
}

export function listAgents(ctx: SandboxContext, req: ApiRequest): Reply {
  const org = requireOrg(header(req, 'Org-Handle'), ctx.world);
  if ('status' in org) return org;
  const data = ctx.world.agents
    .filter((a) => a.orgHandle === org.domainHandle && a.state === 'published')
    .map((a) => ({
      handle: a.handle,
      name: a.name,
      type: a.type,
      state: a.state,
      description: a.description,
      purpose: a.purpose,
    }));
  return unpodReply(200, { count: data.length, message: 'Agents fetched successfully', data });
}

export function listAgentTasks(ctx: SandboxContext, req: ApiRequest): Reply {
  const handle = req.params[0]!;
  if (!ctx.world.agents.some((a) => a.handle === handle))
    return unpodReply(404, { message: 'Agent not found' });
  const { page, pageSize } = paging(req.url);
  const { count, records } = ctx.store.agentTasks(handle, page, pageSize);
  return taskList(ctx, count, records);
}

function unixSeconds(url: URL, name: string): number | undefined | Error {
  const raw = url.searchParams.get(name)?.trim();
  if (!raw) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) return new Error(`${name} must be a unix timestamp in seconds.`);
  return Number(raw);
}

export function listSpaceTasks(ctx: SandboxContext, req: ApiRequest): Reply {
  const token = req.params[0]!;
  if (!findSpace(ctx.world, token)) return unpodReply(206, { message: 'Invalid Space Token' });
  const { url } = req;
  const filter: SpaceTaskFilter = {};
  const search = url.searchParams.get('search');
  if (search) filter.search = search;
  const status = url.searchParams.get('status');
  if (status) filter.outcomes = status.split(',').filter((s) => s.trim() !== '');
  for (const [name, key] of [
    ['from_ts', 'fromTs'],
    ['to_ts', 'toTs'],
  ] as const) {
    const v = unixSeconds(url, name);
    if (v instanceof Error) return unpodReply(400, { message: v.message });
    if (v !== undefined) filter[key] = v;
  }
  const callType = url.searchParams.get('call_type')?.trim();
  if (callType) {
    if (callType !== 'inbound' && callType !== 'outbound') {
      return unpodReply(400, { message: 'call_type must be inbound or outbound.' });
    }
    filter.callType = callType;
  }
  const { page, pageSize } = paging(url);
  const { count, records } = ctx.store.spaceTasks(token, filter, page, pageSize);
  return taskList(ctx, count, records);
}
