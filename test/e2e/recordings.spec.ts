// Listening to call recordings, end to end: Chromium against the web host, the recordings served
// by main from its cache with byte ranges. Play, seek near the end and keep playing (only works
// when ranges do), speed, ±10 s, the player's keys beside the list's, the transcript following
// the recording, "Make available offline" for a list, and a downloaded recording playing (and
// seeking) with the platform gone while one not downloaded says "Not available offline".
import type { Locator, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import { expect, openDemo, recordPageProblems, spawnWebHost, test, type WebHost } from './fixtures.ts';
import { signIn, startSandboxProcess, type SandboxProcess } from './fixtures-auth.ts';
import { bodyRows, grid, openTasks } from './tasks-page.ts';

const player = (page: Page) => page.getByRole('group', { name: 'Recording player' });
const seek = (page: Page) => player(page).getByRole('slider', { name: 'Seek' });
const followBox = (page: Page) => page.getByRole('checkbox', { name: 'Follow the recording' });
const detailTitle = (page: Page) => page.getByRole('heading', { level: 2 }).first();

/** Where the Seek slider is, in seconds: what the user sees the position as. */
async function position(page: Page): Promise<number> {
  return Number(await seek(page).inputValue());
}

/** The longest the Seek slider goes: the recording's length. */
async function length(page: Page): Promise<number> {
  return Number(await seek(page).getAttribute('max'));
}

/** Shows only completed calls (they are the ones with recordings and transcripts). */
async function onlyCompleted(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /^Completed/ }).check();
  await expect(page.getByRole('status', { name: 'Tasks shown' })).toHaveText(/match the filters$/);
  await expect(bodyRows(page).first()).not.toContainText('Loading…');
}

/**
 * Moves down the list with j until the detail shows a task with a recording (and, when asked,
 * a transcript with times). Returns the task's contact name.
 */
async function selectTaskWithRecording(
  page: Page,
  options: { timed: boolean; skip?: string[] },
): Promise<string> {
  const list = grid(page);
  await list.focus();
  for (let step = 0; step < 60; step++) {
    await page.keyboard.press('j');
    await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();
    const name = (await detailTitle(page).innerText()).trim();
    if (options.skip?.includes(name)) continue;
    if ((await player(page).count()) === 0) continue;
    if (!options.timed) return name;
    // The transcript section says which kind it is once the player knows the recording's length.
    const timed = await followBox(page)
      .waitFor({ timeout: 1_000 })
      .then(() => true)
      .catch(() => false);
    if (timed) return name;
  }
  throw new Error('no task with a recording in the first 60 rows');
}

/** Searches the list for a contact and waits until the list shows the search's result. */
async function searchFor(page: Page, name: string): Promise<void> {
  const shown = page.getByRole('status', { name: 'Tasks shown' });
  const before = (await shown.textContent()) ?? '';
  await page.getByLabel('Search tasks').fill(name);
  await expect(shown).not.toHaveText(before);
  await expect(shown).toHaveText(/match(es)? the filters$/);
  await expect(bodyRows(page).first()).toContainText(name);
}

async function waitForAdvance(page: Page, from: number, by = 0.5): Promise<void> {
  await expect.poll(() => position(page), { timeout: 15_000 }).toBeGreaterThan(from + by);
}

function currentUtterance(page: Page): Locator {
  return page
    .getByRole('list', { name: 'Transcript, following the recording' })
    .locator('li[aria-current="true"]');
}

