// How a key pair signs in: an API key (HTTP Digest; a key pair written without a kind is one) or a service account
// (OAuth 2.0 client credentials: the client id in `publicKey`, the secret in `privateKey`). The values, the kind of a
// stored key pair, and the shape hints a form shows (hints only: a key of another shape is still saved). Which side
// may have which kind is side-rules.ts's.
import type { KeyCredential } from './types';

export const KEY_CREDENTIALS: readonly KeyCredential[] = ['api-key', 'service-account'];

export const isKeyCredential = (value: unknown): value is KeyCredential =>
  (KEY_CREDENTIALS as readonly unknown[]).includes(value);

/** The key pair's credential kind: absent (older data, an older page) is an API key. */
export const profileCredential = (profile: { credential?: KeyCredential }): KeyCredential =>
  profile.credential ?? 'api-key';

const PUBLIC_KEY = /^[a-z]{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** MongoDB's service account client id: mdb_sa_id_ and 24 hexadecimal characters. */
const CLIENT_ID = /^mdb_sa_id_[0-9a-f]{24}$/;
/** MongoDB's client secret: mdb_sa_sk_ and a long base64url-like tail. */
const CLIENT_SECRET = /^mdb_sa_sk_[A-Za-z0-9_-]{20,}$/;

export type KeyShapeWarning = { kind: 'public-key-shape' | 'private-key-shape' | 'looks-swapped' };

/**
 * Hints for what looks mistyped: for an API key (also when no credential is given), a public key of 8 lower-case
 * letters and a private key that is a UUID; for a service account, a client id `mdb_sa_id_<24 hex>` and a secret
 * `mdb_sa_sk_…`. Either kind's two fields entered the other way round is `looks-swapped`.
 */
export function checkKeyShapes(publicKey: string, privateKey: string, credential?: KeyCredential): KeyShapeWarning[] {
  const pub = publicKey.trim();
  const priv = privateKey.trim();
  const [publicShape, privateShape] =
    credential === 'service-account'
      ? [(s: string) => CLIENT_ID.test(s), (s: string) => CLIENT_SECRET.test(s)]
      : [(s: string) => PUBLIC_KEY.test(s), (s: string) => UUID.test(s.toLowerCase())];
  if (privateShape(pub) && publicShape(priv)) return [{ kind: 'looks-swapped' }];
  const warnings: KeyShapeWarning[] = [];
  if (!publicShape(pub)) warnings.push({ kind: 'public-key-shape' });
  if (!privateShape(priv)) warnings.push({ kind: 'private-key-shape' });
  return warnings;
}
