import { describe, expect, it } from 'vitest';
import type { SyncStatus, WorkspaceState } from '../../src-main/ipc/contract.ts';
import { channelNames } from '../../src-main/ipc/api.ts';
import { AppError, INTERNAL_MESSAGE } from '../../src-main/ipc/errors.ts';
import {
  createRouter,
  logRouterProblems,
  UndeclaredErrorCode,
  type Handlers,
} from '../../src-main/ipc/router.ts';
import { createLogger } from '../../src-main/log/index.ts';
import { UnpodError } from '../../src-main/unpod/errors.ts';

const state: WorkspaceState = {
  kind: 'demo',
  profileId: null,
  profileName: null,
  organization: { name: 'Acme', domainHandle: 'acme', role: 'admin' },
  space: null,
  connection: { state: 'online', lastOnlineAt: '2026-01-01T00:00:00.000Z' },
  lastPage: null,
  agentNames: [],
};

const syncStatus: SyncStatus = {
  scope: { kind: 'space', spaceToken: 'S1' },
  phase: 'idle',
  mode: null,
  fetched: 0,
  total: 0,
  pagesDone: 0,
  pagesTotal: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  startedAt: null,
  finishedAt: null,
  error: null,
  lastSyncedAt: null,
};

/** The lead import's channels, answering one finished import. */
function importHandlers(record: <T>(channel: string, value: T) => (input: unknown) => T) {
  const summary = {
    id: 'i1',
    kind: 'file' as const,
    spaceToken: 's1',
    agentHandle: 'a1',
    context: 'Follow up',
    schedule: { type: 'now' as const },
    sourceName: 'leads.csv',
    createdAt: 0,
    startedAt: 0,
    finishedAt: 1,
    state: 'finished' as const,
    message: null,
    counts: {
      total: 1,
      planned: 0,
      sending: 0,
      created: 1,
      rejected: 0,
      unknown: 0,
      notCreated: 0,
      skipped: 0,
      undecided: 0,
    },
  };
  return {
    'imports.start': record('imports.start', summary),
    'imports.pause': record('imports.pause', summary),
    'imports.resume': record('imports.resume', summary),
    'imports.cancel': record('imports.cancel', summary),
    'imports.list': record('imports.list', [summary]),
    'imports.get': record('imports.get', summary),
    'imports.rows': record('imports.rows', { rows: [], total: 0 }),
    'imports.retryFailed': record('imports.retryFailed', summary),
    'imports.resolve': record('imports.resolve', summary),
    'calls.create': record('calls.create', summary),
  };
}

