// The workspace store's main transitions over a fake transport built from the contract: the
// first state, the page a workspace opens on, slow answers against newer news, quick picker
// changes, failures with a retry, and closing a workspace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../src-renderer/stores/connection.ts';
import { createListStores, type ListStores } from '../../src-renderer/stores/lists.ts';
import { createNavigationStore } from '../../src-renderer/stores/navigation.ts';
import { createWorkspaceStore } from '../../src-renderer/stores/workspace.ts';
import { createFakeApi, type FakeApi } from './support/fake-api.ts';
import { memoryAddress, noWorkspace, organization, space, workspaceState } from './support/view-models.ts';

let fake: FakeApi;
let address: ReturnType<typeof memoryAddress>;
let lists: ListStores;
let deps: Parameters<typeof createWorkspaceStore>[1];

function makeStore(hash = '') {
  address = memoryAddress(hash);
  lists = createListStores(fake.api);
  deps = { connection: createConnectionStore(), lists, navigation: createNavigationStore(address) };
  return createWorkspaceStore(fake.api, deps);
}

beforeEach(() => {
  fake = createFakeApi();
});
afterEach(() => expect(fake.problems).toEqual([]));

describe('workspace store', () => {
  it('starts loading, then shows the state main names and its connection', async () => {
    const workspace = makeStore();
    void workspace.getState().load();
    expect(workspace.getState().status).toBe('loading');
    const state = workspaceState({ connection: { state: 'offline', lastOnlineAt: null } });
    await fake.take('workspace.getState').answer(state);
    expect(workspace.getState().status).toBe('ready');
    expect(workspace.getState().state).toEqual(state);
    expect(deps.connection.getState().connection?.state).toBe('offline');
  });

  it('says it could not start when the first state cannot be read', async () => {
    const workspace = makeStore();
    void workspace.getState().load();
    await fake.take('workspace.getState').fail({ code: 'internal', message: 'Broken' });
    expect(workspace.getState().status).toBe('error');
    expect(workspace.getState().loadError?.message).toBe('Broken');
  });

  it('opens a workspace on the page last used in it, and keeps a page the address names', async () => {
    const workspace = makeStore();
    void workspace.getState().load();
    await fake.take('workspace.getState').answer(workspaceState({ lastPage: 'agents' }));
    expect(deps.navigation.getState().page).toBe('agents');
    expect(address.current).toBe('#/agents');
    expect(fake.pending('workspace.rememberPage')).toEqual([]);

    // A reload of #/spaces stays there, and main learns it is the page now in use.
    const reloaded = makeStore('#/spaces');
    void reloaded.getState().load();
    await fake.take('workspace.getState').answer(workspaceState({ lastPage: 'agents' }));
    expect(deps.navigation.getState().page).toBe('spaces');
    expect(fake.take('workspace.rememberPage').input).toEqual({ page: 'spaces' });
  });

  it('does not let a slow first answer overwrite a newer workspace.changed', async () => {
    const workspace = makeStore();
    void workspace.getState().load();
    const slow = fake.take('workspace.getState');
    fake.autoAnswer('workspace.rememberPage', () => null);
    const newer = workspaceState({ organization: organization('org-b'), space: space('space-b') });
    workspace.getState().apply(newer);
    await slow.answer(workspaceState());
    expect(workspace.getState().state?.organization?.domainHandle).toBe('org-b');
    expect(workspace.getState().status).toBe('ready');
  });

  it('settles on the last of several quick picker changes, whatever order main answers in', async () => {
    const workspace = makeStore();
    workspace.getState().apply(workspaceState());
    void workspace.getState().selectSpace('space-b');
    void workspace.getState().selectSpace('space-c');
    expect(workspace.getState().pendingSpace).toBe('space-c');
    expect(workspace.getState().busy).toBe('space');
    const toB = fake.take('spaces.select', (i) => i.token === 'space-b');
    const toC = fake.take('spaces.select', (i) => i.token === 'space-c');

    await toC.answer(workspaceState({ space: space('space-c') }));
    await toB.answer(workspaceState({ space: space('space-b') }));

    expect(workspace.getState().state?.space?.token).toBe('space-c');
    expect(workspace.getState().pendingSpace).toBeNull();
    expect(workspace.getState().busy).toBeNull();
  });

  it('reports a failed switch with a retry that asks again', async () => {
    const workspace = makeStore();
    workspace.getState().apply(workspaceState());
    void workspace.getState().selectOrganization('org-b');
    await fake.take('organizations.select').fail({ code: 'network', message: 'Unpod cannot be reached.' });
    const failure = workspace.getState().failure;
    expect(failure?.action).toBe('organization');
    expect(workspace.getState().pendingOrganization).toBeNull();

    void failure?.retry();
    expect(workspace.getState().pendingOrganization).toBe('org-b');
    const again = fake.take('organizations.select');
    expect(again.input).toEqual({ domainHandle: 'org-b' });
    await again.answer(workspaceState({ organization: organization('org-b') }));
    expect(workspace.getState().failure).toBeNull();
    expect(workspace.getState().state?.organization?.domainHandle).toBe('org-b');
  });

  it('forgets every list when the workspace closes', async () => {
    const workspace = makeStore();
    workspace.getState().apply(workspaceState());
    void lists.organizations.getState().load('demo:');
    await fake.take('organizations.list').answer([organization('org-a')]);
    expect(lists.organizations.getState().items).toHaveLength(1);

    void workspace.getState().close();
    expect(workspace.getState().busy).toBe('close');
    await fake.take('workspace.close').answer(noWorkspace());

    expect(workspace.getState().state?.kind).toBe('none');
    expect(lists.organizations.getState()).toMatchObject({ key: null, status: 'idle', items: [] });
  });
});
