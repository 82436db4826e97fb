// The vault as the worker keeps it: the encrypted envelope in storage.local, opened with the session key.
// Wrong passphrases are counted in storage.local so the growing delay survives worker restarts.
import browser from 'webextension-polyfill';
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
  type VaultStorage,
  writeVaultAtomically,
} from '../core/vault';
import type { VaultState } from '../shared/messages';
import { currentVaultKey, forgetSession, rememberVaultKey } from './session';
import { LOCAL } from './storage-keys';
import { WorkerError } from './worker-error';

export const localVaultStorage: VaultStorage = {
  async get(key) {
    return (await browser.storage.local.get(key))[key];
  },
  async set(items) {
    await browser.storage.local.set(items);
  },
  async remove(keys) {
    await browser.storage.local.remove(keys);
  },
};

export async function vaultState(): Promise<VaultState> {
  const envelope = await readVault(localVaultStorage);
  if (!envelope) return 'empty';
  return (await currentVaultKey()) ? 'unlocked' : 'locked';
}

export async function createNewVault(passphrase: string, contents: VaultContents): Promise<void> {
  if (await readVault(localVaultStorage)) {
    throw new WorkerError('vault-exists', 'A vault already exists: unlock it instead of creating a new one.');
  }
  const { envelope, key } = await createVault(passphrase, contents);
  await writeVaultAtomically(localVaultStorage, envelope, async (written) => {
    await openVaultWithKey(written, key);
  });
  await rememberVaultKey(key);
}

interface FailureRecord {
  count: number;
  lastAt: number;
}

export async function unlockWithPassphrase(passphrase: string): Promise<{ upgraded: boolean }> {
  const envelope = await requireEnvelope();
  const failures = ((await browser.storage.local.get(LOCAL.unlockFailures))[LOCAL.unlockFailures] as
    | FailureRecord
    | undefined) ?? { count: 0, lastAt: 0 };
  const waitMs = failures.lastAt + unlockDelayMs(failures.count) - Date.now();
  if (waitMs > 0) {
    throw new WorkerError(
      'too-many-attempts',
      `Too many wrong passphrases: wait ${Math.ceil(waitMs / 1000)} s before trying again.`,
      { seconds: String(Math.ceil(waitMs / 1000)) },
    );
  }
  try {
    const { key, upgraded } = await unlockVault(envelope, passphrase);
    if (upgraded) {
      await writeVaultAtomically(localVaultStorage, upgraded, async (written) => {
        await openVaultWithKey(written, key);
      });
    }
    await browser.storage.local.remove(LOCAL.unlockFailures);
    await rememberVaultKey(key);
    return { upgraded: Boolean(upgraded) };
  } catch (error) {
    if (error instanceof VaultError && error.kind !== 'corrupted' && error.kind !== 'unsupported-version') {
      await browser.storage.local.set({ [LOCAL.unlockFailures]: { count: failures.count + 1, lastAt: Date.now() } });
    }
    throw error;
  }
}

export async function lockVault(): Promise<void> {
  await forgetSession();
}

async function requireEnvelope(): Promise<VaultEnvelope> {
  const envelope = await readVault(localVaultStorage);
  if (!envelope) throw new WorkerError('vault-empty', 'No key pair is saved yet: set up the vault first.');
  return envelope;
}

async function requireKey(): Promise<CryptoKey> {
  const key = await currentVaultKey();
  if (!key) throw new WorkerError('vault-locked', 'The vault is locked: enter your passphrase to unlock it.');
  return key;
}

export async function readContents(): Promise<VaultContents> {
  const envelope = await requireEnvelope();
  return openVaultWithKey(envelope, await requireKey());
}

// Writes are serialised so two handlers never both read-modify-write the envelope and lose one update.
let writeChain: Promise<unknown> = Promise.resolve();

export function updateContents<T>(
  change: (contents: VaultContents) => { contents: VaultContents; result: T },
): Promise<T> {
  const run = writeChain.then(async () => {
    const envelope = await requireEnvelope();
    const key = await requireKey();
    const { contents, result } = change(await openVaultWithKey(envelope, key));
    const next = await sealVault(contents, key, envelope.kdf);
    await writeVaultAtomically(localVaultStorage, next, async (written) => {
      await openVaultWithKey(written, key);
    });
    return result;
  });
  writeChain = run.catch(() => undefined);
  return run;
}
