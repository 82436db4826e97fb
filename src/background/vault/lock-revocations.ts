// What the lock revokes: every live access token of the vault's service accounts. Tokens and session key are read in
// their storage keys' own queues, ahead of the wipe the lock queues right after, so the lock neither waits for the
// capture nor loses what it wipes; the secrets are opened from the captured key after the wipe, in memory only, and
// dropped once the revokes are sent. Nothing here writes to storage: after a lock, nothing new is stored.
import { openVaultWithKey, profileCredential, readVault } from '../../core/vault';
import { type Revocation, revocationsIn, storedTokensAheadOfWipe } from '../api/token-revocation';
import { vaultStorage } from '../storage/items';
import { keyAheadOfWipe } from './session';

/** Call before the wipe (forgetSession): the reads are queued at once; the answer comes after the wipe. */
export function captureRevocations(): Promise<Revocation[]> {
  const tokens = storedTokensAheadOfWipe();
  const key = keyAheadOfWipe().catch(() => undefined);
  return (async () => {
    const table = await tokens;
    // No service account held a token this session: the vault is not even opened.
    if (Object.keys(table).length === 0) return [];
    const vaultKey = await key;
    const envelope = vaultKey && (await readVault(vaultStorage));
    if (!vaultKey || !envelope) return [];
    const { profiles } = await openVaultWithKey(envelope, vaultKey);
    const accounts = profiles
      .filter((p) => profileCredential(p) === 'service-account')
      .map((p) => ({ clientId: p.publicKey, clientSecret: p.privateKey }));
    return revocationsIn(table, accounts, Date.now());
  })().catch(() => []); // the vault changed or cannot be read: the lock revokes nothing, and locks all the same
}
