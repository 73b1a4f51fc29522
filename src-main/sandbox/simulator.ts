// The call simulator: tasks created with schedule "now" go pending -> in_progress -> completed
// or failed, gaining an output and a recording. Simulated call time is divided by `speed`
// (at speed 1 a call takes about 20-90 s). Scheduled tasks wait for their real time, unscaled:
// "auto" is about ten minutes ahead, so they stay scheduled for the length of any test.
import { Prng, hashSeed } from './data/prng.ts';
import { CONNECTED_OUTCOMES, FAILURES, generateCall, type CallResult } from './data/calls.ts';
import {
  findAgent,
  findSpace,
  leadDetails,
  recordingPath,
  type MaterializeEnv,
  type TaskRecord,
} from './data/tasks.ts';
import type { TaskStatus } from './data/task-types.ts';
import { isoMicros } from './data/time.ts';

/** setTimeout's ceiling; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SimulatorOptions {
  speed: number;
  env: MaterializeEnv;
  now: () => number;
}

export class CallSimulator {
  #timers = new Set<NodeJS.Timeout>();
  #stopped = false;
  #options: SimulatorOptions;
  #p: Prng;

  constructor(options: SimulatorOptions) {
    this.#options = options;
    this.#p = new Prng(hashSeed('simulator', options.env.world.seed));
  }

  /** A task created with schedule "now": dialled after a short queueing delay. */
  runNow(record: TaskRecord): void {
    this.#afterSimulated(this.#p.float(1, 4), () => this.#dial(record));
  }

  /** A scheduled task: it becomes pending at `atMs` (wall clock) and is then dialled. */
  runAt(record: TaskRecord, atMs: number): void {
    this.#afterReal(atMs - this.#options.now(), () => {
      this.#setStatus(record, 'pending');
      this.runNow(record);
    });
  }

  /** Cancels every pending transition (on close: no timers are left behind). */
  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  #dial(record: TaskRecord): void {
    this.#setStatus(record, 'in_progress');
    const live = record.live;
    if (!live) return;
    const { world } = this.#options.env;
    const agent = findAgent(world, record.agentHandle)!;
    const space = findSpace(world, record.spaceToken)!;
    const org = world.organizations.find((o) => o.domainHandle === space.orgHandle)!;
    const p = new Prng(hashSeed('live-call', world.seed, record.taskId));
    const input = live.task.input;
    const text = (key: string): string | null => {
      const v = input[key];
      return typeof v === 'string' && v.trim() !== '' ? v : null;
    };
    const result: CallResult = p.chance(0.8)
      ? { kind: 'completed', outcome: p.pick(CONNECTED_OUTCOMES) }
      : { kind: 'failed', failure: p.pick(FAILURES) };
    const startMs = this.#options.now();
    const call = generateCall(
      p,
      {
        persona: agent.persona,
        orgName: org.name,
        assistantNumber: agent.assistantNumber,
        customerName: record.name,
        contactNumber: record.phone,
        email: text('email'),
        company: text('company_name'),
        callType: 'outbound',
        result,
        startMs,
        recordingUrl: `${this.#options.env.baseUrl}${recordingPath(record.taskId)}`,
      },
      leadDetails(p, agent, record.name, record.phone, record.createdMs).vars,
    );
    const talkSeconds = result.kind === 'failed' ? p.float(10, 30) : call.output.duration;
    this.#afterSimulated(talkSeconds, () => {
      live.task.output = call.output;
      live.turns = call.turns;
      record.outcome = call.outcome;
      this.#setStatus(record, result.kind === 'failed' ? 'failed' : 'completed');
    });
  }

  #setStatus(record: TaskRecord, status: TaskStatus): void {
    record.status = status;
    if (record.live) {
      record.live.task.status = status;
      record.live.task.modified = isoMicros(this.#options.now());
    }
  }

  #afterSimulated(seconds: number, fn: () => void): void {
    this.#afterReal((seconds * 1000) / this.#options.speed, fn);
  }

  #afterReal(ms: number, fn: () => void): void {
    if (this.#stopped) return;
    const wait = Math.max(0, ms);
    const step = Math.min(wait, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (wait > step) this.#afterReal(wait - step, fn);
      else fn();
    }, step);
    timer.unref();
    this.#timers.add(timer);
  }
}
