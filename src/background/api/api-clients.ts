// One Cloud Manager (or Atlas) API client per profile, calling with that profile's credential: an API key signs
// each call with HTTP Digest, a service account sends its OAuth access token (core/oauth: one token per account,
// shared by every call, kept in storage.session). A server's nonce is shared by every API key (where the server
// accepts that: it is learnt per server), so a refresh of many orgs, one key pair each, starts with one challenge
// instead of one per key pair. Clients are kept per worker life so the Digest layer's nc reservations stay in one
// place; locking the vault drops them all.
// A lock is final for the calls it finds running: a client belongs to the lock epoch it was made in and sends
// nothing once the vault locked (signing-fetch.ts); its failures then read as `vault-locked`. From a lock to the
// next unlock a key pair's client sends nothing, and the session's token and nonce caches stay closed: a call that
// outlived the lock finds no fresh client, cache or store to send or write with.
import { type CloudManagerApi, createCloudManagerApi } from '../../core/cloudmanager';
import { type Profile, profileCredential, requireSideRule } from '../../core/vault';
import { onAllowedServerOnly } from '../settings/managed-settings';
import { lockEpoch, lockedMeanwhile, unlockedSinceLock } from '../vault/session';
import { withCredentialTexts } from './credential-errors';
import { guardMethods } from './guard-methods';
import { openNonceStore } from './nonce-store';
import { type CallGate, epochGate, type SigningKey, signingFetch } from './signing-fetch';
import { reopenSessionTokens } from './token-client';
import { openTokenStore } from './token-store';

export { type SigningKey, signingFetch } from './signing-fetch';

/** By kind of client and profile id: an Atlas key pair has a link-token client and a migration client. */
const clients = new Map<string, { fingerprint: string; api: object }>();
/**
 * The lock epoch the session's caches were last opened for. A worker starts open, in epoch 0; a lock (auto-lock.ts)
 * closes them and moves to a newer epoch, so the first client after the next unlock opens them again.
 */
let openedFor = 0;

/** From a lock to the next unlock: a client that sends nothing, every call answered `vault-locked`. */
const shutGate = (): CallGate => ({ ...epochGate(), open: () => false });

/**
 * The gate for a key pair's client made now: shut from a lock to the next unlock; the first client of a newer
 * unlocked epoch opens the session's caches and stores again.
 */
function sessionGate(): CallGate {
  if (!unlockedSinceLock()) return shutGate();
  if (openedFor !== lockEpoch()) {
    openedFor = lockEpoch();
    clients.clear();
    reopenSessionTokens();
    openTokenStore();
    openNonceStore();
  }
  return epochGate();
}

/**
 * The API with every method checked against the gate: nothing starts once it is shut, and a failure after the lock
 * (a call the gate stopped, or one cut short by it) is `vault-locked`. An answer that arrived is kept whatever came
 * after it: it was sent before the lock.
 */
function gated<A extends object>(api: A, gate: CallGate): A {
  return guardMethods(api, async (call) => {
    if (!gate.open()) throw lockedMeanwhile();
    try {
      return await call();
    } catch (error) {
      throw gate.open() ? error : lockedMeanwhile();
    }
  });
}

/**
 * The API of a key pair a stored vault kept from before the side rule (a Cloud Manager or Atlas key pair on another
 * server, a service account on Ops Manager): every call is refused before its credential goes anywhere.
 */
function sideChecked<A extends object>(profile: Profile, api: A): A {
  return guardMethods(api, async (call) => {
    requireSideRule(profile);
    return call();
  });
}

/** A client of a key pair, kept while the vault stays unlocked and the key pair the same (one per kind). */
export function clientFor<A extends object>(
  profile: Profile,
  create: (options: { baseUrl: string; fetch: typeof fetch }) => A,
  kind = 'api',
): A {
  const gate = sessionGate();
  const kept = gate.open();
  // A profile edited since the client was made (new key, new URL, another kind of credential) gets a new client.
  const fingerprint = [
    profileCredential(profile),
    profile.publicKey,
    profile.privateKey,
    profile.baseUrl,
    String(profile.side),
    String(profile.global),
  ].join('\u0000');
  const cacheKey = `${kind}\u0000${profile.id}`;
  const known = kept ? clients.get(cacheKey) : undefined;
  if (known && known.fingerprint === fingerprint) return known.api as A;
  const api = gated(
    sideChecked(
      profile,
      onAllowedServerOnly(
        profile.baseUrl,
        withCredentialTexts(profile, create({ baseUrl: profile.baseUrl, fetch: signingFetch(profile, gate) })),
      ),
    ),
    gate,
  );
  if (kept) clients.set(cacheKey, { fingerprint, api });
  return api;
}

/** The Cloud Manager (or Ops Manager) client of a key pair of that side. */
export function apiFor(profile: Profile): CloudManagerApi {
  return clientFor(profile, createCloudManagerApi);
}

/**
 * A client for a key pair not saved yet (being identified): used for its few calls, then dropped. It may be made
 * while the vault is locked (a vault being created), and then keeps its nonces and tokens to itself.
 */
export function apiForKey(key: SigningKey & Pick<Profile, 'baseUrl'>): CloudManagerApi {
  const gate = epochGate();
  return gated(
    onAllowedServerOnly(
      key.baseUrl,
      withCredentialTexts(key, createCloudManagerApi({ baseUrl: key.baseUrl, fetch: signingFetch(key, gate) })),
    ),
    gate,
  );
}

export function forgetApiClients(): void {
  clients.clear();
}