/** Handlers that answer correctly and record what they were called with. */
function fakeHandlers(overrides: Partial<Handlers> = {}) {
  const calls: { channel: string; input: unknown }[] = [];
  const record =
    <T>(channel: string, value: T) =>
    (input: unknown) => {
      calls.push({ channel, input });
      return value;
    };
  const handlers: Handlers = {
    'app.getInfo': record('app.getInfo', { version: '1.2.3', host: 'web' as const }),
    'workspace.getState': record('workspace.getState', state),
    'workspace.openDemo': record('workspace.openDemo', state),
    'workspace.close': record('workspace.close', state),
    'workspace.rememberPage': record('workspace.rememberPage', null),
    'organizations.list': record('organizations.list', [state.organization!]),
    'organizations.select': record('organizations.select', state),
    'spaces.list': record('spaces.list', []),
    'spaces.select': record('spaces.select', state),
    'agents.list': record('agents.list', []),
    'auth.probeKeychain': record('auth.probeKeychain', { available: true, reason: null, hint: null }),
    'auth.beginSignIn': record('auth.beginSignIn', {
      pendingId: 'p1',
      baseUrl: 'https://unpod.dev',
      tokenHint: '…a1b2',
      storage: 'keychain' as const,
      organizations: [state.organization!],
      expiresAt: '2026-01-01T00:15:00.000Z',
    }),
    'auth.completeSignIn': record('auth.completeSignIn', state),
    'auth.cancelSignIn': record('auth.cancelSignIn', null),
    'profiles.list': record('profiles.list', {
      profiles: [],
      lastProfileId: null,
      fileProblem: null,
      keychainProblem: null,
      restoreProblem: null,
    }),
    'profiles.switch': record('profiles.switch', state),
    'profiles.replaceToken': record('profiles.replaceToken', {
      id: 'p1',
      name: 'Acme',
      baseUrl: 'https://unpod.dev',
      orgHandle: 'acme',
      orgName: 'Acme',
      tokenHint: '…a1b2',
      hasToken: true,
      storage: 'keychain' as const,
      lastUsedAt: null,
    }),
    'profiles.signOut': record('profiles.signOut', {
      tokenRemoved: true,
      cachedDataDeleted: false,
      profileForgotten: false,
      workspace: state,
    }),
    'tasks.query': record('tasks.query', {
      rows: [],
      total: 0,
      offset: 0,
      facets: null,
      lastSyncedAt: null,
      sync: syncStatus,
      notice: null,
      search: 'none' as const,
    }),
    'tasks.get': record('tasks.get', { status: 'invalid' as const, id: 't1', problem: 'damaged' }),
    'tasks.overview': record('tasks.overview', {
      total: 0,
      byStatus: [],
      byLabel: [],
      byOutcomeStatus: [],
      perDay: [],
      placed: 0,
      connected: 0,
      connectRate: null,
      totalDurationSeconds: 0,
      averageDurationSeconds: null,
      totalCost: 0,
      lastSyncedAt: null,
    }),
    'tasks.exportCsv': record('tasks.exportCsv', { filename: 'tasks.csv', csv: '', rows: 0 }),
    'imports.stagePath': record('imports.stagePath', {
      sourceId: '00000000-0000-4000-8000-000000000000',
      name: 'leads.csv',
      size: 1,
    }),
    'imports.preview': () => Promise.reject(new Error('not used here')),
    'imports.exportProblems': record('imports.exportProblems', {
      rows: 0,
      fileName: 'leads - rows with problems.csv',
      savedTo: null,
      downloadUrl: null,
    }),
    'imports.release': record('imports.release', null),
    'sync.start': record('sync.start', syncStatus),
    'sync.cancel': record('sync.cancel', syncStatus),
    'sync.status': record('sync.status', syncStatus),
    'preferences.get': record('preferences.get', { taskColumnWidths: {} }),
    'preferences.set': record('preferences.set', { taskColumnWidths: {} }),
    ...importHandlers(record),
    ...overrides,
  };
  return { handlers, calls };
}

