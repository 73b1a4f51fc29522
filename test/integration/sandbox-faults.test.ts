// Fault injection over real HTTP: every fault kind, rule matching and spending, and the CLI
// spec syntax.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';

const API = '/api/v2/platform';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: 2, speed: 1000 });
});
afterEach(() => {
  sb.faults.clear();
});
afterAll(async () => {
  await sb.close();
});

const headers = (): Record<string, string> => ({
  Authorization: `Token ${sb.credentials.token}`,
  'Org-Handle': sb.credentials.orgHandle,
  'Content-Type': 'application/json',
});
const get = (path: string): Promise<Response> => fetch(`${sb.baseUrl}${API}${path}`, { headers: headers() });
const createBody = (name: string): string =>
  JSON.stringify({
    pilot: sb.credentials.agentHandle,
    documents: [{ name, contact_number: '+919800000001' }],
    context: 'Fault test',
    schedule: { type: 'auto' },
  });
const postCreate = (name: string): Promise<Response> =>
  fetch(`${sb.baseUrl}${API}/spaces/${sb.credentials.spaceToken}/tasks/`, {
    method: 'POST',
    headers: headers(),
    body: createBody(name),
  });
async function countNamed(name: string): Promise<number> {
  const res = await get(`/spaces/${sb.credentials.spaceToken}/tasks/?search=${encodeURIComponent(name)}`);
  return ((await res.json()) as { count: number }).count;
}

describe('fault kinds', () => {
  it('server_error answers a JSON 5xx, then is spent', async () => {
    sb.faults.add({ kind: 'server_error', status: 503, times: 1 });
    const res = await get('/organizations/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'Service Unavailable', status_code: 503 });
    expect((await get('/organizations/')).status).toBe(200);
  });

  it('server_error defaults to 500', async () => {
    sb.faults.add({ kind: 'server_error', times: 1 });
    expect((await get('/organizations/')).status).toBe(500);
  });

  it('html_502 answers an HTML 502 page', async () => {
    sb.faults.add({ kind: 'html_502', times: 1 });
    const res = await get('/organizations/');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('rate_limit answers 429 with Retry-After in seconds', async () => {
    sb.faults.add({ kind: 'rate_limit', retryAfterSeconds: 3, times: 1 });
    const res = await get('/organizations/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(((await res.json()) as { status_code: number }).status_code).toBe(429);
  });

  it('latency delays the answer, which is then normal', async () => {
    // A long injected delay, so "the next request is not delayed" holds on a busy machine too.
    sb.faults.add({ kind: 'latency', latencyMs: 1500, times: 1 });
    const started = performance.now();
    const res = await get('/organizations/');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1490);
    expect(res.status).toBe(200);
    const after = performance.now();
    await get('/organizations/');
    expect(performance.now() - after).toBeLessThan(1000);
  });

  it('reset destroys the connection and does nothing', async () => {
    sb.faults.add({ kind: 'reset', times: 2 });
    await expect(get('/organizations/')).rejects.toThrow();
    await expect(postCreate('Reset Person')).rejects.toThrow();
    expect(await countNamed('Reset Person')).toBe(0);
  });

  it('malformed_json answers 200 application/json with a truncated body', async () => {
    sb.faults.add({ kind: 'malformed_json', times: 1 });
    const res = await get(`/spaces/${sb.credentials.spaceToken}/tasks/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('lost_response creates the task, then drops the connection', async () => {
    sb.faults.add({ kind: 'lost_response', times: 1 });
    // GETs do not spend it.
    expect((await get('/organizations/')).status).toBe(200);
    await expect(postCreate('Lost Response Person')).rejects.toThrow();
    expect(await countNamed('Lost Response Person')).toBe(1);
    // Spent: the next creation answers.
    expect((await postCreate('Answered Person')).status).toBe(200);
  });
});

describe('rule matching', () => {
  it('matches on method and path substring', async () => {
    sb.faults.add({ kind: 'server_error', method: 'GET', path: '/agents/' });
    expect((await get('/organizations/')).status).toBe(200);
    expect((await get('/agents/')).status).toBe(500);
    expect((await get(`/agents/${sb.credentials.agentHandle}/tasks/`)).status).toBe(500);
    expect((await postCreate('Method Filter Person')).status).toBe(200);
  });

  it('hits `times` requests, then is spent; without times it never is', async () => {
    sb.faults.add({ kind: 'server_error', status: 504, times: 2 });
    expect((await get('/organizations/')).status).toBe(504);
    expect((await get('/organizations/')).status).toBe(504);
    expect((await get('/organizations/')).status).toBe(200);
    sb.faults.add({ kind: 'rate_limit' });
    for (let i = 0; i < 4; i++) expect((await get('/organizations/')).status).toBe(429);
    sb.faults.clear();
    expect((await get('/organizations/')).status).toBe(200);
  });

  it('combines latency with a failure', async () => {
    sb.faults.add({ kind: 'latency', latencyMs: 200, times: 1 });
    sb.faults.add({ kind: 'server_error', status: 502, times: 1 });
    const started = performance.now();
    const res = await get('/organizations/');
    expect(res.status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('also covers recording files', async () => {
    sb.faults.add({ kind: 'server_error', path: '/media/', times: 1 });
    const res = await fetch(`${sb.baseUrl}/media/private/recordings/Tx.wav`);
    expect(res.status).toBe(500);
  });

  it('refuses invalid rules', () => {
    expect(() => sb.faults.add({ kind: 'server_error', status: 200 })).toThrow(/status/);
    expect(() => sb.faults.add({ kind: 'latency', latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => sb.faults.add({ kind: 'rate_limit', times: 0 })).toThrow(/times/);
  });

  it('takes rules as a spec string at start', async () => {
    const s = await startSandbox({ faults: 'rate_limit:7@GET~/organizations/*1' });
    try {
      const h = { Authorization: `Token ${s.credentials.token}` };
      const first = await fetch(`${s.baseUrl}${API}/organizations/`, { headers: h });
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('7');
      expect((await fetch(`${s.baseUrl}${API}/organizations/`, { headers: h })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('fault spec syntax', () => {
  it('reads kind[:param][@METHOD][~path][*times], comma separated', () => {
    expect(parseFaultSpec('server_error:503@GET*2, rate_limit:1*1,latency:200,lost_response@POST*1')).toEqual(
      [
        { kind: 'server_error', status: 503, method: 'GET', times: 2 },
        { kind: 'rate_limit', retryAfterSeconds: 1, times: 1 },
        { kind: 'latency', latencyMs: 200 },
        { kind: 'lost_response', method: 'POST', times: 1 },
      ],
    );
    expect(parseFaultSpec('reset~/tasks/*3,html_502@get,malformed_json')).toEqual([
      { kind: 'reset', path: '/tasks/', times: 3 },
      { kind: 'html_502', method: 'GET' },
      { kind: 'malformed_json' },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
  });

  it.each([
    ['explode', /unknown kind "explode"/],
    ['server_error:abc', /not a whole number/],
    ['server_error:200', /status/],
    ['reset:5', /reset takes no parameter/],
    ['latency@PUT', /method "PUT" is not GET or POST/],
    ['rate_limit*0', /times "0"/],
    ['server_error*two', /times "two"/],
  ])('explains what is wrong with %s', (spec, why) => {
    expect(() => parseFaultSpec(spec)).toThrow(why);
    expect(() => parseFaultSpec(spec)).toThrow(/Invalid fault/);
  });
});
