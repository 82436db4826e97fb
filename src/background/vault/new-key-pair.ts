// A key pair about to be saved (a new vault's first, or one more): the form checked, then its server asked which
// org the key belongs to. Nothing is saved for a key the server refuses, and a key of another org than the page's
// is refused by name.
import { addProfile, emptyContents, type KeyIdentity, type ProfileInput } from '../../core/vault';
import { identifyKey, requireOrg } from './key-identity';

export async function identifyNewKeyPair(
  input: ProfileInput,
  orgId: string | undefined,
  now: number,
): Promise<KeyIdentity> {
  const draft = addProfile(emptyContents(), input, now).profile;
  const identity = await identifyKey(draft);
  requireOrg(identity, orgId);
  return identity;
}
