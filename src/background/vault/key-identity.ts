// Which org a key pair belongs to, asked of its own server (`GET /orgs`) before the key pair is saved, when it is
// edited and when it is tested, with the key pair's own credential (an API key or a service account's token, as
// its later calls). A Cloud Manager key sees exactly one org; an Ops Manager key that sees several is
// a global key, bound to its server; an Atlas key pair asks the Atlas API (atlas-identity.ts). The answer is what
// binds a key pair: the user never binds one by hand.
import { CLOUD_MANAGER_BASE, CloudManagerError } from '../../core/cloudmanager';
import {
  atlasKeyPairFor,
  type KeyIdentity,
  type Profile,
  profileWithKey,
  requireSideRule,
  type VaultContents,
} from '../../core/vault';
import { apiForKey } from '../api/api-clients';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { saveOrgStatus } from '../orgs/org-state';
import { identifyAtlasKey } from './atlas-identity';

type Key = Pick<Profile, 'publicKey' | 'privateKey' | 'baseUrl' | 'side' | 'credential' | 'global'>;

/**
 * Asks the key's own API: the Atlas Admin API for an Atlas key pair, Cloud Manager's (or Ops Manager's) else. A key
 * pair on a server its side does not have (one a stored vault kept from before that rule) is refused before any call.
 */
export async function identifyKey(key: Key): Promise<KeyIdentity> {
  requireSideRule(key);
  if (key.side === 'atlas') return identifyAtlasKey(key);
  const api = apiForKey(key);
  const orgs = await api.ownOrgs();
  if (orgs.length === 1) {
    const org = orgs[0]!;
    const projects = await api.projectsOf(org.id);
    // The name is shown everywhere the org is, from now on (dashboard, badge, history).
    await saveOrgStatus(
      org.id,
      key.baseUrl === CLOUD_MANAGER_BASE ? { name: org.name } : { name: org.name, base: key.baseUrl },
    );
    return { kind: 'org', org, projects };
  }
  // Only Ops Manager has keys that span orgs; Cloud Manager answering otherwise is not the API we know.
  if (key.baseUrl === CLOUD_MANAGER_BASE) throw new CloudManagerError('unexpected-response');
  return { kind: 'global' };
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
