// The fetch a key pair's calls go through, by its credential: an API key signs each call with HTTP Digest (nonces
// shared per server, kept in storage.session); a service account sends its OAuth access token (one per account,
// shared by every call, kept in storage.session, asked for again only when it nears expiry).
// Each fetch belongs to the lock epoch it was made in: once the vault locks, it sends nothing more (every request,
// token requests and a Digest challenge's signed answer included, is checked just before it goes), and a call it
// refuses ends as cancelled (never retried as a lost connection). Made while the vault is locked (a key pair being
// identified before the vault exists), it keeps its nonces and tokens in memory for that call only: storage.session
// and the session's token and nonce caches stay closed from a lock to the next unlock.
import { createDigestFetch, createMemoryNonceStore, type NonceStore } from '../../core/digest';
import type { TokenStore } from '../../core/oauth';
import { createMemoryTokenStore } from '../../core/oauth/token-store';
import { type Profile, profileCredential } from '../../core/vault';
import { lockEpoch, lockedMeanwhile, unlockedSinceLock } from '../vault/session';
import { sessionNonceStore } from './nonce-store';
import { tokenFetch } from './token-client';
import { sessionTokenStore } from './token-store';

/** What a call needs of a key pair to sign in. */
export type SigningKey = Pick<Profile, 'publicKey' | 'privateKey' | 'credential'>;

/** Whether a fetch may still send, and where its nonces and tokens go. */
export interface CallGate {
  open(): boolean;
  nonceStore: NonceStore;
  tokenStore: TokenStore;
}

/** A gate open for the current lock epoch only: the session's stores when unlocked, else stores of its own. */
export function epochGate(): CallGate {
  const since = lockEpoch();
  const session = unlockedSinceLock();
  return {
    open: () => lockEpoch() === since,
    nonceStore: session ? sessionNonceStore : createMemoryNonceStore(),
    tokenStore: session ? sessionTokenStore : createMemoryTokenStore(),
  };
}

/** The fetch that signs in with the key pair's credential: Bearer tokens for a service account, Digest else. */
export function signingFetch(key: SigningKey, gate: CallGate = epochGate()): typeof fetch {
  const serviceAccount = profileCredential(key) === 'service-account';
  return (input, init = {}) => {
    // Per call: a request refused at the gate aborts this call only, so the clients read it as cancelled.
    const stop = new AbortController();
    const gated: typeof fetch = (to, options) => {
      if (gate.open()) return globalThis.fetch(to, options);
      stop.abort(lockedMeanwhile());
      return Promise.reject(stop.signal.reason);
    };
    const signal = init.signal ? AbortSignal.any([init.signal, stop.signal]) : stop.signal;
    const call = serviceAccount
      ? tokenFetch({ clientId: key.publicKey, clientSecret: key.privateKey }, { store: gate.tokenStore, fetch: gated })
      : createDigestFetch(
          { username: key.publicKey, password: key.privateKey },
          { store: gate.nonceStore, shareNonceAcrossKeys: true, fetch: gated },
        );
    return call(input, { ...init, signal });
  };
}
