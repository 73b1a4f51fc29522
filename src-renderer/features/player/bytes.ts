// Sizes as the user reads them (1 decimal, binary units named as people say them: MB, GB).

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} bytes`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${UNITS[unit]}`;
}

/** A limit typed in GB ("2", "0.5", "1,5"), in bytes; null when it is not a number. */
export function parseLimitGb(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const gb = Number(cleaned);
  return Number.isFinite(gb) ? Math.round(gb * 1024 ** 3) : null;
}

export const bytesToGb = (bytes: number): string => String(Math.round((bytes / 1024 ** 3) * 100) / 100);
