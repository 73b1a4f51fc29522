// Display helpers for values the platform may leave empty or send in lower case.
import { dates } from './dates.ts';

/** "shared" → "Shared"; null/empty → null so the caller can show a "not set" marker. */
export function titleCase(value: string | null | undefined): string | null {
  if (!value) return null;
  return value
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** A short local clock time for an ISO timestamp, or null when it is missing or unreadable. */
export function clockTime(iso: string | null | undefined): string | null {
  return dates.clock(iso);
}
