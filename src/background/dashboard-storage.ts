// What the dashboard keeps in extension storage: the refresh concurrency the user chose (storage.local) and the
// last refresh run's summary (storage.session), which tells a page that a run was cut short by a worker restart.
// No secrets: numbers, ids and states only.
import browser from 'webextension-polyfill';
import type { RefreshProgress } from '../shared/dashboard-messages';

// Kept beside the worker's other keys in spirit (storage-keys.ts); named here so this feature stays in its files.
export const DASHBOARD_LOCAL = { concurrency: 'dashboardConcurrency' } as const;
export const DASHBOARD_SESSION = { refresh: 'dashboardRefresh' } as const;

export const DEFAULT_REFRESH_CONCURRENCY = 4;
export const MAX_REFRESH_CONCURRENCY = 8;

export function clampConcurrency(value: unknown): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n)) return DEFAULT_REFRESH_CONCURRENCY;
  return Math.min(MAX_REFRESH_CONCURRENCY, Math.max(1, n));
}

export async function readConcurrency(): Promise<number> {
  const stored = (await browser.storage.local.get(DASHBOARD_LOCAL.concurrency))[DASHBOARD_LOCAL.concurrency];
  return stored === undefined ? DEFAULT_REFRESH_CONCURRENCY : clampConcurrency(stored);
}

export async function saveConcurrency(value: number): Promise<void> {
  await browser.storage.local.set({ [DASHBOARD_LOCAL.concurrency]: clampConcurrency(value) });
}

/** The run's counts without its per-org items: enough to say how far it got. */
export type StoredRefresh = Omit<RefreshProgress, 'items'>;

export async function readStoredRefresh(): Promise<StoredRefresh | undefined> {
  return (await browser.storage.session.get(DASHBOARD_SESSION.refresh))[DASHBOARD_SESSION.refresh] as
    | StoredRefresh
    | undefined;
}

export async function storeRefresh(progress: RefreshProgress): Promise<void> {
  const { items: _items, ...summary } = progress;
  await browser.storage.session.set({ [DASHBOARD_SESSION.refresh]: summary });
}
