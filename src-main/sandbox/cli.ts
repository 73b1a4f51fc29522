// `npm run sandbox -- [--port N] [--seed N] [--speed X] [--faults SPEC] [--tasks-per-space N] [--epoch MS] [--create-rate N]`
// Starts the sandbox, prints one JSON line (base URL and credentials) to stdout, and runs until
// SIGINT/SIGTERM, then exits with code 0. Fault SPEC syntax: see faults.ts.
import { parseArgs } from 'node:util';
import type { Sandbox, SandboxOptions } from './types.ts';

const USAGE =
  'usage: npm run sandbox -- [--port N] [--seed N] [--speed X] [--faults SPEC] [--tasks-per-space N] [--epoch MS] [--create-rate N]\n' +
  '  --port N     port on 127.0.0.1 (default 0: a free port)\n' +
  '  --seed N     demo-data seed (default 1)\n' +
  '  --speed X    call simulator speed factor (default 1: a call takes 20-90 s)\n' +
  '  --faults SPEC  comma-separated kind[:param][@METHOD][~path][*times]; kinds: server_error[:status],\n' +
  '               html_502, rate_limit[:retryAfterSeconds], latency[:ms], reset, malformed_json, lost_response\n' +
  '               e.g. "server_error:503@GET*2,rate_limit:1*1,latency:200,lost_response@POST*1"\n' +
  '  --tasks-per-space N  tasks in every space (default: 400, 140 and 60)\n' +
  '  --epoch MS   the instant the demo data is "now" for (default: this hour)\n' +
  '  --create-rate N  task creations allowed per second; more get 429 with Retry-After (default: no limit)\n';

function number(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${integer ? 'a whole number' : 'a number'}, got "${raw}"`);
  }
  return n;
}

function readOptions(): SandboxOptions | 'help' {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      faults: { type: 'string' },
      'tasks-per-space': { type: 'string' },
      epoch: { type: 'string' },
      'create-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    port: number('port', values.port, true),
    seed: number('seed', values.seed, true),
    speed: number('speed', values.speed, false),
    faults: values.faults,
    tasksPerSpace: number('tasks-per-space', values['tasks-per-space'], true),
    epochMs: number('epoch', values.epoch, true),
    createRatePerSecond: number('create-rate', values['create-rate'], false),
  };
}

async function main(): Promise<void> {
  // Signals are handled before anything loads, so one that arrives while starting up still
  // ends the process cleanly with code 0.
  let sandbox: Sandbox | null = null;
  let stopping = false;
  const shutDown = async (): Promise<void> => {
    await sandbox?.close();
    process.exitCode = 0;
    // The process now exits by itself; if something still held it open, that would be a leak.
    setTimeout(() => {
      process.stderr.write('sandbox: handles still open after close, exiting anyway\n');
      process.exit(1);
    }, 5000).unref();
  };
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, shutting down\n`);
    if (sandbox) void shutDown();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const fail = (code: number, message: string): void => {
    process.stderr.write(`sandbox: ${message}\n`);
    process.exitCode = code;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  };

  let options: SandboxOptions | 'help';
  try {
    options = readOptions();
  } catch (e) {
    return fail(2, `${(e as Error).message}\n${USAGE}`);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    return;
  }
  try {
    // Loaded after the signal handlers are in place (loading takes a moment).
    const { startSandbox } = await import('./index.ts');
    sandbox = await startSandbox(options);
  } catch (e) {
    return fail(1, (e as Error).message);
  }
  if (stopping) return shutDown();
  process.stdout.write(`${JSON.stringify({ baseUrl: sandbox.baseUrl, ...sandbox.credentials })}\n`);
  process.stderr.write(`sandbox: listening on ${sandbox.baseUrl} (Ctrl+C to stop)\n`);
}

await main();
