// Display helpers for values the platform may leave empty or send in lower case.

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
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
