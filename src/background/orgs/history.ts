// The audit log of the actions taken (UTC time, org, operation, outcome, client label and public key, the token's
// one-way fingerprint, the Atlas target — never a secret or a token), in storage.local. Append-only: an entry is
// never edited; the cap drops the oldest only (each entry's `seq` lets the page count what was dropped), and a
// clear leaves one 'clear-log' entry saying when and how many entries went. The options page shows and exports it.
import type { HistoryEntry } from '../../shared/domain';
import { historyItem } from '../storage/items';

export const HISTORY_CAP = 1000;

export function readHistory(): Promise<HistoryEntry[]> {
  return historyItem.get();
}

/** The next entry's place: one after the last (entries from before `seq` count by position). */
const nextSeq = (entries: readonly HistoryEntry[]) => (entries.at(-1)?.seq ?? entries.length) + 1;

export async function recordAction(entry: Omit<HistoryEntry, 'seq'>): Promise<void> {
  await historyItem.update((entries) => [...entries, { ...entry, seq: nextSeq(entries) }].slice(-HISTORY_CAP));
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
