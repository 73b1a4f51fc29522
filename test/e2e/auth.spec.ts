// Signing in with an Unpod API token, end to end: Chromium against the web host, which talks to
// the sandbox (a separate `npm run sandbox` process) over HTTP and keeps tokens in the real
// Secret Service (run inside test/support/with-keyring.sh, as npm test does).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import {
  browserStorageDump,
  expect,
  mainOrganizationName,
  organizationRadio,
  readProfilesFile,
  signIn,
  submitSignIn,
  test,
} from './fixtures-auth.ts';

const welcome = { level: 1, name: 'Welcome to Unpod Desk' } as const;

test('signs in with the sandbox token: validates, offers the organizations, opens the profile, and leaves no token in the browser', async ({
  page,
  launch,
  sandbox,
  dataDir,
}) => {
  await launch();
  await expect(page.getByRole('heading', welcome)).toBeVisible();
  await page.getByRole('button', { name: 'Sign in with an API token' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sign in with an API token' })).toBeFocused();

  // The address is checked inline: plain http only for this computer.
  const address = page.getByLabel('Unpod server address');
  await expect(address).toHaveValue('https://unpod.dev');
  await address.fill('http://unpod.example.com');
  await address.blur();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/must use https:\/\//);
  await expectAccessible(page, 'the sign-in form with an address refused');

  // Submitting without a token says so under the field and moves focus there.
  await address.fill(sandbox.baseUrl);
  await expect(address).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const tokenField = page.getByLabel('API token', { exact: true });
  await expect(tokenField).toBeFocused();
  await expect(tokenField).toHaveAccessibleDescription(/Paste the API token/);
  await expect(tokenField).toHaveAttribute('type', 'password');

  // The keychain works here (a real Secret Service), so no storage choice is offered.
  await expect(page.getByLabel('Keep the token for this session only')).toHaveCount(0);

  await submitSignIn(page, { baseUrl: sandbox.baseUrl, token: sandbox.token, profileName: 'Production' });
  const group = page.getByRole('group', { name: 'Organization' });
  await expect(page.getByRole('heading', { name: 'Choose the organization' })).toBeFocused();
  await expect(
    page.getByText(`The token ending in …${sandbox.token.slice(-4)} works on ${sandbox.baseUrl}`),
  ).toBeVisible();
  await expect(group.getByRole('radio')).toHaveCount(2);
  await expectAccessible(page, 'choosing the organization');
  // The token is no longer in the page once main holds it.
  expect(await browserStorageDump(page)).not.toContain(sandbox.token);

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Choose the organization for this profile.')).toBeVisible();
  await organizationRadio(group, await mainOrganizationName(sandbox)).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('button', { name: 'Profile: Production' })).toBeVisible();
  // A new profile opens on the supervisor's page.
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Online/);
  await expect(page.getByRole('note', { name: 'About the demo workspace' })).toHaveCount(0);

  const saved = await readProfilesFile(dataDir);
  expect(saved.profiles.map((p) => [p.name, p.orgHandle])).toEqual([['Production', sandbox.orgHandle]]);
  expect(saved.lastProfileId).toBe(saved.profiles[0]!.id);

  // Browse a little, then look everywhere the browser keeps things.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spaces' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spaces' })).toBeVisible();
  await expectAccessible(page, 'the Spaces page of a signed-in profile');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: /^Production/ });
  await expect(card).toContainText(`token ending in …${sandbox.token.slice(-4)} in the system keychain`);
  await expectAccessible(page, 'the Settings page of a signed-in profile');
  const dump = await browserStorageDump(page);
  expect(dump).not.toContain(sandbox.token);
  expect(dump).toContain('…' + sandbox.token.slice(-4)); // the hint is all the page knows
});

