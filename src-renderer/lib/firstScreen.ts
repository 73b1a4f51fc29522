// While the app opens on a screen whose first data is on its way (the task list), loads that
// only feed menus and pickers wait until that screen has painted, so the two do not compete
// for the main thread and the web host. Any other time they run at once.

/** Resolves once the first screen has painted; null when nothing is held. */
let held: Promise<void> | null = null;

/** The longest a secondary load waits, should the first screen's data never come. */
const MAX_HOLD_MS = 1500;

/** Holds secondary loads until `ready` resolves and the next frame is painted (or MAX_HOLD_MS). */
export function holdSecondaryLoads(ready: Promise<unknown>): void {
  const painted = ready.then(
    () =>
      new Promise<void>((resolve) => {
        // The frame that shows the data, then the task after it.
        requestAnimationFrame(() => setTimeout(resolve, 0));
      }),
  );
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, MAX_HOLD_MS));
  const current: Promise<void> = Promise.race([painted, timeout]).then(() => {
    if (held === current) held = null;
  });
  held = current;
}

/** Runs `load` now, or once the first screen has painted; returns the cancel. */
export function afterFirstScreen(load: () => void): () => void {
  if (held === null) {
    load();
    return () => {};
  }
  let cancelled = false;
  void held.then(() => {
    if (!cancelled) load();
  });
  return () => {
    cancelled = true;
  };
}
