// Which org a key pair belongs to, asked of its own server before the key pair is saved, when it is edited and when
// it is tested, with the key pair's own credential (an API key or a service account's token, as its later calls):
// an Atlas key pair asks the Atlas API (atlas-identity.ts), any other Cloud Manager's or Ops Manager's
// (cloud-manager-identity.ts). The answer is what binds a key pair: the user never binds one by hand. Only the
// settings page's and the first run's forms identify a key pair, so this comes with the worker's extras.
import { CloudManagerError } from '../../core/cloudmanager';
import {
  atlasKeyPairFor,
  type KeyIdentity,
  type Profile,
  profileWithKey,
  requireSideRule,
  type VaultContents,
} from '../../core/vault';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { identifyAtlasKey } from './atlas-identity';
import { identifyCloudManagerKey, type Key } from './cloud-manager-identity';

/**
 * Asks the key's own API: the Atlas Admin API for an Atlas key pair, Cloud Manager's (or Ops Manager's) else. A key
 * pair on a server its side does not have (one a stored vault kept from before that rule) is refused before any call.
 */
export async function identifyKey(key: Key): Promise<KeyIdentity> {
  requireSideRule(key);
  if (key.side === 'atlas') return identifyAtlasKey(key);
  return identifyCloudManagerKey(key);
}

/**
 * Refuses a Cloud Manager key pair for an org the vault knows as an Atlas org (one of its Atlas key pairs is that
 * org's key), as Cloud Manager refuses a link there: the Atlas key pair is the one to use on that org.
 */
export function requireNotAtlasOrg(contents: VaultContents, identity: KeyIdentity): void {
  if (identity.kind !== 'org' || !atlasKeyPairFor(contents.profiles, identity.org.id)) return;
  throw new CloudManagerError('atlas-org');
}

/** Refuses a key of another org where the user saves it for one (its org page): names the org it belongs to. */
export function requireOrg(identity: KeyIdentity, orgId: string | undefined): void {
  // An Atlas key saved for a page's org is that org's key only if the Atlas API named that very org.
  if (!orgId || identity.kind === 'global' || identity.org.id === orgId) return;
  throw keyOfOtherOrg(identity.org);
}

/**
 * Refuses a public key the vault already holds on that server: saved for another org's page, by the name of the
 * org it belongs to (no call needed); otherwise by the name of the key pair that has it.
 */
export function requireNewKey(
  contents: VaultContents,
  key: Pick<Profile, 'publicKey' | 'baseUrl'>,
  options: { orgId?: string; except?: string } = {},
) {
  const twin = profileWithKey(contents, key.publicKey, key.baseUrl, options.except);
  if (!twin) return;
  if (options.orgId && twin.org && twin.org.id !== options.orgId) throw keyOfOtherOrg(twin.org);
  throw new WorkerError('duplicate-key', {
    label: twin.label,
  });
}
