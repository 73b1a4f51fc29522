// The notice a window shows after main reloaded it because its page process died
// (render-process-gone). Main adds `?recovered=<reason>` to the app's address when it reloads;
// the page reads it at start, says what happened, and takes it off the address. Shared by both
// sides: main builds the address, the renderer reads it.

/** Electron's render-process-gone reasons (RenderProcessGoneDetails['reason']). */
export const rendererGoneReasons = [
  'clean-exit',
  'abnormal-exit',
  'killed',
  'crashed',
  'oom',
  'launch-failed',
  'integrity-failure',
  'memory-eviction',
] as const;
export type RendererGoneReason = (typeof rendererGoneReasons)[number];

export const RECOVERED_PARAM = 'recovered';

/** The app's address with the notice's parameter (the page's hash, its current page, is kept). */
export function recoveredUrl(url: string, reason: RendererGoneReason): string {
  const parsed = new URL(url);
  parsed.searchParams.set(RECOVERED_PARAM, reason);
  return parsed.href;
}

/** Why the window was reloaded, from the page's query string (location.search), or null. */
export function recoveredReason(search: string): RendererGoneReason | null {
  const value = new URLSearchParams(search).get(RECOVERED_PARAM);
  return (rendererGoneReasons as readonly string[]).includes(value ?? '')
    ? (value as RendererGoneReason)
    : null;
}

/** What the notice says: what happened, in plain words, and that nothing saved was lost. */
export function recoveredMessage(reason: RendererGoneReason): string {
  const what: Record<RendererGoneReason, string> = {
    'clean-exit': 'The window’s page stopped unexpectedly',
    'abnormal-exit': 'The window’s page stopped unexpectedly',
    killed: 'The window’s page was stopped by the system or another program',
    crashed: 'The window’s page crashed',
    oom: 'The window’s page ran out of memory',
    'launch-failed': 'The window’s page could not start',
    'integrity-failure': 'The window’s page failed a code integrity check',
    'memory-eviction': 'The system reclaimed the window’s memory',
  };
  return `${what[reason]}, so Unpod Desk reloaded it. Your saved tasks and sign-in are kept; anything typed but not yet sent may need to be entered again.`;
}

/**
 * Whether to reload after another death: not when the page died `limit` times within
 * `windowMs` (a page that crashes at start would otherwise reload forever).
 */
export function shouldReloadAfterCrash(
  earlierDeaths: readonly number[],
  now: number,
  { limit = 3, windowMs = 60_000 }: { limit?: number; windowMs?: number } = {},
): boolean {
  return earlierDeaths.filter((at) => now - at < windowMs).length < limit - 1;
}
