// Per-org history of the actions taken (time, operation, result, client label — never a key or token), capped,
// in storage.local. The options page shows it and exports it as CSV.
import type { HistoryEntry } from '../../shared/domain';
import { historyItem } from '../storage/items';

export const HISTORY_CAP = 1000;

export function readHistory(): Promise<HistoryEntry[]> {
  return historyItem.get();
}

export async function recordAction(entry: HistoryEntry): Promise<void> {
  await historyItem.update((entries) => [...entries, entry].slice(-HISTORY_CAP));
}

export async function clearHistory(): Promise<void> {
  await historyItem.remove();
}
