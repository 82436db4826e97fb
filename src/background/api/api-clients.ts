// One Cloud Manager API client per profile, signing with that profile's key pair. A server's nonce is shared by
// every key pair (where the server accepts that: it is learnt per server), so a refresh of many orgs, one key pair
// each, starts with one challenge instead of one per key pair. Clients are kept per worker
// life so the Digest layer's nc reservations stay in one place; locking the vault drops them all.
import { type AtlasApi, createAtlasApi } from '../../core/atlas';
import { type CloudManagerApi, createCloudManagerApi } from '../../core/cloudmanager';
import { createDigestFetch } from '../../core/digest';
import type { Profile } from '../../core/vault';
import { sessionNonceStore } from './nonce-store';

const clients = new Map<string, { fingerprint: string; api: CloudManagerApi | AtlasApi }>();

function clientFor<A extends CloudManagerApi | AtlasApi>(
  profile: Profile,
  create: (options: { baseUrl: string; fetch: typeof fetch }) => A,
): A {
  // A profile edited since the client was made (new key, new URL) gets a new client.
  const fingerprint = `${profile.publicKey}\u0000${profile.privateKey}\u0000${profile.baseUrl}`;
  const known = clients.get(profile.id);
  if (known && known.fingerprint === fingerprint) return known.api as A;
  const digestFetch = createDigestFetch(
    { username: profile.publicKey, password: profile.privateKey },
    { store: sessionNonceStore, shareNonceAcrossKeys: true },
  );
  const api = create({ baseUrl: profile.baseUrl, fetch: digestFetch });
  clients.set(profile.id, { fingerprint, api });
  return api;
}

/** The Cloud Manager (or Ops Manager) client of a key pair of that side. */
export function apiFor(profile: Profile): CloudManagerApi {
  return clientFor(profile, createCloudManagerApi);
}

/** The Atlas Admin API client of an Atlas key pair: its Digest layer shares the server's nonce like the others. */
export function atlasApiFor(profile: Profile): AtlasApi {
  return clientFor(profile, createAtlasApi);
}

/** A client for a key pair not saved yet (being identified): used for its few calls, then dropped. */
export function apiForKey(key: Pick<Profile, 'publicKey' | 'privateKey' | 'baseUrl'>): CloudManagerApi {
  const digestFetch = createDigestFetch(
    { username: key.publicKey, password: key.privateKey },
    { store: sessionNonceStore, shareNonceAcrossKeys: true },
  );
  return createCloudManagerApi({ baseUrl: key.baseUrl, fetch: digestFetch });
}

export function forgetApiClients(): void {
  clients.clear();
}
