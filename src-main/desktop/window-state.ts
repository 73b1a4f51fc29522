// The window's size, place and maximized / full-screen state, as saved in window-state.json in
// the data folder and as restored at the next start. The file keeps the state per arrangement of
// displays (the laptop alone, docked at the desk, …), so the window goes back to where it was
// the last time the same displays were there. Restoring is a pure function over the displays
// present now (their work areas, in Electron's device-independent pixels), so the window comes
// back on the display it was on, and never off screen when that display is gone (a laptop taken
// off its dock), smaller than a display that shrank, or under a taskbar.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonFile } from '../services/write-json-file.ts';

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof rectSchema>;

export const windowStateSchema = z.object({
  /** The normal (not maximized) bounds, so un-maximizing after a restart goes back to them. */
  bounds: rectSchema,
  maximized: z.boolean(),
  fullScreen: z.boolean(),
  /** The display the window was on when saved. */
  displayId: z.number().nullable(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** At most this many display arrangements are remembered (the oldest go first). */
export const MAX_LAYOUTS = 8;

export const windowStateFileSchema = z.object({
  /** The state saved last, whatever the displays were. */
  last: windowStateSchema,
  /** The state saved last under each arrangement of displays (key: `displayLayoutKey`), oldest first. */
  byLayout: z.record(z.string(), windowStateSchema),
});
export type WindowStateFile = z.infer<typeof windowStateFileSchema>;

/** Names an arrangement of displays: their ids and full bounds (not work areas, which a taskbar changes). */
export function displayLayoutKey(displays: readonly { id: number; bounds: Rect }[]): string {
  return [...displays]
    .sort((a, b) => a.id - b.id)
    .map((d) => `${d.id}@${d.bounds.x},${d.bounds.y},${d.bounds.width}x${d.bounds.height}`)
    .join('|');
}

/** The state to restore under these displays: the one saved with them, else the last one saved. */
export function savedStateFor(file: WindowStateFile | null, layoutKey: string): WindowState | null {
  if (file === null) return null;
  return file.byLayout[layoutKey] ?? file.last;
}

/** The file after saving `state` under `layoutKey` (that arrangement becomes the newest). */
export function withSavedState(
  file: WindowStateFile | null,
  layoutKey: string,
  state: WindowState,
): WindowStateFile {
  const others = Object.entries(file?.byLayout ?? {}).filter(([key]) => key !== layoutKey);
  const kept = others.slice(Math.max(0, others.length - (MAX_LAYOUTS - 1)));
  return { last: state, byLayout: Object.fromEntries([...kept, [layoutKey, state]]) };
}

export interface DisplayArea {
  id: number;
  /** The display minus taskbars, docks and menu bars. */
  workArea: Rect;
  primary: boolean;
}

export interface WindowSizing {
  defaultWidth: number;
  defaultHeight: number;
  minWidth: number;
  minHeight: number;
}

export interface RestoredWindow {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** `size` fitted into `area`: as large as asked, no larger than the area, no smaller than the minimum the area allows. */
function fitSize(width: number, height: number, area: Rect, sizing: WindowSizing) {
  return {
    width: clamp(width, Math.min(sizing.minWidth, area.width), area.width),
    height: clamp(height, Math.min(sizing.minHeight, area.height), area.height),
  };
}

function centeredIn(area: Rect, width: number, height: number): Rect {
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the window opens. The saved display is used when it is still there and the window would
 * still be on it; otherwise the display showing most of the saved window; otherwise (nothing of
 * it would be visible) the primary display, centred. The window is then moved and shrunk as
 * little as needed to lie wholly inside that display's work area.
 */
export function restoreWindow(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
  sizing: WindowSizing,
): RestoredWindow {
  const primary = displays.find((d) => d.primary) ?? displays[0];
  if (primary === undefined) {
    // No display reported (a headless session): the defaults, at the origin.
    const bounds = saved?.bounds ?? { x: 0, y: 0, width: sizing.defaultWidth, height: sizing.defaultHeight };
    return { bounds, maximized: saved?.maximized ?? false, fullScreen: saved?.fullScreen ?? false };
  }
  if (saved === null) {
    const { width, height } = fitSize(sizing.defaultWidth, sizing.defaultHeight, primary.workArea, sizing);
    return { bounds: centeredIn(primary.workArea, width, height), maximized: false, fullScreen: false };
  }

  const { bounds } = saved;
  const sameDisplay = displays.find(
    (d) => d.id === saved.displayId && intersectionArea(d.workArea, bounds) > 0,
  );
  const mostOverlap = [...displays]
    .map((d) => ({ d, area: intersectionArea(d.workArea, bounds) }))
    .filter((o) => o.area > 0)
    .sort((a, b) => b.area - a.area)[0]?.d;
  const target = sameDisplay ?? mostOverlap;

  const area = (target ?? primary).workArea;
  const { width, height } = fitSize(bounds.width, bounds.height, area, sizing);
  const placed =
    target === undefined
      ? centeredIn(area, width, height)
      : {
          x: clamp(bounds.x, area.x, area.x + area.width - width),
          y: clamp(bounds.y, area.y, area.y + area.height - height),
          width,
          height,
        };
  return { bounds: placed, maximized: saved.maximized, fullScreen: saved.fullScreen };
}

/** The saved file, or null when there is none or it is unreadable (the window then opens at its default). */
export async function loadWindowState(
  file: string,
): Promise<{ state: WindowStateFile | null; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { state: null, problem: missing ? null : `could not read ${file}: ${String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: null, problem: `${file} is not valid JSON` };
  }
  const parsed = windowStateFileSchema.safeParse(json);
  return parsed.success
    ? { state: parsed.data, problem: null }
    : {
        state: null,
        problem: `${file} does not describe a window: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      };
}

/** The file's text (also written synchronously when the window closes). */
export function windowStateText(state: WindowStateFile): string {
  return JSON.stringify(windowStateFileSchema.parse(state), null, 2) + '\n';
}

export async function saveWindowState(file: string, state: WindowStateFile): Promise<void> {
  await writeJsonFile(file, windowStateFileSchema.parse(state));
}
