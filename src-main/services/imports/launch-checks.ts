// What is checked before an import or a call is launched: the agent can take calls (published, a
// voice agent of the space's organization) and a custom time is a real moment in the future.
// Every refusal says what to do.
import type { ImportSchedule } from '../../ipc/contract-imports.ts';
import { AppError } from '../../ipc/errors.ts';
import type { CreateTaskRequest, UnpodClient } from '../../unpod/index.ts';

/** Epoch ms of a wall-clock date and time in an IANA zone; null when that wall time does not exist. */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): number | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const wallOf = (ms: number) => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(ms)))
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  };
  // Two rounds settle the zone's offset (DST included); a wall time in a spring-forward gap never
  // reads back and is refused.
  let guess = wallAsUtc - (wallOf(wallAsUtc) - wallAsUtc);
  guess = wallAsUtc - (wallOf(guess) - guess);
  return wallOf(guess) === wallAsUtc ? guess : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The launch's schedule → the platform's. A custom time is sent as the date and time on this
 * machine's clock (the platform's own zone is not documented; the sandbox reads it as the
 * machine's local time). Refuses a time that does not exist or is not in the future.
 */
export function platformSchedule(
  schedule: ImportSchedule,
  now = Date.now(),
): NonNullable<CreateTaskRequest['schedule']> {
  if (schedule.type !== 'custom') return { type: schedule.type };
  const at = zonedTimeToInstant(schedule.date, schedule.time, schedule.timeZone);
  if (at === null) {
    throw new AppError(
      'bad_request',
      `${schedule.date} ${schedule.time} does not exist in ${schedule.timeZone} (a clock change skips it). Choose another time.`,
    );
  }
  if (at <= now + 60_000) {
    throw new AppError(
      'bad_request',
      `The calls are set for ${schedule.date} ${schedule.time} (${schedule.timeZone}), which is not in the future. Choose a later time, or "now".`,
    );
  }
  const local = new Date(at);
  return {
    type: 'custom',
    calling_date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    calling_time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  };
}

/**
 * Refuses an agent that cannot take calls: not in the organization's published agents (a draft,
 * when the space lists it), or a chat agent.
 */
export async function checkCallingAgent(
  client: UnpodClient,
  spaceToken: string,
  handle: string,
): Promise<void> {
  const published = await client.listAgents();
  const agent = published.find((a) => a.handle === handle);
  if (agent !== undefined) {
    if (agent.type !== undefined && agent.type !== null && /chat/i.test(String(agent.type))) {
      throw new AppError(
        'bad_request',
        `"${agent.name ?? handle}" is a chat agent: it cannot make calls. Choose a voice agent.`,
      );
    }
    return;
  }
  const space = await client.getSpace(spaceToken);
  const inSpace = (space.agents ?? []).find((a) => String(a.handle) === handle);
  if (inSpace !== undefined) {
    throw new AppError(
      'bad_request',
      `"${inSpace.name ?? handle}" is a draft agent: publish it in Unpod before it can take calls, or choose a published agent.`,
    );
  }
  throw new AppError(
    'not_found',
    `No agent "${handle}" was found in this organization. Choose one from the list.`,
  );
}
