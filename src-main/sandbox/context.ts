// What request handlers share: the demo world, the task store and the helpers around them.
import type { Prng } from './data/prng.ts';
import type { MaterializeEnv } from './data/tasks.ts';
import type { World } from './data/world.ts';
import type { RecordingCache } from './recordings.ts';
import type { RecordingServerSettings } from './types.ts';
import type { CallSimulator } from './simulator.ts';
import type { TaskStore } from './store.ts';

export interface SandboxContext {
  world: World;
  store: TaskStore;
  /** World plus the base URL recording links point at. */
  env: MaterializeEnv;
  simulator: CallSimulator;
  recordings: RecordingCache;
  signingKey: Buffer;
  recordingServer: RecordingServerSettings;
  /** Ids for tasks created at runtime (deterministic per seed and creation order). */
  idRng: Prng;
  now(): number;
}

export interface ApiRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  /** Path parameters captured by the route. */
  params: string[];
  body: Buffer | null;
}

export function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
