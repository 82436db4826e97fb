// The worker's storage items, typed, one per registry key (the vault envelope itself is written by
// core/vault/storage.ts through vaultStorage below). Readers drop malformed stored values instead of failing.
import type { NonceRecord } from '../../core/digest';
import type { TokenRecord } from '../../core/oauth';
import type { VaultStorage } from '../../core/vault';
import type { RefreshProgress } from '../../shared/dashboard-messages';
import type { HistoryEntry, Operation, OrgStatusRecord, Settings } from '../../shared/domain';
import { POPUP_SNAPSHOTS_KEY, type PopupSnapshot } from '../../shared/popup-snapshot';
import { storageArea } from './areas';
import { item, serialised } from './item';
import { STORAGE_KEYS, type StorageKey } from './keys';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A table of objects: entries that are not objects are dropped, so one bad record never breaks the others. */
export function tableOf<V>(valid: (value: Record<string, unknown>) => boolean) {
  return (stored: unknown): Record<string, V> | undefined => {
    if (!isObject(stored)) return undefined;
    const table: Record<string, V> = {};
    for (const [key, value] of Object.entries(stored)) if (isObject(value) && valid(value)) table[key] = value as V;
    return table;
  };
}

export type InFlightNote = { operation: Operation; startedAt: number };
export type FailureRecord = { count: number; lastAt: number };
/** The last refresh run's counts without its per-org items: enough to say how far it got. */
export type StoredRefresh = Omit<RefreshProgress, 'items'>;
export type AutoCheckBudget = { windowStart: number; used: number };

export const orgStatusItem = item<Record<string, OrgStatusRecord>>('orgStatus', {
  fallback: {},
  read: tableOf((r) => typeof r.orgId === 'string'),
});
export const groupOrgItem = item<Record<string, { orgId: string; name?: string }>>('groupOrg', {
  fallback: {},
  read: tableOf((r) => typeof r.orgId === 'string'),
});
/** Link-token fingerprint → the org it was used for (never the token). */
export const tokenFingerprintsItem = item<Record<string, string>>('tokenFingerprints', {
  fallback: {},
  read: (stored) =>
    isObject(stored)
      ? (Object.fromEntries(Object.entries(stored).filter(([, v]) => typeof v === 'string')) as Record<string, string>)
      : undefined,
});
export const settingsItem = item<Partial<Settings>>('settings', {
  fallback: {},
  read: (s) => (isObject(s) ? s : undefined),
});
export const unlockFailuresItem = item<FailureRecord>('unlockFailures', {
  fallback: { count: 0, lastAt: 0 },
  read: (s) =>
    isObject(s) && typeof s.count === 'number' && typeof s.lastAt === 'number' ? (s as FailureRecord) : undefined,
});
export const historyItem = item<HistoryEntry[]>('history', {
  fallback: [],
  read: (s) => (Array.isArray(s) ? s.filter((e) => isObject(e) && typeof e.orgId === 'string') : undefined),
});
// Stryker disable next-line ObjectLiteral: an item with no fallback falls back to undefined just the same
export const concurrencyItem = item<number | undefined>('dashboardConcurrency', { fallback: undefined });

export const vaultKeyItem = item<string | undefined>('vaultKey', {
  fallback: undefined,
  read: (s) => (typeof s === 'string' ? s : undefined),
});
export const lastActivityItem = item<number>('lastActivity', { fallback: 0 });
export const noncesItem = item<Record<string, NonceRecord>>('digestNonces', {
  fallback: {},
  read: tableOf(() => true),
});
/** Service accounts' access tokens by token-store key (never a client secret); the token client checks each record. */
export const oauthTokensItem = item<Record<string, TokenRecord>>('oauthTokens', {
  fallback: {},
  read: tableOf(() => true),
});
export const inFlightItem = item<Record<string, InFlightNote>>('inFlight', {
  fallback: {},
  read: tableOf((r) => typeof r.operation === 'string' && typeof r.startedAt === 'number'),
});
/** The org panels the next popups paint first, most recent first (the popup reads the key itself, never writes). */
export const popupSnapshotsItem = item<PopupSnapshot[]>(POPUP_SNAPSHOTS_KEY, {
  fallback: [],
  read: (s) =>
    Array.isArray(s) ? s.filter((e) => isObject(e) && typeof e.page === 'string' && Array.isArray(e.urls)) : undefined,
});
export const refreshRunItem = item<StoredRefresh | undefined>('dashboardRefresh', {
  fallback: undefined,
  read: (s) => (isObject(s) ? (s as unknown as StoredRefresh) : undefined),
});
export const autoCheckBudgetItem = item<AutoCheckBudget>('autoCheckBudget', { fallback: { windowStart: 0, used: 0 } });

/** The vault envelope's two keys, as core/vault/storage.ts expects them; each write waits for that key's queue. */
export const vaultStorage: VaultStorage = {
  async get(key) {
    return (await storageArea('local').get(key))[key];
  },
  async set(items) {
    await Promise.all(
      Object.entries(items).map(([key, value]) =>
        // Stryker disable next-line StringLiteral: only vaultStorage queues the envelope keys, and core/vault awaits each write in turn
        serialised(`local:${key}`, () => storageArea(areaOf(key)).set({ [key]: value })),
      ),
    );
  },
  async remove(keys) {
    // Stryker disable next-line StringLiteral: only vaultStorage queues the envelope keys, and core/vault awaits each write in turn
    await Promise.all(keys.map((key) => serialised(`local:${key}`, () => storageArea(areaOf(key)).remove(key))));
  },
};

function areaOf(key: string) {
  const spec = (STORAGE_KEYS as Record<string, { area: 'local' | 'session' }>)[key];
  if (!spec) throw new Error(`unregistered storage key: ${key}`);
  return spec.area;
}

export type { StorageKey };
