// Which org a Cloud Manager or Ops Manager key pair belongs to, asked of its own server (`GET /orgs`) with its own
// credential. A Cloud Manager key sees exactly one org; an Ops Manager key that sees several is a global key, bound
// to its server. Apart from key-identity.ts, which also asks Atlas for an Atlas key pair: a project page's org is
// found with a key pair saved before keys were identified (orgs/locations.ts), never an Atlas one, so the worker's
// start holds this and not the Atlas client (#33 item 4: key-identity.ts comes with the worker's extras).
import { CLOUD_MANAGER_BASE, CloudManagerError } from '../../core/cloudmanager';
import { type KeyIdentity, type Profile, requireSideRule } from '../../core/vault';
import { apiForKey } from '../api/api-clients';
import { saveOrgStatus } from '../orgs/org-state';

export type Key = Pick<Profile, 'publicKey' | 'privateKey' | 'baseUrl' | 'side' | 'credential' | 'global'>;

/**
 * A Cloud Manager (or Ops Manager) key pair's org, or `global` for an Ops Manager key that sees several. A key pair
 * on a server its side does not have is refused before any call.
 */
export async function identifyCloudManagerKey(key: Key): Promise<KeyIdentity> {
  requireSideRule(key);
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
