// Handlers of the vault itself: create it (with its first key pair), unlock, lock, change the passphrase. A wrong
// passphrase changes nothing; a passphrase change is atomic (the old vault stays until the new one reads back).
import { addProfile, assertPassphrase, changePassphrase, emptyContents, publicProfile } from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { lockNow } from './auto-lock';
import { identifyNewKeyPair } from './new-key-pair';
import { lockEpoch, rememberVaultKey } from './session';
import {
  createNewVault,
  requireEnvelope,
  underBackoff,
  unlockWithPassphrase,
  withVaultLock,
  writeEnvelope,
} from './vault-store';

type VaultMessages = Pick<MessageMap, 'vault/create' | 'vault/unlock' | 'vault/lock' | 'vault/change-passphrase'>;

export const vaultHandlers: HandlersOf<VaultMessages> = {
  async 'vault/create'({ passphrase, profile, orgId }) {
    // The passphrase rule first: a weak one fails before any call is made with the key.
    assertPassphrase(passphrase);
    const now = Date.now();
    const identity = await identifyNewKeyPair(profile, orgId, now);
    const { contents, profile: added } = addProfile(emptyContents(), profile, now, identity);
    await createNewVault(passphrase, contents);
    return { profile: publicProfile(added) };
  },

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
