// The vault's creation with its first key pair: the passphrase rule, then the key pair's server asked which org it
// belongs to (new-key-pair.ts), then the vault written. Once per install, from the first run's form: it comes with
// the worker's extras (background/extras.ts), and with it the key pairs' identification, Atlas's client included.
import { addProfile, assertPassphrase, emptyContents, publicProfile } from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { identifyNewKeyPair } from './new-key-pair';
import { createNewVault } from './vault-store';

export const vaultCreateHandlers: HandlersOf<Pick<MessageMap, 'vault/create'>> = {
  async 'vault/create'({ passphrase, profile, orgId }) {
    // The passphrase rule first: a weak one fails before any call is made with the key.
    assertPassphrase(passphrase);
    const now = Date.now();
    const identity = await identifyNewKeyPair(profile, orgId, now);
    const { contents, profile: added } = addProfile(emptyContents(), profile, now, identity);
    await createNewVault(passphrase, contents);
    return { profile: publicProfile(added) };
  },
};