describe('router', () => {
  it('calls the handler with the parsed input and wraps its result', async () => {
    const { handlers, calls } = fakeHandlers();
    const router = createRouter(handlers);
    const result = await router.dispatch('organizations.select', { domainHandle: 'acme' });
    expect(result).toEqual({ ok: true, data: state });
    expect(calls).toEqual([{ channel: 'organizations.select', input: { domainHandle: 'acme' } }]);
  });

  it('treats a missing payload as an empty one for channels without input', async () => {
    const router = createRouter(fakeHandlers().handlers);
    expect(await router.dispatch('app.getInfo', undefined)).toEqual({
      ok: true,
      data: { version: '1.2.3', host: 'web' },
    });
  });

  it('rejects an unknown channel, including names inherited from Object.prototype', async () => {
    const router = createRouter(fakeHandlers().handlers);
    for (const name of ['tasks.deleteEverything', 'constructor', '__proto__', 'toString', '']) {
      const result = await router.dispatch(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown_channel');
    }
  });

  // Every channel, not only the ones listed above: a payload that is not even an object, and
  // one with a field no channel declares (the input schemas are strict), never reach a handler.
  it.each(channelNames)('%s refuses malformed payloads with invalid_input', async (channel) => {
    const { handlers, calls } = fakeHandlers();
    const router = createRouter(handlers);
    for (const input of ['not an object', 42, [], { unexpectedField: true }]) {
      const result = await router.dispatch(channel, input);
      expect(result.ok, `${channel} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(calls).toEqual([]);
  });

  it.each([
    ['organizations.select', {}, 'domainHandle'],
    ['organizations.select', { domainHandle: 42 }, 'domainHandle'],
    ['organizations.select', { domainHandle: '' }, 'domainHandle'],
    ['organizations.select', { domainHandle: 'x'.repeat(201) }, 'domainHandle'],
    ['spaces.select', { token: null }, 'token'],
    ['spaces.select', {}, 'token'],
  ])(
    '%s with %j is invalid_input naming %s, and the handler is not called',
    async (channel, input, field) => {
      const { handlers, calls } = fakeHandlers();
      const result = await createRouter(handlers).dispatch(channel, input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(channel);
      expect(result.error.message).toContain(`${field}:`);
      expect(result.error.details).toEqual([expect.objectContaining({ path: [field] })]);
      expect(calls).toEqual([]);
    },
  );

  it.each([
    'app.getInfo',
    'workspace.getState',
    'workspace.openDemo',
    'workspace.close',
    'organizations.list',
    'spaces.list',
    'agents.list',
  ])('%s refuses unexpected fields and non-object payloads', async (channel) => {
    const router = createRouter(fakeHandlers().handlers);
    const extra = await router.dispatch(channel, { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!extra.ok) expect(extra.error.message).toContain('sneaky');
    for (const payload of ['text', 7, null, []]) {
      expect(await router.dispatch(channel, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('refuses extra fields next to valid ones (strict input)', async () => {
    const result = await createRouter(fakeHandlers().handlers).dispatch('spaces.select', {
      token: 't',
      orgToken: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('maps an UnpodError to its contract code with its plain-language message', async () => {
    const err = new UnpodError('server', 'Unpod had a server error (503) while loading the agent list.', {
      status: 503,
    });
    const { handlers } = fakeHandlers({
      'agents.list': () => {
        throw err;
      },
    });
    const result = await createRouter(handlers).dispatch('agents.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'server', message: err.message } });
  });

  it('keeps plain details and the retry delay of a rate limit', async () => {
    const { handlers } = fakeHandlers({
      'spaces.list': async () => {
        throw new UnpodError('rate_limited', 'Slow down.', { status: 429, retryAfterMs: 2000 });
      },
      'organizations.list': async () => {
        throw new UnpodError('business', 'Invalid Space Token.', {
          details: { message: 'Invalid Space Token' },
        });
      },
    });
    const router = createRouter(handlers);
    expect(await router.dispatch('spaces.list', {})).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow down.', details: { retryAfterMs: 2000 } },
    });
    expect(await router.dispatch('organizations.list', {})).toEqual({
      ok: false,
      error: {
        code: 'business',
        message: 'Invalid Space Token.',
        details: { message: 'Invalid Space Token' },
      },
    });
  });

  it('passes AppError codes through (e.g. not_signed_in)', async () => {
    const { handlers } = fakeHandlers({
      'spaces.list': () => {
        throw new AppError('not_signed_in', 'No workspace is open.');
      },
    });
    expect(await createRouter(handlers).dispatch('spaces.list', {})).toEqual({
      ok: false,
      error: { code: 'not_signed_in', message: 'No workspace is open.' },
    });
  });

  it('turns any other thrown value into a generic internal error and reports it', async () => {
    const reported: { channel: string; error: unknown }[] = [];
    const boom = new TypeError("Cannot read properties of undefined (reading 'token') at /home/me/app.ts:12");
    const { handlers } = fakeHandlers({
      'agents.list': () => {
        throw boom;
      },
      'spaces.list': () => Promise.reject('a string'),
    });
    const router = createRouter(handlers, {
      onUnexpectedError: (channel, error) => reported.push({ channel, error }),
    });
    const result = await router.dispatch('agents.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(result)).not.toContain('/home/me');
    expect(await router.dispatch('spaces.list', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(reported).toEqual([
      { channel: 'agents.list', error: boom },
      { channel: 'spaces.list', error: 'a string' },
    ]);
  });

  it('does not break when the error reporter itself throws', async () => {
    const { handlers } = fakeHandlers({
      'agents.list': () => {
        throw new Error('bug');
      },
    });
    const router = createRouter(handlers, {
      onUnexpectedError: () => {
        throw new Error('logger down');
      },
    });
    await expect(router.dispatch('agents.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  describe("error codes outside the channel's contract entry", () => {
    it('are reported (development and tests), and the caller still gets the error', async () => {
      const reported: { channel: string; error: unknown }[] = [];
      const { handlers } = fakeHandlers({
        'workspace.getState': () => {
          throw new AppError('not_found', 'Nothing here.');
        },
        'tasks.query': () => {
          throw new UnpodError('server', 'Unpod had a server error.', { status: 503 });
        },
      });
      const router = createRouter(handlers, {
        onUnexpectedError: (channel, error) => reported.push({ channel, error }),
      });
      expect(await router.dispatch('workspace.getState', {})).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'Nothing here.' },
      });
      expect(
        await router.dispatch('tasks.query', { scope: { kind: 'space', spaceToken: 'S1' } }),
      ).toMatchObject({ ok: false, error: { code: 'server' } });
      expect(reported).toHaveLength(2);
      expect(reported[0]!.channel).toBe('workspace.getState');
      expect(reported[0]!.error).toBeInstanceOf(UndeclaredErrorCode);
      expect(String(reported[0]!.error)).toContain(
        'workspace.getState failed with "not_found", which its contract entry does not list',
      );
      expect(String(reported[1]!.error)).toContain('tasks.query failed with "server"');
    });

    it('are not reported for declared codes, nor for invalid_input and internal, which any channel can return', async () => {
      const reported: unknown[] = [];
      const { handlers } = fakeHandlers({
        'agents.list': () => {
          throw new UnpodError('server', 'Unpod had a server error.', { status: 503 });
        },
        'spaces.list': () => {
          throw new AppError('no_organization', 'Choose an organization first.');
        },
        'workspace.getState': () => {
          throw new Error('a bug');
        },
      });
      const router = createRouter(handlers, { onUnexpectedError: (_c, e) => reported.push(e) });
      expect(await router.dispatch('agents.list', {})).toMatchObject({ error: { code: 'server' } });
      expect(await router.dispatch('spaces.list', {})).toMatchObject({ error: { code: 'no_organization' } });
      expect(await router.dispatch('spaces.select', {})).toMatchObject({ error: { code: 'invalid_input' } });
      expect(await router.dispatch('workspace.getState', {})).toMatchObject({ error: { code: 'internal' } });
      // Only the bug is reported, as before: not as an undeclared code.
      expect(reported).toHaveLength(1);
      expect(reported[0]).not.toBeInstanceOf(UndeclaredErrorCode);
    });

    it("are logged by the hosts as a warning, a handler's bug as an error", () => {
      const lines: string[] = [];
      const log = logRouterProblems(
        createLogger({ level: 'debug', stderr: false, sink: (line) => lines.push(line) }),
      );
      log('workspace.getState', new UndeclaredErrorCode('workspace.getState', 'not_found'));
      log('agents.list', new TypeError('a bug'));
      const records = lines.map(
        (line) => JSON.parse(line) as { level: string; msg: string; channel: string },
      );
      expect(records).toMatchObject([
        {
          level: 'warn',
          msg: 'an IPC error code is missing from its contract entry',
          channel: 'workspace.getState',
        },
        { level: 'error', msg: 'IPC handler failed unexpectedly', channel: 'agents.list' },
      ]);
    });

    it('are not checked in a packaged app', async () => {
      const reported: unknown[] = [];
      const { handlers } = fakeHandlers({
        'workspace.getState': () => {
          throw new AppError('not_found', 'Nothing here.');
        },
      });
      const router = createRouter(handlers, {
        checkErrorCodes: false,
        onUnexpectedError: (_c, e) => reported.push(e),
      });
      expect(await router.dispatch('workspace.getState', {})).toMatchObject({ error: { code: 'not_found' } });
      expect(reported).toEqual([]);
    });
  });

  describe('output validation', () => {
    const leaky = {
      handle: 'sales-bot',
      name: 'Sales',
      type: 'Voice',
      state: 'published',
      description: '',
      purpose: '',
      api_token: 'secret-token',
    };

    it('refuses output that breaks the contract, as internal', async () => {
      const reported: unknown[] = [];
      const { handlers } = fakeHandlers({
        'workspace.getState': () => ({ ...state, kind: 'mystery' }) as unknown as WorkspaceState,
      });
      const router = createRouter(handlers, {
        validateOutput: true,
        onUnexpectedError: (_c, e) => reported.push(e),
      });
      expect(await router.dispatch('workspace.getState', {})).toEqual({
        ok: false,
        error: { code: 'internal', message: INTERNAL_MESSAGE },
      });
      expect(String(reported[0])).toContain('kind');
    });

    it('drops fields the contract does not list, so nothing extra reaches the renderer', async () => {
      const { handlers } = fakeHandlers({ 'agents.list': () => [leaky] });
      const result = await createRouter(handlers, { validateOutput: true }).dispatch('agents.list', {});
      const { api_token: _dropped, ...agent } = leaky;
      expect(result).toEqual({ ok: true, data: [agent] });
      expect(JSON.stringify(result)).not.toContain('secret-token');
    });

    it('is skipped when not asked for', async () => {
      const { handlers } = fakeHandlers({
        'workspace.getState': () => ({ ...state, kind: 'mystery' }) as unknown as WorkspaceState,
      });
      const result = await createRouter(handlers).dispatch('workspace.getState', {});
      expect(result).toMatchObject({ ok: true, data: { kind: 'mystery' } });
    });
  });
});
