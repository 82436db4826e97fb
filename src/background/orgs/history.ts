// The audit log of the actions taken (UTC time, org, operation, outcome, client label and public key, the token's
// one-way fingerprint, the Atlas target — never a secret or a token), in storage.local. Append-only: an entry is
// never edited; the cap drops the oldest only (each entry's `seq` lets the page count what was dropped), and a
// clear leaves one 'clear-log' entry saying when and how many entries went. The options page shows and exports it.
import { MAX_HISTORY_ENTRIES, mergeHistoryEntries, type WorkspaceHistoryEntry } from '../../core/vault';
import { cut } from '../../core/vault/identity';
import type { HistoryEntry } from '../../shared/domain';
import { historyItem } from '../storage/items';

// The bound, both ways, whichever is reached first: at most HISTORY_CAP entries and at most HISTORY_MAX_BYTES of
// JSON (UTF-8, as Chrome counts storage.local's 10 MB quota), the oldest dropped first. Every text field of an entry
// is cut to 256 characters without unsafe ones when recorded (names a server gave are cut already; this also holds
// for a name stored before that, or a field added later). Worst case of one entry, measured (history-bound.test.ts):
// orgName 256 four-byte characters (1,024 B), profileLabel 200 three-byte ones (600 B), publicKey 200 ASCII
// (200 B), the ids, kind, fingerprint, numbers and field names (≈ 330 B): ≈ 2.2 KB, so 1 MiB holds ≥ 470 such
// entries and ≈ 3,000 ordinary ones (≈ 330 B): the count is the bound in ordinary use. Before: one 200,000-character
// name made each entry ≈ 200 KB of JSON, and 15 links made history 3.0 MB (6.0 MB as the worker's UTF-16 strings);
// the same 15 links now make 7.4 KB.
export const HISTORY_CAP = MAX_HISTORY_ENTRIES;
export const HISTORY_MAX_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();
const bytesOf = (entry: HistoryEntry) => utf8.encode(JSON.stringify(entry)).length + 1; // with its comma

/** The entry with every text field cut to 256 characters, display-safe (an id, a kind or a fingerprint is unchanged). */
function boundedEntry<T extends object>(entry: T): T {
  const bounded = { ...entry } as Record<string, unknown>;
  for (const [field, value] of Object.entries(bounded)) {
    if (typeof value === 'string') bounded[field] = cut(value);
  }
  return bounded as T;
}

/** The newest entries within the count and the bytes bound (the oldest go first). */
function withinBound(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const kept = entries.slice(-HISTORY_CAP);
  let bytes = 2 + kept.reduce((sum, e) => sum + bytesOf(e), 0);
  let first = 0;
  while (bytes > HISTORY_MAX_BYTES && first < kept.length - 1) bytes -= bytesOf(kept[first++]!);
  return kept.slice(first);
}

export function readHistory(): Promise<HistoryEntry[]> {
  return historyItem.get();
}

/** The next entry's place: one after the last (entries from before `seq` count by position). */
const nextSeq = (entries: readonly HistoryEntry[]) => (entries.at(-1)?.seq ?? entries.length) + 1;

export async function recordAction(entry: Omit<HistoryEntry, 'seq'>): Promise<void> {
  await historyItem.update((entries) => withinBound([...entries, boundedEntry({ ...entry, seq: nextSeq(entries) })]));
}

/**
 * Adds a backup's entries this history lacks (the same event is never listed twice), in time order and within the
 * bound; answers how many were new.
 */
export function mergeIntoHistory(incoming: readonly WorkspaceHistoryEntry[]): Promise<number> {
  return historyItem.modify((entries) => {
    const merged = mergeHistoryEntries(entries, incoming);
    return [withinBound(merged.entries.map(boundedEntry)), merged.added];
  });
}

/** Empties the log but for the one entry that says it was cleared, when, and how many entries it held. */
export function clearHistory(now = Date.now()): Promise<HistoryEntry> {
  return historyItem.modify((entries) => {
    const cleared: HistoryEntry = {
      time: now,
      orgId: '',
      operation: 'clear-log',
      result: 'cleared',
      ok: true,
      profileLabel: '',
      seq: 1,
      clearedCount: entries.length,
    };
    return [[cleared], cleared];
  });
}
