import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, isLoopbackHost, validateBaseUrl } from '../../src-main/shared/base-url.ts';

const ok = (input: string | undefined) => {
  const result = validateBaseUrl(input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted: ${result.message}`);
  return result.baseUrl;
};
const rejected = (input: string) => {
  const result = validateBaseUrl(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected, got ${result.baseUrl}`);
  return result.message;
};

describe('validateBaseUrl', () => {
  it('uses https://unpod.dev when nothing is entered', () => {
    expect(DEFAULT_BASE_URL).toBe('https://unpod.dev');
    expect(ok(undefined)).toBe('https://unpod.dev');
    expect(ok('   ')).toBe('https://unpod.dev');
  });

  it('normalises to the origin', () => {
    expect(ok('https://unpod.dev/')).toBe('https://unpod.dev');
    expect(ok('https://unpod.dev/api/v2/platform/')).toBe('https://unpod.dev');
    expect(ok('  HTTPS://Unpod.AI:443/dashboard?tab=keys#top ')).toBe('https://unpod.ai');
    expect(ok('https://staging.example.com:8443/x')).toBe('https://staging.example.com:8443');
  });

  it('reads an address without a scheme as https', () => {
    expect(ok('unpod.dev')).toBe('https://unpod.dev');
    expect(ok('self-hosted.example.org/api/v2/platform')).toBe('https://self-hosted.example.org');
  });

  it('allows plain http only to this computer', () => {
    expect(ok('http://localhost:8000')).toBe('http://localhost:8000');
    expect(ok('http://127.0.0.1:39999/')).toBe('http://127.0.0.1:39999');
    expect(ok('http://127.12.0.3')).toBe('http://127.12.0.3');
    expect(ok('http://[::1]:8080')).toBe('http://[::1]:8080');
    const message = rejected('http://unpod.dev');
    expect(message).toMatch(/must use https:\/\//);
    expect(message).toContain('https://unpod.dev');
    rejected('http://10.0.0.5:8000');
    rejected('http://128.0.0.1');
    rejected('http://localhost.evil.example');
  });

  it('explains what is wrong with invalid addresses', () => {
    expect(rejected('ftp://unpod.dev')).toMatch(/must start with https:\/\/.*"ftp" is not supported/);
    expect(rejected('https://user:pw@unpod.dev')).toMatch(/user name or password/);
    expect(rejected('https://unpod dev')).toMatch(/spaces/);
    expect(rejected('https://')).toMatch(/not a valid server address/);
    expect(rejected('http://[::1')).toMatch(/not a valid server address/);
    expect(rejected(`https://${'a'.repeat(3000)}.com`)).toMatch(/too long/);
  });
});

describe('isLoopbackHost', () => {
  it('knows the loopback names and nothing else', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'localhost.',
      '127.0.0.1',
      '127.255.255.254',
      '[::1]',
      '[::ffff:7f00:1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '127.0.0.1.nip.io',
      '0.0.0.0',
      '[::]',
      '192.168.1.2',
      'mylocalhost',
      '[::ffff:a00:1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
