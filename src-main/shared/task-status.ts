// Task statuses as the supervisor reads them, the same on screen and in the CSV export, and
// which statuses count as a call that was placed (the overview's connect rate).
// Shared by main and the renderer: no Node, electron, DOM or React here.

const LABELS: Readonly<Record<string, string>> = {
  pending: 'Pending',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  partially_completed: 'Partially completed',
  failed: 'Failed',
  hold: 'Hold',
};

/** "in_progress" → "In progress"; an unknown status is shown in words the same way. */
export function statusLabel(status: string): string {
  const known = LABELS[status];
  if (known !== undefined) return known;
  const words = status.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words === '' ? status : words.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/**
 * A call was placed when it was dialled and has ended, whether or not anyone answered. Pending,
 * scheduled, on-hold and in-progress calls have no result yet, so they would only blur the
 * connect rate.
 */
export const PLACED_STATUSES = ['completed', 'partially_completed', 'failed'] as const;
