// Where the window reopens, for display layouts a supervisor meets: the same desk, a monitor
// unplugged, a monitor left of (or above) the main one, a scaled display, a small display.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  displayLayoutKey,
  loadWindowState,
  MAX_LAYOUTS,
  restoreWindow,
  savedStateFor,
  saveWindowState,
  windowStateText,
  withSavedState,
  type DisplayArea,
  type WindowState,
} from '../../src-main/desktop/window-state.ts';

const sizing = { defaultWidth: 1280, defaultHeight: 820, minWidth: 900, minHeight: 600 };
/** A 1920×1080 laptop screen with a 40 px taskbar at the bottom. */
const laptop: DisplayArea = { id: 1, primary: true, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
/** A 2560×1440 monitor to the right of the laptop. */
const rightMonitor: DisplayArea = {
  id: 2,
  primary: false,
  workArea: { x: 1920, y: 0, width: 2560, height: 1440 },
};
/** A monitor to the LEFT of the primary one: negative x. */
const leftMonitor: DisplayArea = {
  id: 3,
  primary: false,
  workArea: { x: -1920, y: -200, width: 1920, height: 1080 },
};

const saved = (over: Partial<WindowState> & { bounds: WindowState['bounds'] }): WindowState => ({
  maximized: false,
  fullScreen: false,
  displayId: null,
  ...over,
});

describe('restoring the window', () => {
  it('first start: default size, centred on the primary display', () => {
    expect(restoreWindow(null, [rightMonitor, laptop], sizing)).toEqual({
      bounds: { x: 320, y: 110, width: 1280, height: 820 },
      maximized: false,
      fullScreen: false,
    });
  });

  it('same displays: exactly where it was, maximized and full-screen flags kept', () => {
    const state = saved({
      bounds: { x: 2100, y: 80, width: 1400, height: 900 },
      displayId: 2,
      maximized: true,
    });
    expect(restoreWindow(state, [laptop, rightMonitor], sizing)).toEqual({
      bounds: { x: 2100, y: 80, width: 1400, height: 900 },
      maximized: true,
      fullScreen: false,
    });
    const full = saved({
      bounds: { x: 10, y: 10, width: 1000, height: 700 },
      displayId: 1,
      fullScreen: true,
    });
    expect(restoreWindow(full, [laptop], sizing).fullScreen).toBe(true);
  });

  it('its monitor unplugged: the window comes back on the primary display, centred, not off screen', () => {
    const state = saved({
      bounds: { x: 2100, y: 80, width: 1400, height: 900 },
      displayId: 2,
      maximized: true,
    });
    const restored = restoreWindow(state, [laptop], sizing);
    expect(restored).toEqual({
      bounds: { x: 260, y: 70, width: 1400, height: 900 },
      maximized: true,
      fullScreen: false,
    });
  });

  it('a monitor left of the primary one (negative coordinates) keeps the window there', () => {
    const state = saved({ bounds: { x: -1700, y: -100, width: 1200, height: 800 }, displayId: 3 });
    expect(restoreWindow(state, [laptop, leftMonitor], sizing).bounds).toEqual({
      x: -1700,
      y: -100,
      width: 1200,
      height: 800,
    });
    // The same window with that monitor gone lands on the laptop.
    const alone = restoreWindow(state, [laptop], sizing).bounds;
    expect(alone).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });

  it('a window hanging over the edge is pulled fully onto its display (under the taskbar too)', () => {
    const state = saved({ bounds: { x: 1500, y: 600, width: 1000, height: 700 }, displayId: 1 });
    expect(restoreWindow(state, [laptop], sizing).bounds).toEqual({
      x: 920,
      y: 340,
      width: 1000,
      height: 700,
    });
  });

  it('display ids changed (another dock): the display showing most of the window takes it', () => {
    const state = saved({ bounds: { x: 1800, y: 100, width: 1200, height: 800 }, displayId: 99 });
    // 120 px on the laptop, 1080 px on the right monitor: the right monitor wins.
    expect(restoreWindow(state, [laptop, rightMonitor], sizing).bounds).toEqual({
      x: 1920,
      y: 100,
      width: 1200,
      height: 800,
    });
  });

  it('a scaled display (4K at 200%: 1920×1080 usable points) shrinks a window saved on a larger one', () => {
    const scaled4k: DisplayArea = {
      id: 1,
      primary: true,
      workArea: { x: 0, y: 25, width: 1920, height: 1055 },
    };
    const state = saved({ bounds: { x: 100, y: 50, width: 3000, height: 1800 }, displayId: 1 });
    expect(restoreWindow(state, [scaled4k], sizing).bounds).toEqual({
      x: 0,
      y: 25,
      width: 1920,
      height: 1055,
    });
  });

  it('a window bigger than a small display is shrunk to it, even below the usual minimum size', () => {
    const small: DisplayArea = { id: 5, primary: true, workArea: { x: 0, y: 0, width: 800, height: 560 } };
    const state = saved({ bounds: { x: 0, y: 0, width: 1280, height: 820 }, displayId: 5 });
    expect(restoreWindow(state, [small], sizing).bounds).toEqual({ x: 0, y: 0, width: 800, height: 560 });
    // A tiny saved window grows to the minimum size where the display has room.
    const tiny = saved({ bounds: { x: 10, y: 10, width: 300, height: 200 }, displayId: 1 });
    expect(restoreWindow(tiny, [laptop], sizing).bounds).toEqual({ x: 10, y: 10, width: 900, height: 600 });
  });
});

describe('one saved place per arrangement of displays', () => {
  const laptopScreen = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const deskMonitor = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 } };
  const alone = displayLayoutKey([laptopScreen]);
  const docked = displayLayoutKey([deskMonitor, laptopScreen]);
  const onLaptop = saved({ bounds: { x: 50, y: 40, width: 1100, height: 760 }, displayId: 1 });
  const onMonitor = saved({
    bounds: { x: 2200, y: 100, width: 1800, height: 1100 },
    displayId: 2,
    maximized: true,
  });

  it('names an arrangement by its displays, whatever order they are listed in', () => {
    expect(docked).toBe('1@0,0,1920x1080|2@1920,0,2560x1440');
    expect(displayLayoutKey([laptopScreen, deskMonitor])).toBe(docked);
    expect(alone).not.toBe(docked);
  });

  it('docked and undocked each get back their own place', () => {
    let file = withSavedState(null, alone, onLaptop);
    file = withSavedState(file, docked, onMonitor);
    expect(savedStateFor(file, docked)).toEqual(onMonitor);
    expect(savedStateFor(file, alone)).toEqual(onLaptop);
  });

  it('displays never seen before: the place saved last (then clamped to them)', () => {
    const file = withSavedState(withSavedState(null, alone, onLaptop), docked, onMonitor);
    const projector = displayLayoutKey([
      laptopScreen,
      { id: 7, bounds: { x: 0, y: -768, width: 1024, height: 768 } },
    ]);
    expect(savedStateFor(file, projector)).toEqual(onMonitor);
    expect(savedStateFor(null, projector)).toBeNull();
  });

  it(`keeps the ${MAX_LAYOUTS} arrangements used last`, () => {
    let file = null;
    for (let i = 0; i < MAX_LAYOUTS + 3; i++) {
      file = withSavedState(file, `layout-${i}`, saved({ bounds: { x: i, y: 0, width: 1000, height: 700 } }));
    }
    expect(Object.keys(file!.byLayout)).toEqual(
      Array.from({ length: MAX_LAYOUTS }, (_, k) => `layout-${k + 3}`),
    );
    // Using an old arrangement again makes it the newest.
    file = withSavedState(file, 'layout-3', onLaptop);
    expect(Object.keys(file.byLayout).at(-1)).toBe('layout-3');
    expect(Object.keys(file.byLayout)).toHaveLength(MAX_LAYOUTS);
  });
});

describe('window-state.json', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    dirs.push(dir);
    return join(dir, 'window-state.json');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('saves and reads back the same state', async () => {
    const file = tempFile();
    const state = withSavedState(
      null,
      'layout',
      saved({ bounds: { x: -1700, y: -100, width: 1200, height: 800 }, displayId: 3, maximized: true }),
    );
    await saveWindowState(file, state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    expect(readFileSync(file, 'utf8')).toBe(windowStateText(state));
    expect(await loadWindowState(file)).toEqual({ state, problem: null });
  });

  it('no file yet is no problem; a damaged or foreign file is ignored and says why', async () => {
    const file = tempFile();
    expect(await loadWindowState(file)).toEqual({ state: null, problem: null });
    writeFileSync(file, '{"bounds": {"x": 0');
    expect(await loadWindowState(file)).toEqual({ state: null, problem: `${file} is not valid JSON` });
    const badSize = saved({ bounds: { x: 0, y: 0, width: -5, height: 10 } });
    writeFileSync(file, JSON.stringify({ last: badSize, byLayout: {} }));
    const foreign = await loadWindowState(file);
    expect(foreign.state).toBeNull();
    expect(foreign.problem).toMatch(/does not describe a window/);
  });
});
