import { describe, expect, it } from 'vitest';
import { buildApi, channelNames, eventNames, isKnownChannel, isKnownEvent } from '../../src-main/ipc/api.ts';
import { channels, events, type IpcResult } from '../../src-main/ipc/contract.ts';

describe('contract', () => {
  it('the zod-free name lists match the contract exactly', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(channels).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('every channel is "area.method"', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('name checks do not accept inherited property names', () => {
    expect(isKnownChannel('toString')).toBe(false);
    expect(isKnownChannel('__proto__')).toBe(false);
    expect(isKnownEvent('constructor')).toBe(false);
    expect(isKnownChannel('agents.list')).toBe(true);
    expect(isKnownEvent('workspace.changed')).toBe(true);
  });

  it('buildApi exposes exactly the contract methods plus on(), each calling the transport', async () => {
    const calls: [string, unknown][] = [];
    const api = buildApi(
      async (channel, input): Promise<IpcResult<unknown>> => {
        calls.push([channel, input]);
        return { ok: true, data: channel };
      },
      () => () => {},
    );
    const methods = Object.entries(api).flatMap(([area, value]) =>
      typeof value === 'function' ? [area] : Object.keys(value as object).map((m) => `${area}.${m}`),
    );
    expect(methods.sort()).toEqual([...Object.keys(channels), 'on'].sort());

    expect(await api.spaces.select({ token: 'abc' })).toEqual({ ok: true, data: 'spaces.select' });
    await api.agents.list();
    expect(calls).toEqual([
      ['spaces.select', { token: 'abc' }],
      ['agents.list', {}],
    ]);
  });

  it('on() hands subscriptions to the transport and returns its unsubscribe', () => {
    const subscribed: string[] = [];
    let unsubscribed = 0;
    const api = buildApi(
      async () => ({ ok: true, data: null }),
      (event) => {
        subscribed.push(event);
        return () => unsubscribed++;
      },
    );
    const off = api.on('connection.changed', () => {});
    expect(subscribed).toEqual(['connection.changed']);
    off();
    expect(unsubscribed).toBe(1);
  });
});
