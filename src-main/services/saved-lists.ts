// The organization, space and agent lists a profile last loaded, kept in its data folder
// (profiles/<id>/lists.json), so the pickers and the Agents page still show them when the
// platform cannot be reached. Spaces and agents belong to an organization and are kept per
// organization handle; the agents linked to a space (drafts included: the agent list has only
// published ones) are kept per space, for the agent names the task list shows. Only view-model fields (the contract's schemas strip anything else),
// never a token.
//
// Written atomically (write-json-file.ts). Read back through zod; a file that is not JSON or does
// not match counts as "nothing saved" (logged once) and is replaced by the next successful load. Operations on one store run
// one at a time, so two lists saved at once do not drop each other's update.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonFile } from './write-json-file.ts';
import {
  agentNameSchema,
  agentSchema,
  organizationSchema,
  spaceSchema,
  type Agent,
  type AgentName,
  type Organization,
  type Space,
} from '../ipc/contract.ts';
import type { Logger } from '../log/index.ts';

export const SAVED_LISTS_FILE_NAME = 'lists.json';

const savedAt = z.iso.datetime();
const perOrganization = <T extends z.ZodType>(item: T) =>
  z.array(z.object({ orgHandle: z.string().min(1), savedAt, items: z.array(item) }));

const savedListsFileSchema = z.object({
  version: z.literal(1),
  organizations: z.object({ savedAt, items: z.array(organizationSchema) }).nullable(),
  spaces: perOrganization(spaceSchema),
  agents: perOrganization(agentSchema),
  /** Added later in version 1: a file without it has none saved. */
  spaceAgents: z
    .array(
      z.object({
        orgHandle: z.string().min(1),
        spaceToken: z.string().min(1),
        savedAt,
        items: z.array(agentNameSchema),
      }),
    )
    .default([]),
});
type SavedListsFile = z.infer<typeof savedListsFileSchema>;

const emptyFile = (): SavedListsFile => ({
  version: 1,
  organizations: null,
  spaces: [],
  agents: [],
  spaceAgents: [],
});

export interface SavedLists {
  /** The saved lists, or null when none was saved (or the file is unreadable). */
  organizations(): Promise<Organization[] | null>;
  spaces(orgHandle: string): Promise<Space[] | null>;
  agents(orgHandle: string): Promise<Agent[] | null>;
  spaceAgents(orgHandle: string, spaceToken: string): Promise<AgentName[] | null>;
  /** Also forgets the spaces and agents of organizations no longer in the list. */
  saveOrganizations(items: Organization[]): Promise<void>;
  saveSpaces(orgHandle: string, items: Space[]): Promise<void>;
  saveAgents(orgHandle: string, items: Agent[]): Promise<void>;
  saveSpaceAgents(orgHandle: string, spaceToken: string, items: AgentName[]): Promise<void>;
  /**
   * Waits for the operation in flight; later saves do nothing. The session calls it on close,
   * since sign-out may delete the folder right after and a late save must not recreate it.
   */
  close(): Promise<void>;
}

/** The saved lists of the profile whose data folder is `dir`. */
export function openSavedLists(dir: string, logger: Logger): SavedLists {
  const path = join(dir, SAVED_LISTS_FILE_NAME);
  let closed = false;
  let damageReported = false;

  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<SavedListsFile> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') reportDamage(error);
      return emptyFile();
    }
    try {
      const parsed = savedListsFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      reportDamage(parsed.error.issues.slice(0, 3));
    } catch (error) {
      reportDamage(error); // not JSON
    }
    return emptyFile();
  }

  function reportDamage(reason: unknown): void {
    if (damageReported) return;
    damageReported = true;
    logger.warn('the saved lists could not be read; they are ignored until the next load', {
      file: path,
      reason,
    });
  }

  async function store(file: SavedListsFile): Promise<void> {
    await writeJsonFile(path, savedListsFileSchema.parse(file));
  }

  /** Applies `change` to the saved file and writes it when `change` says it changed anything. */
  const update = (change: (file: SavedListsFile, now: string) => boolean): Promise<void> =>
    serialized(async () => {
      if (closed) return;
      const file = await load();
      if (change(file, new Date().toISOString())) await store(file);
    });

  const ofOrganization = <T>(entries: { orgHandle: string; items: T[] }[], orgHandle: string) =>
    entries.find((e) => e.orgHandle === orgHandle)?.items ?? null;

  function replaceEntry<T>(
    entries: { orgHandle: string; savedAt: string; items: T[] }[],
    orgHandle: string,
    items: T[],
    now: string,
  ): boolean {
    const entry = entries.find((e) => e.orgHandle === orgHandle);
    if (entry === undefined) entries.push({ orgHandle, savedAt: now, items });
    else if (!sameItems(entry.items, items)) Object.assign(entry, { savedAt: now, items });
    else return false;
    return true;
  }

  return {
    organizations: () => serialized(async () => (await load()).organizations?.items ?? null),
    spaces: (orgHandle) => serialized(async () => ofOrganization((await load()).spaces, orgHandle)),
    agents: (orgHandle) => serialized(async () => ofOrganization((await load()).agents, orgHandle)),

    saveOrganizations: (items) =>
      update((file, now) => {
        const kept = new Set(items.map((o) => o.domainHandle));
        const spaces = file.spaces.filter((e) => kept.has(e.orgHandle));
        const agents = file.agents.filter((e) => kept.has(e.orgHandle));
        const spaceAgents = file.spaceAgents.filter((e) => kept.has(e.orgHandle));
        const pruned =
          spaces.length !== file.spaces.length ||
          agents.length !== file.agents.length ||
          spaceAgents.length !== file.spaceAgents.length;
        const listChanged = file.organizations === null || !sameItems(file.organizations.items, items);
        if (listChanged) file.organizations = { savedAt: now, items };
        Object.assign(file, { spaces, agents, spaceAgents });
        return listChanged || pruned;
      }),
    saveSpaces: (orgHandle, items) => update((file, now) => replaceEntry(file.spaces, orgHandle, items, now)),
    saveAgents: (orgHandle, items) => update((file, now) => replaceEntry(file.agents, orgHandle, items, now)),

    spaceAgents: (orgHandle, spaceToken) =>
      serialized(
        async () =>
          (await load()).spaceAgents.find((e) => e.orgHandle === orgHandle && e.spaceToken === spaceToken)
            ?.items ?? null,
      ),
    saveSpaceAgents: (orgHandle, spaceToken, items) =>
      update((file, now) => {
        const entry = file.spaceAgents.find((e) => e.orgHandle === orgHandle && e.spaceToken === spaceToken);
        if (entry === undefined) file.spaceAgents.push({ orgHandle, spaceToken, savedAt: now, items });
        else if (!sameItems(entry.items, items)) Object.assign(entry, { savedAt: now, items });
        else return false;
        return true;
      }),

    close: () => {
      closed = true;
      return serialized(async () => undefined);
    },
  };
}

// Both sides come out of the same schemas, so their keys are in the same order.
const sameItems = (a: unknown[], b: unknown[]): boolean => JSON.stringify(a) === JSON.stringify(b);
