// Per-org history of the actions taken (time, operation, result, client label — never a key or token), capped,
// in storage.local. The options page shows it and exports it as CSV.
import browser from 'webextension-polyfill';
import type { HistoryEntry } from '../shared/messages';
import { LOCAL } from './storage-keys';

export const HISTORY_CAP = 1000;

export async function readHistory(): Promise<HistoryEntry[]> {
  return ((await browser.storage.local.get(LOCAL.history))[LOCAL.history] as HistoryEntry[] | undefined) ?? [];
}

let chain: Promise<unknown> = Promise.resolve();

export function recordAction(entry: HistoryEntry): Promise<void> {
  const run = chain.then(async () => {
    const entries = await readHistory();
    entries.push(entry);
    await browser.storage.local.set({ [LOCAL.history]: entries.slice(-HISTORY_CAP) });
  });
  chain = run.catch(() => undefined);
  return run;
}

export async function clearHistory(): Promise<void> {
  await browser.storage.local.remove(LOCAL.history);
}
