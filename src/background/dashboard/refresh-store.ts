// What the dashboard keeps in extension storage: the refresh concurrency the user chose (storage.local) and the
// last refresh run's summary (storage.session), which tells a page that a run was cut short by a worker restart.
// No secrets: numbers, ids and states only.
import type { RefreshProgress } from '../../shared/dashboard-messages';
import { concurrencyItem, refreshRunItem, type StoredRefresh } from '../storage/items';

export type { StoredRefresh } from '../storage/items';

export const DEFAULT_REFRESH_CONCURRENCY = 4;
export const MAX_REFRESH_CONCURRENCY = 8;

export function clampConcurrency(value: unknown): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n)) return DEFAULT_REFRESH_CONCURRENCY;
  return Math.min(MAX_REFRESH_CONCURRENCY, Math.max(1, n));
}

export async function readConcurrency(): Promise<number> {
  return clampConcurrency(await concurrencyItem.get());
}

export async function saveConcurrency(value: number): Promise<void> {
  await concurrencyItem.set(clampConcurrency(value));
}

export function readStoredRefresh(): Promise<StoredRefresh | undefined> {
  return refreshRunItem.get();
}

export async function storeRefresh(progress: RefreshProgress): Promise<void> {
  const { items: _items, ...summary } = progress;
  await refreshRunItem.set(summary);
}
