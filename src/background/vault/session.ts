// The unlocked session: the derived vault key lives only in storage.session, so it survives the worker being
// stopped (MV3) but not a browser restart or an extension reload, which lock the vault by design.
// A lock epoch makes a lock final: a key load or an unlock that was still working when the vault locked caches
// nothing and writes nothing afterwards.
import { exportVaultKey, importVaultKey } from '../../core/vault';
import { WorkerError } from '../messaging/worker-error';
import { removeKeys, serialised } from '../storage/item';
import { lastActivityItem, vaultKeyItem } from '../storage/items';
import { keysOf } from '../storage/keys';
import { announceVaultState } from './vault-notice';

let cachedKey: CryptoKey | undefined;
let epoch = 0;
// The epoch in which a key was last kept. A worker starts in epoch 0 with nothing of an older life running, so it
// needs no memory of a lock that came before it: calls are closed only from a lock to the next unlock in one life.
let keptIn = 0;

/** The current lock epoch: an operation that started in an older one must not bring back what a lock removed. */
export function lockEpoch(): number {
  return epoch;
}

/** False from a lock until the next unlock: nothing may call out with the vault's credentials meanwhile. */
export function unlockedSinceLock(): boolean {
  return keptIn === epoch;
}

export const lockedMeanwhile = () => new WorkerError('vault-locked');

/** Throws `vault-locked` when the vault locked since `since`: checked after every await of a call that sends. */
export function requireSameEpoch(since: number): void {
  if (since !== epoch) throw lockedMeanwhile();
}

/**
 * Keeps the key for this session, unless the vault was locked since `since`: then nothing is kept and the answer
 * is false (an unlock that lost the race says so; a passphrase change that did not is still done).
 */
export async function rememberVaultKey(key: CryptoKey, since = epoch): Promise<boolean> {
  if (since !== epoch) return false;
  const exported = await exportVaultKey(key);
  // Checked inside the key's queue: a lock's removal is queued behind this write or ran before it.
  await vaultKeyItem.update((current) => (since === epoch ? exported : current));
  if (since !== epoch) return false; // an epoch never comes back: locked before that write or after it
  await lastActivityItem.set(Date.now());
  if (since !== epoch) return false;
  cachedKey = key;
  keptIn = epoch;
  announceVaultState('unlocked');
  return true;
}

/** For an unlock: the key is kept, or the caller is told the vault locked while it worked. */
export async function requireRemembered(key: CryptoKey, since: number): Promise<void> {
  if (!(await rememberVaultKey(key, since))) throw lockedMeanwhile();
}

/** The vault key when unlocked; rebuilt from storage.session after a worker restart. */
export async function currentVaultKey(): Promise<CryptoKey | undefined> {
  if (cachedKey) return cachedKey;
  const since = epoch;
  const stored = await vaultKeyItem.get();
  if (stored === undefined) return undefined;
  const key = await importVaultKey(stored);
  if (since !== epoch) return undefined; // locked while the key was read or imported
  cachedKey = key;
  return key;
}

/**
 * The session key as it is when a lock starts, for the lock's token revokes only: called before forgetSession, it
 * reads the key in its own queue, ahead of the wipe the lock queues next, so the lock waits for nothing.
 */
export function keyAheadOfWipe(): Promise<CryptoKey | undefined> {
  if (cachedKey) return Promise.resolve(cachedKey);
  return serialised(`${vaultKeyItem.area}:${vaultKeyItem.key}`, () => vaultKeyItem.get()).then((stored) =>
    stored === undefined ? undefined : importVaultKey(stored),
  );
}

/** Locks: a new epoch, the cached key dropped, and every key the registry marks wipe-on-lock removed. */
export async function forgetSession(): Promise<void> {
  // Stryker disable next-line AssignmentOperator: epochs are only compared for equality; -= 1 never repeats one either
  epoch += 1;
  cachedKey = undefined;
  await removeKeys(keysOf((spec) => spec.wipeOnLock));
  announceVaultState('locked');
}

export async function touchSession(): Promise<void> {
  await lastActivityItem.set(Date.now());
}
