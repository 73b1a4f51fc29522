// `npm run sandbox` as a user runs it: one JSON line on stdout, a working server, a clean exit
// (code 0) on SIGTERM / SIGINT, and clear errors for bad arguments.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'src-main/sandbox/cli.ts';

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  info: Record<string, string>;
}

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
}

/** Starts the CLI and waits for its first stdout line. */
async function start(args: string[]): Promise<Started> {
  const child = run(args);
  let out = '';
  const lines: string[] = [];
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const parts = out.split('\n');
      out = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > 0) resolve(lines[0]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
  });
  const info = JSON.parse(await firstLine) as Record<string, string>;
  return { child, lines, info };
}

async function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('sandbox CLI', () => {
  it('prints one JSON line with the base URL and credentials, serves, and exits 0 on SIGTERM', async () => {
    const { child, lines, info } = await start(['--port', '0', '--seed', '4', '--speed', '100']);
    expect(Object.keys(info).sort()).toEqual(
      ['agentHandle', 'baseUrl', 'expiredToken', 'orgHandle', 'spaceToken', 'token'].sort(),
    );
    expect(info['baseUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${info['baseUrl']}/api/v2/platform/organizations/`, {
      headers: { Authorization: `Token ${info['token']}` },
    });
    expect(res.status).toBe(200);
    // A task in flight (simulator timers running) must not keep the process alive.
    const created = await fetch(`${info['baseUrl']}/api/v2/platform/spaces/${info['spaceToken']}/tasks/`, {
      method: 'POST',
      headers: { Authorization: `Token ${info['token']}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        pilot: info['agentHandle'],
        documents: [{ name: 'Cli Person', contact_number: '+14155550100' }],
        context: 'x',
      }),
    });
    expect(created.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it('is deterministic per seed across runs', async () => {
    const a = await start(['--seed', '9']);
    const b = await start(['--seed', '9']);
    try {
      const { baseUrl: _a, ...credsA } = a.info;
      const { baseUrl: _b, ...credsB } = b.info;
      expect(credsA).toEqual(credsB);
    } finally {
      a.child.kill('SIGINT');
      b.child.kill('SIGINT');
    }
    expect(await exitCode(a.child)).toBe(0);
    expect(await exitCode(b.child)).toBe(0);
  });

  it('applies --faults', async () => {
    const { child, info } = await start(['--faults', 'html_502@GET*1']);
    try {
      const res = await fetch(`${info['baseUrl']}/api/v2/platform/organizations/`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('text/html');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--faults', 'boom'], /Invalid fault "boom"/],
    [['--speed', '-1'], /speed/],
    [['--nope'], /Unknown option/],
  ])('refuses %j with a message and a non-zero exit', async (args, message) => {
    const child = run(args);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const code = await exitCode(child);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
  });
});
