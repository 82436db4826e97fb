// One Cloud Manager (or Atlas) API client per profile, calling with that profile's credential: an API key signs
// each call with HTTP Digest, a service account sends its OAuth access token (core/oauth: one token per account,
// shared by every call, kept in storage.session). A server's nonce is shared by every API key (where the server
// accepts that: it is learnt per server), so a refresh of many orgs, one key pair each, starts with one challenge
// instead of one per key pair. Clients are kept per worker life so the Digest layer's nc reservations stay in one
// place; locking the vault drops them all.
import { type AtlasApi, createAtlasApi } from '../../core/atlas';
import { type CloudManagerApi, createCloudManagerApi } from '../../core/cloudmanager';
import { type Profile, profileCredential } from '../../core/vault';
import { onAllowedServerOnly } from '../settings/managed-settings';
import { withCredentialTexts } from './credential-errors';
import { type SigningKey, signingFetch } from './signing-fetch';

export { type SigningKey, signingFetch } from './signing-fetch';

const clients = new Map<string, { fingerprint: string; api: CloudManagerApi | AtlasApi }>();

function clientFor<A extends CloudManagerApi | AtlasApi>(
  profile: Profile,
  create: (options: { baseUrl: string; fetch: typeof fetch }) => A,
): A {
  // A profile edited since the client was made (new key, new URL, another kind of credential) gets a new client.
  const fingerprint = [profileCredential(profile), profile.publicKey, profile.privateKey, profile.baseUrl].join(
    '\u0000',
  );
  const known = clients.get(profile.id);
  if (known && known.fingerprint === fingerprint) return known.api as A;
  const api = onAllowedServerOnly(
    profile.baseUrl,
    withCredentialTexts(profile, create({ baseUrl: profile.baseUrl, fetch: signingFetch(profile) })),
  );
  clients.set(profile.id, { fingerprint, api });
  return api;
}

/** The Cloud Manager (or Ops Manager) client of a key pair of that side. */
export function apiFor(profile: Profile): CloudManagerApi {
  return clientFor(profile, createCloudManagerApi);
}

/** The Atlas Admin API client of an Atlas key pair: an API key shares the server's nonce like the others. */
export function atlasApiFor(profile: Profile): AtlasApi {
  return clientFor(profile, createAtlasApi);
}

/** A client for a key pair not saved yet (being identified): used for its few calls, then dropped. */
export function apiForKey(key: SigningKey & Pick<Profile, 'baseUrl'>): CloudManagerApi {
  return onAllowedServerOnly(
    key.baseUrl,
    withCredentialTexts(key, createCloudManagerApi({ baseUrl: key.baseUrl, fetch: signingFetch(key) })),
  );
}

export function forgetApiClients(): void {
  clients.clear();
}
