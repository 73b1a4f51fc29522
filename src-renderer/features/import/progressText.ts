// Words for an import's progress: sent / total, rate, time left, problems, why it waits.
import type { ImportProgress, ImportSummary } from '../../../src-main/ipc/contract-imports.ts';
import { plural } from '../tasks/plural.ts';

/** "1 call created", "990 calls created". */
export const createdText = (created: number): string =>
  `${created.toLocaleString()} ${plural(created, 'call', 'calls')} created`;

export function rateText(ratePerSecond: number | null): string {
  if (ratePerSecond === null) return 'measuring…';
  if (ratePerSecond >= 10) return `${Math.round(ratePerSecond).toLocaleString()} leads/s`;
  if (ratePerSecond >= 1) return `${ratePerSecond.toFixed(1)} leads/s`;
  return `${Math.round(ratePerSecond * 60).toLocaleString()} leads/min`;
}

export function timeLeftText(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 1) return 'less than a second';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min`;
}

export function waitingText(progress: ImportProgress, now: number): string | null {
  const wait = progress.waiting;
  if (!wait) return null;
  const seconds = wait.until !== null ? Math.max(0, Math.ceil((wait.until - now) / 1000)) : null;
  const inTime = seconds !== null && seconds > 0 ? ` in ${seconds} s` : '';
  switch (wait.reason) {
    case 'offline':
      return 'Waiting: Unpod cannot be reached. Sending carries on by itself once it answers again.';
    case 'rate_limited':
      return `Unpod asked to slow down: sending carries on${inTime || ' shortly'}.`;
    case 'reconciling':
      return 'Checking with Unpod which leads of an unanswered request were created, so nobody is called twice.';
  }
}

/** "42 of 120 sent". */
export const sentText = (sent: number, total: number): string =>
  `${sent.toLocaleString()} of ${total.toLocaleString()} sent`;

/** An ended import, in a sentence for the page's notice. */
export function endedText(summary: ImportSummary): string {
  const c = summary.counts;
  const parts = [createdText(c.created)];
  if (c.rejected > 0) parts.push(`${c.rejected.toLocaleString()} refused by Unpod`);
  if (c.undecided > 0) parts.push(`${c.undecided.toLocaleString()} waiting for your choice`);
  if (c.skipped > 0) parts.push(`${c.skipped.toLocaleString()} skipped`);
  const what = summary.state === 'cancelled' ? 'cancelled' : 'finished';
  return `Import of ${summary.sourceName} ${what}: ${parts.join(', ')}.`;
}
