// The fetch a key pair's calls go through, by its credential: an API key signs each call with HTTP Digest (nonces
// shared per server, kept in storage.session); a service account sends its OAuth access token (one per account,
// shared by every call, kept in storage.session, asked for again only when it nears expiry).
import { createDigestFetch } from '../../core/digest';
import { createTokenFetch } from '../../core/oauth';
import { type Profile, profileCredential } from '../../core/vault';
import { sessionNonceStore } from './nonce-store';
import { sessionTokenStore } from './token-store';

/** What a call needs of a key pair to sign in. */
export type SigningKey = Pick<Profile, 'publicKey' | 'privateKey' | 'credential'>;

/** The fetch that signs in with the key pair's credential: Bearer tokens for a service account, Digest else. */
export function signingFetch(key: SigningKey): typeof fetch {
  if (profileCredential(key) === 'service-account') {
    return createTokenFetch({ clientId: key.publicKey, clientSecret: key.privateKey }, { store: sessionTokenStore });
  }
  return createDigestFetch(
    { username: key.publicKey, password: key.privateKey },
    { store: sessionNonceStore, shareNonceAcrossKeys: true },
  );
}