test.describe('in the demo workspace', () => {
  test.beforeEach(async ({ app }) => {
    await openDemo(app);
    await openTasks(app);
    await onlyCompleted(app);
  });

  test('play, seek near the end and keep playing, speed with the pitch kept, back and forward 10 s', async ({
    app: page,
  }) => {
    test.setTimeout(90_000);
    // What the <audio> element got from the host: partial answers (206) prove it asked by range.
    const media: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/media/recordings/')) media.push(r.status());
    });
    await selectTaskWithRecording(page, { timed: false });
    const play = player(page).getByRole('button', { name: 'Play' });
    await play.click();
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 15_000 });
    await waitForAdvance(page, 0);
    await expectAccessible(page, 'a recording playing');

    // Near the end: the element must fetch that part of the file (a Range request) to go on.
    const total = await length(page);
    expect(total).toBeGreaterThan(8);
    await seek(page).fill(String(total - 4));
    await expect.poll(() => position(page)).toBeGreaterThanOrEqual(total - 4.5);
    const afterSeek = await position(page);
    await waitForAdvance(page, afterSeek, 0.8);
    expect(media).toContain(206);

    // Back 10 s and forward 10 s from where it is.
    await player(page).getByRole('button', { name: 'Pause' }).click();
    await expect(player(page).getByRole('button', { name: 'Play' })).toBeVisible();
    const paused = await position(page);
    await player(page).getByRole('button', { name: 'Back 10 s' }).click();
    await expect.poll(() => position(page)).toBeCloseTo(Math.max(0, paused - 10), 0);
    await player(page).getByRole('button', { name: 'Forward 10 s' }).click();
    await expect.poll(() => position(page)).toBeCloseTo(Math.min(total, Math.max(0, paused - 10) + 10), 0);

    // Half speed and double speed, the pitch kept at both.
    const speed = player(page).getByRole('combobox', { name: 'Playback speed' });
    await expect(speed).toHaveValue('1');
    await speed.selectOption({ label: '0.5×' });
    const audio = page.locator('audio');
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(0.5);
    await speed.selectOption({ label: '2×' });
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(2);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.preservesPitch)).toBe(true);
    await player(page).getByRole('button', { name: 'Back 10 s' }).click();
    const before = await position(page);
    await player(page).getByRole('button', { name: 'Play' }).click();
    await waitForAdvance(page, before, 1);

    // "Save recording as…": in the web host, the browser downloads the file.
    const download = page.waitForEvent('download');
    await player(page).getByRole('button', { name: 'Save recording as…' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.(wav|mp3|ogg)$/);
  });

  test('Keep offline, and Settings: space used, the limit, the folder, Clear recordings', async ({
    app: page,
  }) => {
    test.setTimeout(90_000);
    await selectTaskWithRecording(page, { timed: false });
    const keep = player(page).getByRole('checkbox', { name: 'Keep offline' });
    await keep.check();
    await expect(keep).toBeChecked();
    await expect(player(page).getByText('On this computer: plays offline.')).toBeVisible({ timeout: 30_000 });
    await expect(bodyRows(page).getByRole('img', { name: 'Recording kept offline' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Recordings' });
    await expect(
      section.getByText(/^[\d.,]+ (KB|MB) of 2 GB \(1 recording, 1 kept offline\)$/),
    ).toBeVisible();
    // The web host keeps them under its data folder: /tmp/unpod-e2e-…/recordings/….
    await expect(section.getByRole('definition').nth(1)).toHaveText(/^\/.*\/recordings(\/|$)/);
    const limit = section.getByRole('textbox', { name: 'Limit (GB)' });
    await expect(limit).toHaveValue('2');
    const save = section.getByRole('button', { name: 'Save limit' });
    await limit.fill('lots');
    await save.click();
    await expect(section.getByRole('alert')).toHaveText(
      'Enter the limit in GB as a number, for example 2 or 0.5.',
    );
    await expect(limit).toHaveAttribute('aria-invalid', 'true');
    await limit.fill('0.05');
    await save.click();
    await expect(section.getByRole('alert')).toHaveText('The limit must be at least 0.1 GB (100 MB).');
    await limit.fill('1,5');
    await save.click();
    await expect(section.getByRole('status')).toHaveText('Limit set to 1.5 GB.');
    await expect(section.getByText(/ of 1\.5 GB \(1 recording/)).toBeVisible();
    await expectAccessible(page, 'the recordings settings');

    await section.getByRole('button', { name: 'Clear recordings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear recordings' });
    await dialog.getByRole('checkbox', { name: /^Also the 1 recording kept offline/ }).check();
    await dialog.getByRole('button', { name: 'Clear recordings' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(section.getByText('0 bytes of 1.5 GB (0 recordings)')).toBeVisible();
  });

  test('keys: the player answers while it has the focus, the list keeps j/k and the arrows', async ({
    app: page,
  }) => {
    test.setTimeout(90_000);
    const name = await selectTaskWithRecording(page, { timed: false });
    // k on the Play button plays (and pauses); the selection in the list does not move.
    await player(page).getByRole('button', { name: 'Play' }).focus();
    await page.keyboard.press('k');
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 15_000 });
    await waitForAdvance(page, 0, 0.3);
    await page.keyboard.press('k');
    await expect(player(page).getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(detailTitle(page)).toHaveText(name);

    // On the Seek slider: → is 5 s forward, ← 5 s back, End the end, Home the start, Space plays.
    await seek(page).focus();
    const at = await position(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => position(page)).toBeCloseTo(at + 5, 0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => position(page)).toBeCloseTo(at, 0);
    await page.keyboard.press('l');
    await expect.poll(() => position(page)).toBeCloseTo(at + 10, 0);
    await page.keyboard.press('Home');
    await expect.poll(() => position(page)).toBe(0);
    await page.keyboard.press('Shift+>');
    await expect(player(page).getByRole('combobox', { name: 'Playback speed' })).toHaveValue('1.25');
    await page.keyboard.press(' ');
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press(' ');
    await expect(player(page).getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(detailTitle(page)).toHaveText(name);

    // ? shows every shortcut of the app, the list's included.
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Task list' })).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Recording player' })).toBeVisible();
    await expectAccessible(page, 'the keyboard shortcuts');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // Back in the list, j moves to the next task as before.
    await grid(page).focus();
    await page.keyboard.press('j');
    await expect(detailTitle(page)).not.toHaveText(name);
  });

  test('the transcript follows the recording: click an utterance to play from there', async ({
    app: page,
  }) => {
    test.setTimeout(90_000);
    await selectTaskWithRecording(page, { timed: true });
    const transcript = page.getByRole('list', { name: 'Transcript, following the recording' });
    const utterances = transcript.getByRole('button');
    expect(await utterances.count()).toBeGreaterThan(2);
    const second = utterances.nth(1);
    const startText = (await second.locator('.transcript__at').innerText()).trim(); // "0:07"
    const [m, s] = startText.split(':').map(Number);
    await second.click();
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => position(page)).toBeGreaterThanOrEqual(m! * 60 + s! - 0.5);
    await expect(currentUtterance(page)).toContainText((await second.innerText()).split('\n').at(-1)!.trim());
    await expectAccessible(page, 'the transcript following a recording');
    // As it plays on, the highlight moves to the next utterance by itself.
    await expect(currentUtterance(page)).toContainText(
      (await utterances.nth(2).innerText()).split('\n').at(-1)!.trim(),
      { timeout: 30_000 },
    );
    // Unticking "Follow the recording" keeps the highlight but stops the scrolling.
    await followBox(page).uncheck();
    await expect(followBox(page)).not.toBeChecked();
  });

  test('a two-channel recording shows two lanes, the agent and the customer', async ({ app: page }) => {
    test.setTimeout(120_000);
    const waveform = page.getByTestId('waveform');
    let found = false;
    await grid(page).focus();
    for (let step = 0; step < 30 && !found; step++) {
      await page.keyboard.press('j');
      await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();
      if ((await player(page).count()) === 0) continue;
      // Opening the recording (Play) downloads it, and its waveform follows.
      await player(page).getByRole('button', { name: 'Play' }).click();
      await expect(waveform).toBeVisible({ timeout: 20_000 });
      await player(page).getByRole('button', { name: 'Pause' }).click();
      found = ((await waveform.getAttribute('class')) ?? '').includes('waveform__canvas--lanes-2');
      await grid(page).focus();
    }
    expect(found, 'a two-channel recording among the first 30 completed calls').toBe(true);
    await expect(player(page).getByText('Agent', { exact: true })).toBeVisible();
    await expect(player(page).getByText('Customer', { exact: true })).toBeVisible();
    // Two lanes are twice as tall as one.
    expect((await waveform.boundingBox())!.height).toBeGreaterThan(80);
  });

  test('a transcript without times says following is not available', async ({ app: page }) => {
    test.setTimeout(90_000);
    await grid(page).focus();
    let found = false;
    for (let step = 0; step < 80 && !found; step++) {
      await page.keyboard.press('j');
      await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();
      if ((await player(page).count()) === 0) continue;
      found = await page
        .getByText('Following is not available for this call', { exact: false })
        .waitFor({ timeout: 1_000 })
        .then(() => true)
        .catch(() => false);
    }
    expect(found, 'a completed call whose transcript has no times in the first 80 rows').toBe(true);
    await expect(followBox(page)).toHaveCount(0);
  });

  test('Make available offline for the list: an estimate, then the download, then the marks', async ({
    app: page,
  }) => {
    test.setTimeout(120_000);
    const name = await selectTaskWithRecording(page, { timed: false });
    // Narrow the list to this contact's calls, so the download stays small.
    await searchFor(page, name);
    await page.getByRole('button', { name: 'Make available offline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make available offline' });
    await expect(dialog.getByText(/recordings? to download/)).toBeVisible({ timeout: 15_000 });
    await expectAccessible(page, 'the offline estimate');
    await dialog.getByRole('button', { name: /^Download \d+ recordings?$/ }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      page.getByRole('status').filter({ hasText: /^Available offline: (\d+) of \1 recordings?/ }),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      bodyRows(page)
        .first()
        .getByRole('img', { name: /^Recording (on this computer|kept offline)$/ }),
    ).toBeVisible();
  });
});

