// The vault as the worker keeps it: the encrypted envelope in storage.local, opened with the session key.
// Every write (create, key pairs, bindings, passphrase change, backup import, the KDF upgrade at unlock) takes one
// lock and re-reads the envelope inside it, so no write is computed from a vault another write has replaced.
// Wrong passphrases are counted in storage.local so the growing delay survives worker restarts.
import {
  createVault,
  openVaultWithKey,
  readVault,
  sealVault,
  unlockDelayMs,
  unlockVault,
  type VaultContents,
  type VaultEnvelope,
  VaultError,
  writeVaultAtomically,
} from '../../core/vault';
import type { VaultState } from '../../shared/domain';
import { WorkerError } from '../messaging/worker-error';
import { forgetPopupSnapshots } from '../orgs/popup-snapshots';
import { serialised } from '../storage/item';
import { unlockFailuresItem, vaultStorage } from '../storage/items';
import { dropContents, keepContents, keptContents } from './contents-cache';
import { currentVaultKey, forgetSession, lockEpoch, requireRemembered } from './session';

/** Runs `work` alone among vault writes: the one lock every write of the envelope takes. */
export function withVaultLock<T>(work: () => Promise<T>): Promise<T> {
  // Stryker disable next-line StringLiteral: the name only has to differ from the storage queues' (area:key); "" does
  return serialised('vault-lock', work);
}

/** Writes the envelope (staged, verified with `key`, promoted). Only inside withVaultLock. */
export async function writeEnvelope(envelope: VaultEnvelope, key: CryptoKey): Promise<void> {
  dropContents();
  await forgetPopupSnapshots();
  await writeVaultAtomically(vaultStorage, envelope, async (written) => {
    await openVaultWithKey(written, key);
  });
}

export async function vaultState(): Promise<VaultState> {
  const envelope = await readVault(vaultStorage);
  if (!envelope) return 'empty';
  return (await currentVaultKey()) ? 'unlocked' : 'locked';
}

export function createNewVault(passphrase: string, contents: VaultContents): Promise<void> {
  const since = lockEpoch();
  return withVaultLock(async () => {
    if (await readVault(vaultStorage)) {
      throw new WorkerError('vault-exists');
    }
    const { envelope, key } = await createVault(passphrase, contents);
    await writeEnvelope(envelope, key);
    await requireRemembered(key, since);
  });
}

/** Refuses a try while the delay earned by earlier wrong passphrases runs. */
async function refuseWhileWaiting(): Promise<void> {
  const failures = await unlockFailuresItem.get();
  const waitMs = failures.lastAt + unlockDelayMs(failures.count) - Date.now();
  if (waitMs > 0) {
    throw new WorkerError('too-many-attempts', { seconds: String(Math.ceil(waitMs / 1000)) });
  }
}

export async function unlockWithPassphrase(passphrase: string): Promise<{ upgraded: boolean }> {
  const since = lockEpoch();
  await refuseWhileWaiting(); // at once, without waiting for the lock
  return withVaultLock(async () => {
    // Again inside the lock: tries sent together are tried one after another, each against the count the ones
    // before it left, so a burst cannot test several passphrases within one delay.
    await refuseWhileWaiting();
    const envelope = await requireEnvelope();
    try {
      const { key, upgraded } = await unlockVault(envelope, passphrase);
      if (upgraded) await writeEnvelope(upgraded, key);
      await unlockFailuresItem.remove();
      await requireRemembered(key, since);
      return { upgraded: Boolean(upgraded) };
    } catch (error) {
      if (error instanceof VaultError && error.kind !== 'corrupted' && error.kind !== 'unsupported-version') {
        await countFailure();
      }
      throw error;
    }
  });
}

const countFailure = () => unlockFailuresItem.update((f) => ({ count: f.count + 1, lastAt: Date.now() }));

/**
 * Tries a passphrase other than the unlock's (the old one of a passphrase change) under the same back-off, inside
 * the vault lock: refused while the delay runs, a wrong one counted, a right one clears the count. So a change
 * cannot test passphrases faster than the unlock form, locked or not.
 */
export async function underBackoff<T>(attempt: () => Promise<T>): Promise<T> {
  await refuseWhileWaiting();
  try {
    const result = await attempt();
    await unlockFailuresItem.remove();
    return result;
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'wrong-passphrase') await countFailure();
    throw error;
  }
}

export async function lockVault(): Promise<void> {
  dropContents();
  await forgetSession();
}

export async function requireEnvelope(): Promise<VaultEnvelope> {
  const envelope = await readVault(vaultStorage);
  if (!envelope) throw new WorkerError('vault-empty');
  return envelope;
}

async function requireKey(): Promise<CryptoKey> {
  const key = await currentVaultKey();
  if (!key) throw new WorkerError('vault-locked');
  return key;
}

/** Decrypted once per unlock and envelope (contents-cache.ts); the key is required on every read all the same. */
async function openCurrent(): Promise<VaultContents> {
  const since = lockEpoch();
  const envelope = await requireEnvelope();
  const key = await requireKey();
  const kept = keptContents(since, envelope);
  if (kept) return kept;
  const contents = await openVaultWithKey(envelope, key);
  if (since === lockEpoch()) keepContents(since, envelope, contents);
  return contents;
}

/**
 * The vault's contents, read without the lock. A read that lands between a passphrase change's write and its new
 * key (the envelope new, the key old) does not open: it is read again once that write is over, never reported as
 * a wrong passphrase.
 */
export async function readContents(): Promise<VaultContents> {
  try {
    return await openCurrent();
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'wrong-passphrase') return withVaultLock(openCurrent);
    throw error;
  }
}

/** A read-modify-write of the vault's contents under the vault lock; `change` may be async and may throw. */
export function updateContents<T>(
  change: (
    contents: VaultContents,
  ) => { contents: VaultContents; result: T } | Promise<{ contents: VaultContents; result: T }>,
): Promise<T> {
  return withVaultLock(async () => {
    const envelope = await requireEnvelope();
    const key = await requireKey();
    const { contents, result } = await change(await openVaultWithKey(envelope, key));
    await writeEnvelope(await sealVault(contents, key, envelope.kdf), key);
    return result;
  });
}
