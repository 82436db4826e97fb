// The unlocked session: the derived vault key lives only in storage.session, so it survives the worker being
// stopped (MV3) but not a browser restart or an extension reload, which lock the vault by design.
import browser from 'webextension-polyfill';
import { exportVaultKey, importVaultKey } from '../core/vault';
import { SESSION } from './storage-keys';

let cachedKey: CryptoKey | undefined;

export async function rememberVaultKey(key: CryptoKey): Promise<void> {
  cachedKey = key;
  await browser.storage.session.set({
    [SESSION.vaultKey]: await exportVaultKey(key),
    [SESSION.lastActivity]: Date.now(),
  });
}

/** The vault key when unlocked; rebuilt from storage.session after a worker restart. */
export async function currentVaultKey(): Promise<CryptoKey | undefined> {
  if (cachedKey) return cachedKey;
  const stored = (await browser.storage.session.get(SESSION.vaultKey))[SESSION.vaultKey];
  if (typeof stored !== 'string') return undefined;
  cachedKey = await importVaultKey(stored);
  return cachedKey;
}

export async function forgetSession(): Promise<void> {
  cachedKey = undefined;
  await browser.storage.session.remove([SESSION.vaultKey, SESSION.lastActivity, SESSION.nonces]);
}

export async function touchSession(): Promise<void> {
  await browser.storage.session.set({ [SESSION.lastActivity]: Date.now() });
}
