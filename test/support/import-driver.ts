// A small host for the kill test: the app's services (journal, sender) in their own process,
// the demo connected to a sandbox that runs elsewhere and outlives this process. It starts an
// import of `count` leads unless the workspace's history has one (then the import resumes by
// itself, as after a crash), prints one JSON line per progress event, and exits when it ends.
//   node test/support/import-driver.ts <dataDir> <sandbox JSON> <count>
import { createAppServices } from '../../src-main/services/app-services.ts';
import { inChunks, makeLeads } from './imports-kit.ts';

const [dataDir, sandboxJson, countText] = process.argv.slice(2);
if (!dataDir || !sandboxJson || !countText)
  throw new Error('usage: import-driver.ts <dataDir> <sandbox JSON> <count>');
const sandbox = JSON.parse(sandboxJson) as {
  baseUrl: string;
  credentials: {
    token: string;
    expiredToken: string;
    orgHandle: string;
    spaceToken: string;
    agentHandle: string;
  };
};
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

const services = createAppServices({
  dataDir,
  host: 'web',
  version: 'driver',
  emit: (event, payload) => {
    if (event === 'imports.progress' || event === 'imports.finished') print({ event, payload });
  },
  demo: {
    demoClient: { retry: { limit: 3, baseDelayMs: 10, maxDelayMs: 50 }, timeoutMs: 1_500 },
    connectTo: sandbox,
  },
  sendTiming: {
    batchSize: 10,
    requestTimeoutMs: 1_500,
    graceMs: 500,
    reconcileRetryMs: 100,
    progressEveryMs: 20,
  },
});

await services.workspace.openDemo();
const history = await services.importSend.list(10);
let importId: string;
if (history.length === 0) {
  const started = await services.importSend.startWithLeads(
    { name: 'kill-test.csv', leads: inChunks(makeLeads(Number(countText)), 250) },
    { duplicates: 'skip' },
    {
      agentHandle: sandbox.credentials.agentHandle,
      spaceToken: sandbox.credentials.spaceToken,
      context: 'Kill test',
      schedule: { type: 'now' },
    },
  );
  importId = started.id;
  print({ event: 'started', payload: started });
} else {
  // It resumes by itself once the workspace's file is open.
  importId = history[0]!.id;
  print({ event: 'resumed', payload: history[0] });
}
for (;;) {
  await services.importSend.whenIdle();
  const now = await services.importSend.get(importId);
  if (now.state !== 'running') break;
  await new Promise((r) => setTimeout(r, 50));
}
print({ event: 'idle', payload: await services.importSend.get(importId) });
await services.close();
process.exit(0);
