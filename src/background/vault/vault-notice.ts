// Tells every open page that the vault locked or unlocked, so each follows at once (see shared/vault-notice.ts).
import { type VaultStateNotice, vaultStateNotice } from '../../shared/vault-notice';
import { browser } from '../platform/browser';

/** Not awaited by the lock or the unlock: a page that is not there to hear it changes nothing. */
export function announceVaultState(vault: VaultStateNotice['vault']): void {
  try {
    browser.runtime.sendMessage(vaultStateNotice(vault)).catch(() => undefined);
  } catch {
    // No receiver at all (no page open) throws at once in some browsers: nobody to tell.
  }
}
