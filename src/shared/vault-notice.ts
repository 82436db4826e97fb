// The one thing the worker tells the pages unasked: the vault locked or unlocked (auto-lock, a Lock button, an unlock
// on another page), so every open page shows its unlock form or its content at once. Only the state crosses.
import type { VaultState } from './domain';

export interface VaultStateNotice {
  notice: 'vault-state';
  vault: Exclude<VaultState, 'empty'>;
}

export const vaultStateNotice = (vault: VaultStateNotice['vault']): VaultStateNotice => ({
  notice: 'vault-state',
  vault,
});

/** A page's listener also hears what other pages send the worker: only this notice is for it. */
export function isVaultStateNotice(message: unknown): message is VaultStateNotice {
  const m = message as Partial<VaultStateNotice> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.notice === 'vault-state' &&
    (m.vault === 'locked' || m.vault === 'unlocked')
  );
}
