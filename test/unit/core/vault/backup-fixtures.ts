// Hand-made backups for the import tests: contents of any shape sealed under a passphrase of any length, at the
// KDF a backup must have (the checks under test refuse anything a real export could not contain).
import { expect } from 'vitest';
import {
  DEFAULT_ITERATIONS,
  deriveVaultKey,
  makeBackup,
  parseBackup,
  sealVault,
  type VaultBackup,
  type VaultContents,
  type VaultEnvelope,
  VaultError,
} from '../../../../src/core/vault';

export const ORG_A = 'a'.repeat(24);
export const ORG_B = 'b'.repeat(24);
export const ORG_C = 'c'.repeat(24);
export const SECRET = '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
export const OTHER_SECRET = '7d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6';

export function profile(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    label: `Client ${id}`,
    publicKey: `pub${id}`.padEnd(8, 'x').slice(0, 8),
    privateKey: SECRET,
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [] as string[],
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

/** A backup holding exactly `contents` (checked or not) under `passphrase`, sealed at the default iterations. */
export async function craftBackup(
  contents: unknown,
  passphrase: string,
): Promise<{ backup: VaultBackup; text: string; key: CryptoKey; envelope: VaultEnvelope }> {
  const kdf = {
    name: 'PBKDF2' as const,
    hash: 'SHA-256' as const,
    iterations: DEFAULT_ITERATIONS,
    salt: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
  };
  const key = await deriveVaultKey(passphrase, kdf);
  const envelope = await sealVault(contents as VaultContents, key, kdf);
  const text = makeBackup(envelope, Date.UTC(2026, 0, 1));
  return { backup: parseBackup(text), text, key, envelope };
}

/** The error a promise or a call ends with; fails the test if it is not a VaultError. */
export async function vaultErrorOf(run: Promise<unknown> | (() => unknown)): Promise<VaultError> {
  let error: unknown;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}
