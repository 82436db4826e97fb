// The vault's on-disk format: one versioned envelope recording its KDF and cipher parameters, so a future
// version can read it and so weaker parameters can be upgraded at unlock.
export const VAULT_VERSION = 1;
export const DEFAULT_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;

export interface VaultEnvelope {
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isVaultEnvelope(x: unknown): x is VaultEnvelope {
  if (!x || typeof x !== 'object') return false;
  const e = x as Record<string, unknown>;
  const kdf = e.kdf as Record<string, unknown> | undefined;
  const cipher = e.cipher as Record<string, unknown> | undefined;
  return (
    e.version === VAULT_VERSION &&
    !!kdf &&
    kdf.name === 'PBKDF2' &&
    kdf.hash === 'SHA-256' &&
    Number.isInteger(kdf.iterations) &&
    (kdf.iterations as number) >= 1 &&
    typeof kdf.salt === 'string' &&
    BASE64.test(kdf.salt) &&
    !!cipher &&
    cipher.name === 'AES-GCM' &&
    typeof cipher.iv === 'string' &&
    BASE64.test(cipher.iv) &&
    typeof e.data === 'string' &&
    BASE64.test(e.data)
  );
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
