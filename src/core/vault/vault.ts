// Sealing and opening the vault: AES-256-GCM under a PBKDF2-derived key, a fresh IV on every write, the
// envelope's parameters bound as additional data, and an upgrade when the stored KDF is weaker than today's.
import {
  associatedData,
  DEFAULT_ITERATIONS,
  fromBase64,
  isVaultEnvelope,
  MAX_ITERATIONS,
  MIN_PASSPHRASE_LENGTH,
  toBase64,
  VAULT_VERSION,
  type VaultEnvelope,
} from './envelope';
import { deriveVaultKey } from './keys';
import type { VaultContents } from './types';
import { type ContentsSource, validateContents } from './validate';
import { VaultError } from './vault-error';

export type { KeyCredential, KeyOrg, KeyProject, KeySide, Profile, VaultContents } from './types';

export const emptyContents = (): VaultContents => ({ version: 1, profiles: [] });

export function assertPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('weak-passphrase', {
      variant: 'too-short',
      params: { min: String(MIN_PASSPHRASE_LENGTH) },
    });
  }
}

export function newKdf(iterations: number): VaultEnvelope['kdf'] {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
}

export async function sealVault(
  contents: VaultContents,
  key: CryptoKey,
  kdf: VaultEnvelope['kdf'],
): Promise<VaultEnvelope> {
  const cipher = { name: 'AES-GCM' as const, iv: toBase64(crypto.getRandomValues(new Uint8Array(12))) };
  const header = { version: VAULT_VERSION as 1, kdf, cipher };
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: fromBase64(cipher.iv), additionalData: associatedData(header) },
    key,
    new TextEncoder().encode(JSON.stringify(contents)),
  );
  return { ...header, data: toBase64(new Uint8Array(data)) };
}

export async function createVault(
  passphrase: string,
  contents: VaultContents = emptyContents(),
  options: { iterations?: number } = {},
): Promise<{ envelope: VaultEnvelope; key: CryptoKey }> {
  assertPassphrase(passphrase);
  const kdf = newKdf(options.iterations ?? DEFAULT_ITERATIONS);
  const key = await deriveVaultKey(passphrase, kdf);
  return { envelope: await sealVault(contents, key, kdf), key };
}

function checkShape(envelope: unknown): asserts envelope is VaultEnvelope {
  if (envelope && typeof envelope === 'object' && (envelope as { version?: unknown }).version !== VAULT_VERSION) {
    throw new VaultError('unsupported-version');
  }
  const iterations = (envelope as { kdf?: { iterations?: unknown } } | undefined)?.kdf?.iterations;
  if (typeof iterations === 'number' && iterations > MAX_ITERATIONS) {
    throw new VaultError('corrupted', { variant: 'costly-kdf' });
  }
  if (!isVaultEnvelope(envelope)) {
    throw new VaultError('corrupted', { variant: 'damaged' });
  }
  if (fromBase64(envelope.cipher.iv).length !== 12 || fromBase64(envelope.data).length < 16) {
    throw new VaultError('corrupted', { variant: 'damaged' });
  }
}

/** Decrypts with a derived key and checks every field of what comes out (see validate.ts for the two sources). */
export async function openEnvelope(
  envelope: VaultEnvelope,
  key: CryptoKey,
  source: ContentsSource,
): Promise<VaultContents> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.cipher.iv), additionalData: associatedData(envelope) },
      key,
      fromBase64(envelope.data),
    );
  } catch {
    // GCM cannot tell a wrong key from altered data (or an altered salt or iteration count, which yields a
    // different key): both fail authentication, and nothing is ever half-read.
    throw new VaultError('wrong-passphrase', source === 'backup' ? { variant: 'backup' } : {});
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    // Authentic ciphertext that is not JSON: only someone holding the passphrase could have written it.
    throw source === 'vault'
      ? new VaultError('corrupted', { variant: 'damaged' })
      : new VaultError('invalid-backup', { variant: 'damaged' });
  }
  return validateContents(raw, source);
}

export async function openVaultWithKey(envelope: VaultEnvelope, key: CryptoKey): Promise<VaultContents> {
  checkShape(envelope);
  return openEnvelope(envelope, key, 'vault');
}

export async function unlockVault(
  envelope: VaultEnvelope,
  passphrase: string,
  options: { minIterations?: number } = {},
): Promise<{ contents: VaultContents; key: CryptoKey; upgraded?: VaultEnvelope }> {
  // The stored vault may carry any count from 1 up to MAX_ITERATIONS (checkShape): an earlier version may have
  // sealed it with fewer than today's minimum, and refusing it would lock the user out of their own key pairs,
  // so a weak count is accepted here and re-sealed below. A low count costs less to open, never more; the
  // upper bound is what keeps a tampered count from freezing the worker. Backups get no such leniency (backup.ts).
  checkShape(envelope);
  const key = await deriveVaultKey(passphrase, envelope.kdf);
  const contents = await openEnvelope(envelope, key, 'vault');
  const minimum = options.minIterations ?? DEFAULT_ITERATIONS;
  if (envelope.kdf.iterations >= minimum) return { contents, key };
  // Weaker than today's default: re-encrypt under a fresh salt and today's iteration count.
  const kdf = newKdf(minimum);
  const upgradedKey = await deriveVaultKey(passphrase, kdf);
  return { contents, key: upgradedKey, upgraded: await sealVault(contents, upgradedKey, kdf) };
}

export async function changePassphrase(
  envelope: VaultEnvelope,
  oldPassphrase: string,
  newPassphrase: string,
  options: { iterations?: number } = {},
): Promise<{ envelope: VaultEnvelope; key: CryptoKey; contents: VaultContents }> {
  assertPassphrase(newPassphrase);
  const { contents } = await unlockVault(envelope, oldPassphrase, { minIterations: 0 });
  const kdf = newKdf(options.iterations ?? Math.max(DEFAULT_ITERATIONS, envelope.kdf.iterations));
  const key = await deriveVaultKey(newPassphrase, kdf);
  return { envelope: await sealVault(contents, key, kdf), key, contents };
}