// Both runs of the sandbox serve the same data.
const EPOCH = String(Date.UTC(2026, 0, 15, 12));

test('offline: a downloaded recording plays and seeks; one not downloaded says "Not available offline"', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems = recordPageProblems(page);
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-rec-offline-'));
  let sandbox: SandboxProcess | null = await startSandboxProcess(0, ['--epoch', EPOCH]);
  let host: WebHost | null = null;
  try {
    host = await spawnWebHost(dataDir);
    await page.goto(host.url);
    await signIn(page, sandbox.info, 'Recordings offline');
    await page.getByRole('combobox', { name: 'Space' }).selectOption(sandbox.info.spaceToken);
    await openTasks(page);
    await onlyCompleted(page);

    // Play one recording: it is downloaded into the cache as it opens.
    const kept = await selectTaskWithRecording(page, { timed: false });
    await player(page).getByRole('button', { name: 'Play' }).click();
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 30_000 });
    await player(page).getByRole('button', { name: 'Pause' }).click();
    await expect(player(page).getByText('On this computer: plays offline.')).toBeVisible();
    // Another one, never played.
    const other = await selectTaskWithRecording(page, { timed: false, skip: [kept] });

    // The platform goes away.
    await sandbox.stop();
    sandbox = null;
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Offline/, { timeout: 30_000 });
    await expect(player(page).getByText('Not available offline.')).toBeVisible({ timeout: 15_000 });
    await expect(detailTitle(page)).toHaveText(other);
    await expectAccessible(page, 'a recording not available offline');

    // The downloaded one: it plays, seeks and shows its waveform.
    await searchFor(page, kept);
    await bodyRows(page).first().click();
    await expect(detailTitle(page)).toHaveText(kept);
    const waveform = page.getByTestId('waveform');
    await expect(waveform).toBeVisible({ timeout: 15_000 });
    const total = await length(page);
    // A click on the waveform seeks to the time under the pointer.
    const box = (await waveform.boundingBox())!;
    await waveform.click({ position: { x: box.width / 4, y: box.height / 2 } });
    await expect.poll(() => position(page)).toBeCloseTo(total / 4, 0);
    await seek(page).fill(String(total / 2));
    await player(page).getByRole('button', { name: 'Play' }).click();
    await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 15_000 });
    await waitForAdvance(page, total / 2, 0.5);
    await expectAccessible(page, 'a downloaded recording playing offline');
  } finally {
    await host?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
});
