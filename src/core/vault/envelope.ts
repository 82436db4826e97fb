// The vault's on-disk format: one versioned envelope recording its KDF and cipher parameters, so a future
// version can read it and so weaker parameters can be upgraded at unlock.
export const VAULT_VERSION = 1;
export const DEFAULT_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;
/**
 * The PBKDF2 iteration counts an envelope from outside (a backup) may ask for. Below the minimum the file was not
 * written by this extension (which has always sealed at ≥ 600,000); above the maximum, deriving the key would
 * take minutes to hours: a file must not be able to freeze the worker. The stored vault is allowed lower
 * counts (see unlockVault), never more than the maximum.
 */
export const MIN_ITERATIONS = 600_000;
export const MAX_ITERATIONS = 10_000_000;

export interface VaultEnvelope {
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
}

// Only canonical, padded base64 (what btoa writes): anything else would make atob throw a DOMException.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isBase64 = (x: unknown): x is string => typeof x === 'string' && BASE64.test(x);

export function isVaultEnvelope(x: unknown): x is VaultEnvelope {
  if (!x || typeof x !== 'object') return false;
  const e = x as Record<string, unknown>;
  const kdf = e.kdf as Record<string, unknown> | undefined;
  const cipher = e.cipher as Record<string, unknown> | undefined;
  return (
    e.version === VAULT_VERSION &&
    !!kdf &&
    typeof kdf === 'object' &&
    kdf.name === 'PBKDF2' &&
    kdf.hash === 'SHA-256' &&
    Number.isInteger(kdf.iterations) &&
    (kdf.iterations as number) >= 1 &&
    (kdf.iterations as number) <= MAX_ITERATIONS &&
    typeof kdf.salt === 'string' &&
    BASE64.test(kdf.salt) &&
    !!cipher &&
    typeof cipher === 'object' &&
    cipher.name === 'AES-GCM' &&
    typeof cipher.iv === 'string' &&
    BASE64.test(cipher.iv) &&
    typeof e.data === 'string' &&
    BASE64.test(e.data)
  );
}

/** A copy holding only the envelope's own fields, so nothing extra travels from a file into storage. */
export function copyEnvelope(e: VaultEnvelope): VaultEnvelope {
  return {
    version: e.version,
    kdf: { name: e.kdf.name, hash: e.kdf.hash, iterations: e.kdf.iterations, salt: e.kdf.salt },
    cipher: { name: e.cipher.name, iv: e.cipher.iv },
    data: e.data,
  };
}

/** The parameters bound to the ciphertext as AES-GCM additional data: changing any of them breaks decryption. */
export function associatedData(envelope: Pick<VaultEnvelope, 'version' | 'kdf' | 'cipher'>): Uint8Array<ArrayBuffer> {
  const { version, kdf, cipher } = envelope;
  return new TextEncoder().encode(
    JSON.stringify([version, kdf.name, kdf.hash, kdf.iterations, kdf.salt, cipher.name, cipher.iv]),
  );
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
