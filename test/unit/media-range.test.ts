import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerMediaRequest,
  attachmentDisposition,
  parseByteRange,
  toWebResponse,
  type MediaFileRef,
} from '../../src-main/host-shared/media-range.ts';

let dir: string;
let root: string;
const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-range-'));
  root = join(dir, 'cache');
  await mkdir(join(root, 'files'), { recursive: true });
  await writeFile(join(root, 'files', 'a.wav'), content);
  await writeFile(join(dir, 'secret.txt'), 'outside the cache');
  await symlink(join(dir, 'secret.txt'), join(root, 'files', 'link.wav'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ref = (over: Partial<MediaFileRef> = {}): MediaFileRef => ({
  root,
  file: 'files/a.wav',
  contentType: 'audio/wav',
  bytes: content.length,
  ...over,
});

async function bodyOf(answer: Awaited<ReturnType<typeof answerMediaRequest>>): Promise<Buffer> {
  return Buffer.from(await toWebResponse(answer).arrayBuffer());
}

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-2000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
  ])('%s', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it('calls ranges that start past the end, or an empty suffix, unsatisfiable', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=5000-6000', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores headers it does not serve (whole file instead)', () => {
    for (const header of [undefined, 'bytes=-', 'bytes=0-1,5-6', 'items=0-1', 'bytes=9-3', 'bytes=abc'])
      expect(parseByteRange(header, 1000)).toBeNull();
  });
});

describe('answerMediaRequest', () => {
  it('serves the whole file with its length and Accept-Ranges', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: undefined }, ref());
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Length': '1000',
      'Content-Type': 'audio/wav',
    });
    expect((await bodyOf(answer)).equals(content)).toBe(true);
  });

  it('answers a range with 206, Content-Range and the bytes asked for', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: 'bytes=10-19' }, ref());
    expect(answer.status).toBe(206);
    expect(answer.headers['Content-Range']).toBe('bytes 10-19/1000');
    expect(answer.headers['Content-Length']).toBe('10');
    expect((await bodyOf(answer)).equals(content.subarray(10, 20))).toBe(true);
  });

  it('answers an open-ended range (what Chromium sends) to the end of the file', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: 'bytes=900-' }, ref());
    expect(answer.status).toBe(206);
    expect(answer.headers['Content-Range']).toBe('bytes 900-999/1000');
    expect((await bodyOf(answer)).equals(content.subarray(900))).toBe(true);
  });

  it('answers a suffix range with the last bytes', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: 'bytes=-10' }, ref());
    expect(answer.status).toBe(206);
    expect(answer.headers['Content-Range']).toBe('bytes 990-999/1000');
    expect((await bodyOf(answer)).equals(content.subarray(990))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: 'bytes=1000-' }, ref());
    expect(answer.status).toBe(416);
    expect(answer.headers['Content-Range']).toBe('bytes */1000');
    expect(answer.body).toBeNull();
  });

  it('answers HEAD with the headers and no body', async () => {
    const whole = await answerMediaRequest({ method: 'HEAD', range: undefined }, ref());
    expect(whole.status).toBe(200);
    expect(whole.headers['Content-Length']).toBe('1000');
    expect(whole.body).toBeNull();
    const part = await answerMediaRequest({ method: 'HEAD', range: 'bytes=0-9' }, ref());
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 0-9/1000');
    expect(part.body).toBeNull();
  });

  it('gives the recorded audio type, and octet-stream for anything that is not audio', async () => {
    const mp3 = await answerMediaRequest(
      { method: 'HEAD', range: undefined },
      ref({ contentType: 'audio/mpeg' }),
    );
    expect(mp3.headers['Content-Type']).toBe('audio/mpeg');
    const html = await answerMediaRequest(
      { method: 'HEAD', range: undefined },
      ref({ contentType: 'text/html' }),
    );
    expect(html.headers['Content-Type']).toBe('application/octet-stream');
    expect(html.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('refuses other methods', async () => {
    const answer = await answerMediaRequest({ method: 'POST', range: undefined }, ref());
    expect(answer.status).toBe(405);
    expect(answer.headers['Allow']).toBe('GET, HEAD');
  });

  it('refuses paths that leave the cache folder, by .., absolute path or symlink', async () => {
    for (const file of [
      '../secret.txt',
      'files/../../secret.txt',
      join(dir, 'secret.txt'),
      'files/link.wav',
      '',
    ]) {
      const answer = await answerMediaRequest(
        { method: 'GET', range: undefined },
        ref({ file, bytes: 'outside the cache'.length }),
      );
      expect(answer.status, file).toBe(404);
      expect(answer.body).toBeNull();
    }
  });

  it('never serves a file whose size is not the completed size (a partial download)', async () => {
    const answer = await answerMediaRequest({ method: 'GET', range: 'bytes=0-' }, ref({ bytes: 2000 }));
    expect(answer.status).toBe(404);
    expect(answer.text).toMatch(/Not available offline/);
  });

  it('answers 404 when there is no cached file', async () => {
    expect((await answerMediaRequest({ method: 'GET', range: undefined }, null)).status).toBe(404);
    expect(
      (await answerMediaRequest({ method: 'GET', range: undefined }, ref({ file: 'files/none.wav' }))).status,
    ).toBe(404);
  });

  it('makes a download an attachment with a safe file name', async () => {
    const answer = await answerMediaRequest(
      { method: 'GET', range: undefined },
      ref({ downloadName: 'Call "Ana" – 1.wav' }),
    );
    expect(answer.headers['Content-Disposition']).toBe(attachmentDisposition('Call "Ana" – 1.wav'));
    expect(answer.headers['Content-Disposition']).toMatch(
      /^attachment; filename="Call _Ana_ _ 1.wav"; filename\*=UTF-8''/,
    );
  });
});
