// The profiles store's main transitions over a fake transport built from the contract: the
// list, an older list answering last, opening a profile, and a profile that fails to open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type AppStores } from '../../src-renderer/stores/registry.ts';
import { createFakeApi, type FakeApi } from './support/fake-api.ts';
import { memoryAddress, noWorkspace, profile, profileList, workspaceState } from './support/view-models.ts';

let fake: FakeApi;
let stores: AppStores;

beforeEach(() => {
  fake = createFakeApi();
  stores = createStores(fake.api, memoryAddress());
  fake.autoAnswer('workspace.rememberPage', () => null);
  stores.workspace.getState().apply(noWorkspace());
});
afterEach(() => expect(fake.problems).toEqual([]));

describe('profiles store', () => {
  it('loads the saved profiles', async () => {
    void stores.auth.getState().load();
    expect(stores.auth.getState().status).toBe('loading');
    await fake.take('profiles.list').answer(profileList([profile('p1', 'Production')]));
    expect(stores.auth.getState().status).toBe('ready');
    expect(stores.auth.getState().list?.profiles.map((p) => p.name)).toEqual(['Production']);
  });

  it('keeps the newest list when an older request answers last', async () => {
    void stores.auth.getState().load();
    const older = fake.take('profiles.list');
    void stores.auth.getState().load();
    const newer = fake.take('profiles.list', (i) => i !== older.input);
    await newer.answer(profileList([profile('p1'), profile('p2')]));
    await older.answer(profileList([profile('p1')]));
    expect(stores.auth.getState().list?.profiles).toHaveLength(2);
  });

  it('opens a profile: the workspace shows it and the list is read again', async () => {
    const production = profile('p1', 'Production');
    const opened = stores.auth.getState().open(production);
    expect(stores.auth.getState().opening).toBe('p1');
    // A second open while one is under way does nothing.
    const second = stores.auth.getState().open(profile('p2'));
    expect(fake.pending('profiles.switch')).toHaveLength(1);
    expect(await second).toBe(false);

    const state = workspaceState({ kind: 'profile', profileId: 'p1', profileName: 'Production' });
    await fake.take('profiles.switch', (i) => i.id === 'p1').answer(state);
    expect(await opened).toBe(true);
    expect(stores.auth.getState().opening).toBeNull();
    expect(stores.workspace.getState().state?.profileId).toBe('p1');
    await fake.take('profiles.list').answer(profileList([production]));
    expect(stores.auth.getState().list?.lastProfileId).toBe('p1');
  });

  it('says which profile could not be opened, and reads the list again', async () => {
    const opened = stores.auth.getState().open(profile('p1', 'Production'));
    await fake.take('profiles.switch').fail({ code: 'unauthorized', message: 'The token was refused.' });
    expect(await opened).toBe(false);
    expect(stores.auth.getState().failure).toMatchObject({
      title: 'Could not open Production',
      profileId: 'p1',
      error: { code: 'unauthorized' },
    });
    expect(stores.workspace.getState().state?.kind).toBe('none');
    expect(fake.pending('profiles.list')).toHaveLength(1);
  });
});
