// One Cloud Manager API client per profile, signing with that profile's key pair. A server's nonce is shared by
// every key pair (where the server accepts that: it is learnt per server), so a refresh of many orgs, one key pair
// each, starts with one challenge instead of one per key pair. Clients are kept per worker
// life so the Digest layer's nc reservations stay in one place; locking the vault drops them all.
import { type CloudManagerApi, createCloudManagerApi } from '../../core/cloudmanager';
import { createDigestFetch } from '../../core/digest';
import type { Profile } from '../../core/vault';
import { sessionNonceStore } from './nonce-store';

const clients = new Map<string, { fingerprint: string; api: CloudManagerApi }>();

export function apiFor(profile: Profile): CloudManagerApi {
  // A profile edited since the client was made (new key, new URL) gets a new client.
  const fingerprint = `${profile.publicKey}\u0000${profile.privateKey}\u0000${profile.baseUrl}`;
  const known = clients.get(profile.id);
  if (known && known.fingerprint === fingerprint) return known.api;
  const digestFetch = createDigestFetch(
    { username: profile.publicKey, password: profile.privateKey },
    { store: sessionNonceStore, shareNonceAcrossKeys: true },
  );
  const api = createCloudManagerApi({ baseUrl: profile.baseUrl, fetch: digestFetch });
  clients.set(profile.id, { fingerprint, api });
  return api;
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
