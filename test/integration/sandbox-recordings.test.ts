// Recordings over real HTTP: pre-signed URLs, signature checks (403), the WAV itself and Range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { recordingSigningKey, signRecordingUrl } from '../../src-main/sandbox/recordings.ts';

interface TaskJson {
  task_id: string;
  status: string;
  output: { recording_url?: string; duration?: number; transcript?: unknown[] };
}

const SEED = 5;
let sb: Sandbox;
let task: TaskJson;

beforeAll(async () => {
  sb = await startSandbox({ seed: SEED });
  const res = await fetch(
    `${sb.baseUrl}/api/v2/platform/spaces/${sb.credentials.spaceToken}/tasks/?page_size=100&status=Interested`,
    { headers: { Authorization: `Token ${sb.credentials.token}` } },
  );
  const tasks = ((await res.json()) as { data: TaskJson[] }).data;
  // A mono WAV (demo recordings also come as MP3 and with a channel per speaker): the first
  // completed call whose WAV header (the first 44 bytes, by Range) says one channel.
  for (const t of tasks.filter((t) => t.status === 'completed' && t.output.recording_url?.endsWith('.wav'))) {
    task = t;
    const head = await fetch(await signedUrl(), { headers: { Range: 'bytes=0-43' } });
    if (Buffer.from(await head.arrayBuffer()).readUInt16LE(22) === 1) break;
  }
});
afterAll(async () => {
  await sb.close();
});

async function presign(url: string, token: string | null = sb.credentials.token): Promise<Response> {
  const headers: Record<string, string> = token ? { Authorization: `Token ${token}` } : {};
  return fetch(`${sb.baseUrl}/api/v1/media/pre-signed-url/?url=${encodeURIComponent(url)}`, { headers });
}

async function signedUrl(): Promise<string> {
  const body = (await (await presign(task.output.recording_url!)).json()) as { data: { url: string } };
  return body.data.url;
}

/** Reads a canonical 44-byte PCM WAV header. */
function readWav(buf: Buffer): {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  seconds: number;
} {
  expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
  expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
  expect(buf.toString('ascii', 8, 12)).toBe('WAVE');
  expect(buf.toString('ascii', 12, 16)).toBe('fmt ');
  expect(buf.toString('ascii', 36, 40)).toBe('data');
  const dataBytes = buf.readUInt32LE(40);
  expect(dataBytes).toBe(buf.length - 44);
  const rate = buf.readUInt32LE(24);
  const channels = buf.readUInt16LE(22);
  const bits = buf.readUInt16LE(34);
  return {
    format: buf.readUInt16LE(20),
    channels,
    rate,
    bits,
    seconds: dataBytes / (rate * channels * (bits / 8)),
  };
}

describe('pre-signed URL endpoint', () => {
  it('returns a signed URL for a recording in the platform envelope', async () => {
    const res = await presign(task.output.recording_url!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status_code: number; message: string; data: { url: string } };
    expect(body.status_code).toBe(200);
    expect(body.message).toBeTruthy();
    const url = new URL(body.data.url);
    expect(url.origin).toBe(sb.baseUrl);
    expect(url.pathname).toBe(`/media/private/recordings/${task.task_id}.wav`);
    expect(Number(url.searchParams.get('expires'))).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('needs the token', async () => {
    expect((await presign(task.output.recording_url!, null)).status).toBe(401);
    expect((await presign(task.output.recording_url!, sb.credentials.expiredToken)).status).toBe(403);
  });

  it('refuses a URL that is not private media (206) and a missing url (400)', async () => {
    const other = await presign('https://example.com/some/file.wav');
    expect(other.status).toBe(206);
    const missing = await fetch(`${sb.baseUrl}/api/v1/media/pre-signed-url/`, {
      headers: { Authorization: `Token ${sb.credentials.token}` },
    });
    expect(missing.status).toBe(400);
  });
});

describe('recording files', () => {
  it('answers 403 to the raw URL, unsigned', async () => {
    const res = await fetch(task.output.recording_url!);
    expect(res.status).toBe(403);
  });

  it('answers 403 to a tampered or expired signature', async () => {
    const url = new URL(await signedUrl());
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 60));
    expect((await fetch(tampered)).status).toBe(403);

    const key = recordingSigningKey(SEED);
    const expired = signRecordingUrl(sb.baseUrl, url.pathname, key, Math.floor(Date.now() / 1000) - 5);
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('expired');

    // The same signing, unexpired, works: so the 403 above was the expiry.
    const fresh = signRecordingUrl(sb.baseUrl, url.pathname, key, Math.floor(Date.now() / 1000) + 60);
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('serves a valid 8 kHz mono 16-bit WAV as long as the call', async () => {
    const res = await fetch(await signedUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(buf.length);
    const wav = readWav(buf);
    expect(wav).toMatchObject({ format: 1, channels: 1, rate: 8000, bits: 16 });
    expect(Math.abs(wav.seconds - task.output.duration!)).toBeLessThan(0.001);
    // Not silence: someone is speaking somewhere.
    let peak = 0;
    for (let i = 44; i < buf.length; i += 2) peak = Math.max(peak, Math.abs(buf.readInt16LE(i)));
    expect(peak).toBeGreaterThan(3000);
  });

  it('serves the same bytes every time', async () => {
    const url = await signedUrl();
    const a = Buffer.from(await (await fetch(url)).arrayBuffer());
    const b = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(a.equals(b)).toBe(true);
  });

  it('supports Range requests (206) and refuses unsatisfiable ones (416)', async () => {
    const url = await signedUrl();
    const full = Buffer.from(await (await fetch(url)).arrayBuffer());

    const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${full.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(full.subarray(100, 200))).toBe(true);

    const open = await fetch(url, { headers: { Range: `bytes=${full.length - 10}-` } });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(full.subarray(full.length - 10))).toBe(true);

    const suffix = await fetch(url, { headers: { Range: 'bytes=-44' } });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(full.subarray(full.length - 44))).toBe(true);

    const beyond = await fetch(url, { headers: { Range: `bytes=${full.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${full.length}`);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await fetch(await signedUrl(), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(44);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 for a signed URL of a task without a recording', async () => {
    const key = recordingSigningKey(SEED);
    const url = signRecordingUrl(
      sb.baseUrl,
      '/media/private/recordings/Tnothere.wav',
      key,
      Date.now() / 1000 + 60,
    );
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('recording lengths and formats', () => {
  it('has calls from seconds to about 30 minutes, in WAV and MP3', async () => {
    const tasks: TaskJson[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await fetch(
        `${sb.baseUrl}/api/v2/platform/spaces/${sb.credentials.spaceToken}/tasks/?page_size=100&page=${page}`,
        { headers: { Authorization: `Token ${sb.credentials.token}` } },
      );
      tasks.push(...((await res.json()) as { data: TaskJson[] }).data);
    }
    const recorded = tasks.filter((t) => t.output.recording_url);
    const durations = recorded.map((t) => t.output.duration!);
    expect(Math.min(...durations)).toBeLessThan(30);
    expect(Math.max(...durations)).toBeGreaterThan(25 * 60);
    expect(Math.max(...durations)).toBeLessThan(35 * 60);
    expect(recorded.filter((t) => t.output.duration! > 5 * 60).length).toBeGreaterThanOrEqual(2);
    expect(recorded.some((t) => t.output.recording_url!.endsWith('.mp3'))).toBe(true);
    // MP3 only for short calls (the sandbox encodes them on request).
    for (const t of recorded.filter((t) => t.output.recording_url!.endsWith('.mp3')))
      expect(t.output.duration).toBeLessThanOrEqual(60);
  });
});
