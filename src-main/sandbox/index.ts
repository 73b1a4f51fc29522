// The local Unpod sandbox server: an Unpod-compatible API on 127.0.0.1 with deterministic demo
// data, a call simulator, signed recordings and fault injection. The app's "Demo workspace" and
// the server every test talks to. No electron imports: it runs under plain Node.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { Prng, hashSeed } from './data/prng.ts';
import { generateSpaceTasks } from './data/tasks.ts';
import { buildWorld } from './data/world.ts';
import { HOUR_MS } from './data/time.ts';
import { FaultList, parseFaultSpec } from './faults.ts';
import { RecordingCache, recordingSigningKey } from './recordings.ts';
import { RateLimiter, createRequestHandler } from './server.ts';
import { CallSimulator } from './simulator.ts';
import { TaskStore } from './store.ts';
import type { SandboxContext } from './context.ts';
import type { FaultRule, Sandbox, SandboxOptions } from './types.ts';

export type {
  FaultController,
  FaultKind,
  FaultRule,
  Sandbox,
  SandboxCredentials,
  SandboxOptions,
} from './types.ts';
export { parseFaultSpec } from './faults.ts';

const optionsSchema = z.object({
  port: z.int().min(0).max(65535).default(0),
  seed: z.int().min(0).max(0xffffffff).default(1),
  speed: z.number().positive().max(1_000_000).default(1),
  faults: z.union([z.string(), z.array(z.custom<FaultRule>())]).optional(),
  tasksPerSpace: z.int().min(0).max(1_000_000).optional(),
  epochMs: z.number().finite().optional(),
  createRatePerSecond: z.number().positive().max(100_000).optional(),
  clockOffsetMs: z.number().finite().optional(),
});

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(
      `Invalid sandbox options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const opts = parsed.data;
  const faults = new FaultList();
  const initialRules = typeof opts.faults === 'string' ? parseFaultSpec(opts.faults) : (opts.faults ?? []);
  for (const rule of initialRules) faults.add(rule);

  const epochMs = opts.epochMs ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const world = buildWorld(opts.seed, epochMs);
  const store = new TaskStore();
  for (const space of world.spaces) {
    for (const record of generateSpaceTasks(
      world,
      space,
      opts.tasksPerSpace ?? space.defaultTaskCount,
      store.nextSeq,
    )) {
      store.add(record);
    }
  }

  // The base URL is known once listening; recording links are built from it when served.
  const env = { world, baseUrl: '' };
  const clockOffsetMs = opts.clockOffsetMs ?? 0;
  const now = (): number => Date.now() + clockOffsetMs;
  const simulator = new CallSimulator({ speed: opts.speed, env, now });
  const ctx: SandboxContext = {
    world,
    store,
    env,
    simulator,
    recordings: new RecordingCache(),
    signingKey: recordingSigningKey(opts.seed),
    idRng: new Prng(hashSeed('created-tasks', opts.seed)),
    now,
  };

  let closed = false;
  const delays = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
  const delay = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (closed) return resolve(false);
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve(true);
      }, ms);
      delays.set(timer, resolve);
    });

  const createLimiter =
    opts.createRatePerSecond === undefined ? null : new RateLimiter(opts.createRatePerSecond, now());
  const server = createServer(createRequestHandler({ ctx, faults, delay, createLimiter }));
  // Keep-alive sockets must not hold close() up.
  server.keepAliveTimeout = 5000;
  const port = await listen(server, opts.port);
  env.baseUrl = `http://127.0.0.1:${port}`;

  const mainSpace = world.spaces[0]!;
  const salesAgent = world.agents[0]!;
  let closing: Promise<void> | null = null;

  return {
    baseUrl: env.baseUrl,
    credentials: {
      token: world.token,
      expiredToken: world.expiredToken,
      orgHandle: mainSpace.orgHandle,
      spaceToken: mainSpace.token,
      agentHandle: salesAgent.handle,
    },
    faults,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        simulator.stop();
        for (const [timer, resolveDelay] of delays) {
          clearTimeout(timer);
          resolveDelay(false);
        }
        delays.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        ctx.recordings.clear();
      });
      return closing;
    },
  };
}