test('a wrong token shows the 401 message and keeps the user on the form', async ({
  page,
  launch,
  sandbox,
}) => {
  await launch();
  await submitSignIn(page, { baseUrl: sandbox.baseUrl, token: 'f'.repeat(40) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The API token was rejected');
  await expect(alert).toContainText(`${sandbox.baseUrl} rejected this API token (401)`);
  const tokenField = page.getByLabel('API token', { exact: true });
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenField).toBeFocused();
  await expect(page.getByRole('heading', welcome)).toBeVisible();
});

test('an expired token shows the 403 message', async ({ page, launch, sandbox }) => {
  await launch();
  await submitSignIn(page, { baseUrl: sandbox.baseUrl, token: sandbox.expiredToken });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The API token has expired');
  await expect(alert).toContainText('This API token has expired (403)');
});

test('an address where no Unpod server answers says the server could not be reached', async ({
  page,
  launch,
  sandbox,
}) => {
  await launch();
  // Port 9 (discard) on this computer: nothing listens there.
  await submitSignIn(page, { baseUrl: 'http://127.0.0.1:9', token: sandbox.token });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The server could not be reached');
  await expect(alert).toContainText('Could not reach http://127.0.0.1:9');
  await expect(page.getByLabel('Unpod server address')).toHaveAttribute('aria-invalid', 'true');
});

test('two profiles: add one from the switcher, then switch between them with the keyboard', async ({
  page,
  launch,
  sandbox,
}) => {
  await launch();
  await signIn(page, sandbox, 'Production');
  const organization = page.getByRole('combobox', { name: 'Organization' });
  const productionOrg = await organization.evaluate((el) => (el as HTMLSelectElement).value);
  expect(productionOrg).toBe(sandbox.orgHandle);

  // "Add profile…" from the switcher opens the sign-in form in a dialog.
  await page.getByRole('button', { name: 'Profile: Production' }).click();
  const menu = page.getByRole('menu', { name: 'Profile: Production' });
  await expect(menu.getByRole('menuitemradio', { name: /^Production/ })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expectAccessible(page, 'the profile menu');
  await menu.getByRole('menuitem', { name: 'Add profile…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Unpod server address')).toBeFocused();
  await expectAccessible(page, 'the add-profile dialog');
  await signIn(page, sandbox, 'Staging', { org: 'other', scope: dialog });
  await expect(dialog).toHaveCount(0);
  await expect(organization).not.toHaveValue(sandbox.orgHandle);

  // Keyboard: open the menu, move to Production, pick it.
  const switcher = page.getByRole('button', { name: 'Profile: Staging' });
  await switcher.focus();
  await page.keyboard.press('ArrowDown');
  const items = page.getByRole('menu').getByRole('menuitemradio');
  await expect(items).toHaveText([/^Production/, /^Staging/, /^Demo workspace/]);
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Add profile…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(switcher).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Profile: Production' })).toBeVisible();
  await expect(organization).toHaveValue(sandbox.orgHandle);

  // And back, with the mouse.
  await page.getByRole('button', { name: 'Profile: Production' }).click();
  await page.getByRole('menuitemradio', { name: /^Staging/ }).click();
  await expect(page.getByRole('button', { name: 'Profile: Staging' })).toBeVisible();
  await expect(organization).not.toHaveValue(sandbox.orgHandle);
});

test('a restart of the web host reopens the last profile without asking for the token', async ({
  page,
  launch,
  sandbox,
}) => {
  await launch();
  await signIn(page, sandbox, 'Production');

  await launch(); // the same data folder, a new process (new port, new secret)
  await expect(page.getByRole('button', { name: 'Profile: Production' })).toBeVisible();
  // It reopens on the page last used in it (signIn ended on Agents).
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Agents' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByLabel('API token', { exact: true })).toHaveCount(0);
  expect(await browserStorageDump(page)).not.toContain(sandbox.token);
});

test('replace token: a rejected token changes nothing, a valid one is stored', async ({
  page,
  launch,
  sandbox,
}) => {
  await launch();
  await signIn(page, sandbox, 'Production');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: /^Production/ });
  await card.getByRole('button', { name: 'Replace token' }).click();

  const dialog = page.getByRole('dialog', { name: 'Replace the API token of Production' });
  await expect(dialog.getByLabel('New API token')).toBeFocused();
  await dialog.getByLabel('New API token').fill(sandbox.expiredToken);
  await dialog.getByRole('button', { name: 'Replace token' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This API token has expired (403)');
  // What to do here: paste a new token, not "sign in".
  await expect(dialog.getByRole('alert')).toContainText('paste the new token here');
  await expect(dialog.getByRole('alert')).not.toContainText(/sign in/i);
  await expect(dialog.getByLabel('New API token')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the replace-token dialog with a token refused');

  await dialog.getByLabel('New API token').fill(sandbox.token);
  await dialog.getByRole('button', { name: 'Replace token' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'was replaced' })).toHaveText(
    `The API token of Production was replaced. The new token ends in …${sandbox.token.slice(-4)}.`,
  );
  await expect(card.getByRole('button', { name: 'Replace token' })).toBeFocused();
  // The workspace still works with the stored token.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('table', { name: 'Agents' }).getByRole('row').nth(1)).toBeVisible();
});

test('sign out removes the token and, when asked, the cached data; a restart shows the welcome screen', async ({
  page,
  launch,
  sandbox,
  dataDir,
}) => {
  await launch();
  await signIn(page, sandbox, 'Production');
  const { profiles } = await readProfilesFile(dataDir);
  const profileDir = join(dataDir, 'profiles', profiles[0]!.id);
  // Stand-in for the profile's cache (tasks, recordings) so its deletion can be seen.
  await mkdir(profileDir, { recursive: true });
  await writeFile(join(profileDir, 'cache-marker'), 'cached');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('region', { name: /^Production/ })
    .getByRole('button', { name: 'Sign out…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Sign out of Production?' });
  await expect(dialog).toHaveAccessibleDescription(/removed from this computer's system keychain/);
  await expectAccessible(page, 'the sign-out dialog');
  // Escape cancels.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page
    .getByRole('region', { name: /^Production/ })
    .getByRole('button', { name: 'Sign out…' })
    .click();
  await dialog.getByLabel("Also delete this profile's cached data on this computer").check();
  await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();

  await expect(page.getByRole('heading', welcome)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out' })).toHaveText(
    'Signed out of Production. Its API token was removed from the system keychain. Its cached data on this computer was deleted.',
  );
  await expect(stat(profileDir)).rejects.toMatchObject({ code: 'ENOENT' });
  const profile = page.getByRole('list').filter({ hasText: 'Production' });
  await expect(profile).toContainText('signed out, no token saved');
  await expectAccessible(page, 'the welcome screen after signing out');

  await launch();
  await expect(page.getByRole('heading', welcome)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to Production again' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open Production' })).toHaveCount(0);

  // Signing in again asks for the token, then opens the profile.
  await page.getByRole('button', { name: 'Sign in to Production again' }).click();
  const again = page.getByRole('dialog', { name: 'Sign in to Production again' });
  await expect(again).toBeVisible();
  await expectAccessible(page, 'the sign-in-again dialog');
  await again.getByLabel('New API token').fill(sandbox.token);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Profile: Production' })).toBeVisible();
});

test('without a keychain: a plain explanation, and session-only only when the user ticks it', async ({
  page,
  launch,
  sandbox,
}) => {
  // No Secret Service reachable for this web host.
  const noKeychain = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  await launch({ env: noKeychain });
  await page.getByRole('button', { name: 'Sign in with an API token' }).click();
  const missing = page.getByRole('region', { name: 'The system keychain is not available' });
  await expect(missing).toContainText('Install and start a Secret Service such as gnome-keyring');
  const sessionOnly = page.getByLabel('Keep the token for this session only');
  await expect(sessionOnly).not.toBeChecked();
  await expectAccessible(page, 'the sign-in form without a keychain');

  // Never a silent fallback: without the tick, nothing is sent.
  await submitSignIn(page, { baseUrl: sandbox.baseUrl, token: sandbox.token, profileName: 'Laptop' });
  await expect(sessionOnly).toBeFocused();
  await expect(sessionOnly).toHaveAccessibleDescription(/Tick "Keep the token for this session only"/);
  await expect(page.getByRole('group', { name: 'Organization' })).toHaveCount(0);

  await sessionOnly.check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await organizationRadio(
    page.getByRole('group', { name: 'Organization' }),
    await mainOrganizationName(sandbox),
  ).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Profile: Laptop' })).toBeVisible();

  // The next start has no token for it: it was kept in memory only.
  await launch({ env: noKeychain });
  await expect(page.getByRole('heading', welcome)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not reopen Laptop' })).toContainText(
    'kept for one session only',
  );
  await expect(page.getByRole('button', { name: 'Sign in to Laptop again' })).toBeVisible();
});
