// Handlers of the vault itself: unlock, lock, change the passphrase (its creation with a first key pair is
// vault-create-handlers.ts, in the worker's extras). A wrong passphrase changes nothing; a passphrase change is
// atomic (the old vault stays until the new one reads back).
import { changePassphrase } from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { lockNow } from './auto-lock';
import { lockEpoch, rememberVaultKey } from './session';
import { requireEnvelope, underBackoff, unlockWithPassphrase, withVaultLock, writeEnvelope } from './vault-store';

type VaultMessages = Pick<MessageMap, 'vault/unlock' | 'vault/lock' | 'vault/change-passphrase'>;

export const vaultHandlers: HandlersOf<VaultMessages> = {
  'vault/unlock': ({ passphrase }) => unlockWithPassphrase(passphrase),

  async 'vault/lock'() {
    await lockNow();
    return null;
  },

  async 'vault/change-passphrase'({ oldPassphrase, newPassphrase }) {
    const since = lockEpoch();
    // Inside the vault lock: a key pair saved meanwhile waits, then lands in the re-encrypted vault.
    await withVaultLock(async () => {
      const envelope = await requireEnvelope();
      // The old passphrase counts into the unlock's back-off: a change is no faster way to guess it.
      const next = await underBackoff(() => changePassphrase(envelope, oldPassphrase, newPassphrase));
      // The old vault stays in place until the new one has been read back and opened with its key.
      await writeEnvelope(next.envelope, next.key);
      await rememberVaultKey(next.key, since);
    });
    return null;
  },
};
