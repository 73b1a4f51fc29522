// Which recordings leave the cache to bring it under its size limit: complete, not kept offline
// ("Keep offline" pins are never evicted), least recently played first (a recording never
// played counts from when it was downloaded). Pure, so the order is unit-tested.
import type { RecordingEntry } from '../../store/index.ts';

export interface CacheUsage {
  usedBytes: number;
  count: number;
  pinnedCount: number;
  pinnedBytes: number;
}

export function usageOf(entries: readonly RecordingEntry[]): CacheUsage {
  let usedBytes = 0;
  let count = 0;
  let pinnedCount = 0;
  let pinnedBytes = 0;
  for (const e of entries) {
    if (!e.complete) continue;
    const bytes = e.bytes ?? 0;
    usedBytes += bytes;
    count++;
    if (e.pinned) {
      pinnedCount++;
      pinnedBytes += bytes;
    }
  }
  return { usedBytes, count, pinnedCount, pinnedBytes };
}

const lastUse = (e: RecordingEntry): number => e.lastPlayedAt ?? e.downloadedAt ?? 0;

/**
 * The recordings to delete so that the cache holds at most `limitBytes`, in eviction order.
 * `keep` (the recording being opened right now) is never chosen. When pinned recordings alone
 * exceed the limit, every unpinned one goes and the cache stays over it.
 */
export function chooseEvictions(
  entries: readonly RecordingEntry[],
  limitBytes: number,
  keep: ReadonlySet<string> = new Set(),
): RecordingEntry[] {
  let used = usageOf(entries).usedBytes;
  if (used <= limitBytes) return [];
  const candidates = entries
    .filter((e) => e.complete && !e.pinned && !keep.has(e.taskId))
    .sort((a, b) => lastUse(a) - lastUse(b) || a.taskId.localeCompare(b.taskId));
  const out: RecordingEntry[] = [];
  for (const e of candidates) {
    if (used <= limitBytes) break;
    out.push(e);
    used -= e.bytes ?? 0;
  }
  return out;
}
