// Which Atlas org an Atlas key pair belongs to, asked of the Atlas Admin API (`GET /api/atlas/v2/orgs`) with the
// same signing as Cloud Manager's calls (Digest and its nonce store, or a service account's shared token): an Atlas
// org API key or service account sees exactly its own org.
import { createAtlasApi } from '../../core/atlas';
import { CloudManagerError } from '../../core/cloudmanager';
import type { KeyIdentity, Profile } from '../../core/vault';
import { withCredentialTexts } from '../api/credential-errors';
import { signingFetch } from '../api/signing-fetch';
import { onAllowedServerOnly } from '../settings/managed-settings';

type Key = Pick<Profile, 'publicKey' | 'privateKey' | 'baseUrl' | 'credential'>;

/**
 * An Atlas client for a key pair being identified: used for its one listing, then dropped. Like every other client,
 * its calls to a server other than Cloud Manager's first pass the organization's list of allowed servers.
 */
export function atlasApiForKey(key: Key) {
  // An Atlas for Government address is refused here, before any request (atlas-for-government).
  return onAllowedServerOnly(
    key.baseUrl,
    withCredentialTexts(key, createAtlasApi({ baseUrl: key.baseUrl, fetch: signingFetch(key) })),
  );
}

/**
 * The Atlas org the key belongs to. A key that sees none is not an Atlas org's key (a Cloud Manager key, most
 * likely: not-atlas-org, whose text the form completes with "choose Cloud Manager"); one that sees several is not
 * the org API key this extension knows.
 */
export async function identifyAtlasKey(key: Key): Promise<KeyIdentity> {
  const orgs = await atlasApiForKey(key).listOrgs();
  if (orgs.length === 1) return { kind: 'atlas-org', org: orgs[0]! };
  if (orgs.length === 0) throw new CloudManagerError('not-atlas-org');
  throw new CloudManagerError('unexpected-response', { variant: 'atlas' });
}
