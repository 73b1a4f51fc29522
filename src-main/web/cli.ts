// `npm run web -- [--port N] [--data-dir DIR] [--demo] [--faults SPEC] [--sandbox-url URL --sandbox-token T]`:
// the app in a browser tab.
// stdout carries exactly one line once the server listens: `web: http://127.0.0.1:PORT/?secret=…`
// (scripts and tests wait for it); everything else goes to stderr.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec } from '../sandbox/index.ts';
import type { AppServicesOptions } from '../services/app-services.ts';
import { createUnpodClient } from '../unpod/index.ts';
import { DEFAULT_RENDERER_DIR, startWebApp } from './app.ts';

const USAGE =
  'usage: npm run web -- [--port N] [--data-dir DIR] [--demo] [--faults SPEC] [--sandbox-url URL --sandbox-token TOKEN]\n' +
  "  --faults SPEC   faults for the demo's sandbox (see npm run sandbox -- --help), e.g. lost_response@POST*1\n" +
  '  --sandbox-url URL --sandbox-token TOKEN   the demo uses a sandbox already running (npm run sandbox)';

/** The demo's organization, space and agent on a running sandbox: its first of each. */
async function remoteSandbox(
  baseUrl: string,
  token: string,
): Promise<NonNullable<AppServicesOptions['demo']>['connectTo']> {
  const client = createUnpodClient({ baseUrl, token, retry: { limit: 1 } });
  const org = (await client.listOrganizations())[0];
  if (!org?.domain_handle) throw new Error('the sandbox lists no organization for this token');
  const inOrg = client.withOrg(org.domain_handle);
  const space = (await inOrg.listSpaces())[0];
  const agent = (await inOrg.listAgents())[0];
  if (!space?.token || !agent?.handle) throw new Error('the sandbox has no space or agent for this token');
  return {
    baseUrl: client.baseUrl,
    credentials: {
      token,
      expiredToken: '',
      orgHandle: org.domain_handle,
      spaceToken: space.token,
      agentHandle: agent.handle,
    },
  };
}

/** The per-user data folder of the web host (separate from the Electron app's). */
function defaultDataDir(): string {
  const name = 'unpod-desk-web';
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), name);
}

function fail(message: string, code: number): never {
  process.stderr.write(`web: ${message}\n`);
  process.exit(code);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean', default: false },
        faults: { type: 'string' },
        'sandbox-url': { type: 'string' },
        'sandbox-token': { type: 'string' },
        // For tests: serve another build of the renderer.
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

async function main(): Promise<void> {
  const values = parseCommandLine();
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }

  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number 0-65535\n${USAGE}`, 2);
  const rendererDir = values['renderer-dir'] ? resolve(values['renderer-dir']) : DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    fail(`the built app is missing (${join(rendererDir, 'index.html')}): run npm run build first`, 1);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  const demoOptions: NonNullable<AppServicesOptions['demo']> = {};
  if (values.faults !== undefined) {
    try {
      demoOptions.demoSandbox = { faults: parseFaultSpec(values.faults) };
    } catch (error) {
      fail(`--faults: ${error instanceof Error ? error.message : String(error)}`, 2);
    }
  }
  if ((values['sandbox-url'] === undefined) !== (values['sandbox-token'] === undefined)) {
    fail(`--sandbox-url and --sandbox-token go together\n${USAGE}`, 2);
  }
  if (values['sandbox-url'] !== undefined && values['sandbox-token'] !== undefined) {
    if (values.faults !== undefined)
      fail("--faults applies to the demo's own sandbox: pass it to that sandbox instead", 2);
    try {
      demoOptions.connectTo = await remoteSandbox(values['sandbox-url'], values['sandbox-token']);
    } catch (error) {
      fail(
        `the sandbox at ${values['sandbox-url']} could not be used: ${error instanceof Error ? error.message : String(error)}`,
        1,
      );
    }
  }

  let app;
  try {
    app = await startWebApp({ port, dataDir, rendererDir, demo: values.demo, demoOptions });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EADDRINUSE')
      fail(`port ${port} is already in use; pick another with --port, or --port 0`, 1);
    if (code === 'EACCES') fail(`not allowed to listen on port ${port}`, 1);
    process.stderr.write(`web: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`web: ${app.url}\n`);
  const opened = app.services.workspace.getState();
  const workspaceNote =
    opened.kind === 'demo'
      ? '; demo workspace open'
      : opened.kind === 'profile'
        ? `; profile "${opened.profileName ?? ''}" reopened`
        : '';
  process.stderr.write(`web: data folder ${dataDir}${workspaceNote}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`web: error while stopping: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
