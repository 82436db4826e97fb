// Every key the worker keeps in extension storage, in one registry: the lock wipe and the e2e secret scans
// iterate it, so a new key cannot be forgotten by either. Pure data (tests in Node import it).
// storage.local holds only encrypted or non-secret data; storage.session (memory, trusted contexts only) holds the
// unlocked vault key, the Digest nonces and the service accounts' access tokens, wiped on lock.
import type { AreaName } from './areas';

export interface KeySpec {
  area: AreaName;
  /** Removed when the vault locks (the unlocked session and what only makes sense inside it). */
  wipeOnLock: boolean;
  /** Holds ciphertext only: a scan may find base64 there but never a plain secret. */
  encrypted?: boolean;
  /**
   * Read into the worker's copy as it starts (areas.ts, readAhead): what a popup's first message reads, so that a
   * cold worker answers it from memory instead of one round trip after another.
   */
  readAtStart?: boolean;
}

export const STORAGE_KEYS = {
  vault: { area: 'local', wipeOnLock: false, encrypted: true, readAtStart: true },
  'vault.next': { area: 'local', wipeOnLock: false, encrypted: true, readAtStart: true },
  orgStatus: { area: 'local', wipeOnLock: false, readAtStart: true },
  groupOrg: { area: 'local', wipeOnLock: false, readAtStart: true },
  tokenFingerprints: { area: 'local', wipeOnLock: false },
  settings: { area: 'local', wipeOnLock: false, readAtStart: true },
  unlockFailures: { area: 'local', wipeOnLock: false },
  history: { area: 'local', wipeOnLock: false },
  dashboardConcurrency: { area: 'local', wipeOnLock: false },
  storageVersions: { area: 'local', wipeOnLock: false },
  // The migration cockpit: the migrations started and each plan's last validation (ids and statuses, no secret).
  migrations: { area: 'local', wipeOnLock: false, readAtStart: true },
  migrationValidations: { area: 'local', wipeOnLock: false },
  // Each deployment's verdict when last seen and its last validated plan (names, options, outcome; no secret).
  migrationPlans: { area: 'local', wipeOnLock: false },
  // The batch: plans put aside to validate and start together (ids, names, options; never a credential).
  migrationBatch: { area: 'local', wipeOnLock: false },
  vaultKey: { area: 'session', wipeOnLock: true, readAtStart: true },
  lastActivity: { area: 'session', wipeOnLock: true, readAtStart: true },
  digestNonces: { area: 'session', wipeOnLock: true, readAtStart: true },
  oauthTokens: { area: 'session', wipeOnLock: true, readAtStart: true },
  inFlight: { area: 'session', wipeOnLock: false, readAtStart: true },
  // The org panels last answered per page, painted by the next popup while the worker starts (popup-snapshot.ts);
  // read at start because each context/get's answer is kept in it right after.
  popupSnapshots: { area: 'session', wipeOnLock: true, readAtStart: true },
  dashboardRefresh: { area: 'session', wipeOnLock: false },
  autoCheckBudget: { area: 'session', wipeOnLock: false },
  // Until when the migration watch asks Atlas nothing, after a 429 named a wait.
  migrationWatch: { area: 'session', wipeOnLock: false },
} as const satisfies Record<string, KeySpec>;

export type StorageKey = keyof typeof STORAGE_KEYS;

export const keysOf = (predicate: (spec: KeySpec) => boolean): StorageKey[] =>
  (Object.keys(STORAGE_KEYS) as StorageKey[]).filter((key) => predicate(STORAGE_KEYS[key]));
