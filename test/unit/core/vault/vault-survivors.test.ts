// Sealing and opening the stored vault (vault.ts), for the properties mutation testing found unprotected (issue
// #18): the exact error each malformed envelope ends in, the iteration-count ceiling, authentic ciphertext that is
// not JSON or not UTF-8, and the one derivation a passphrase change spends on the old passphrase.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  assertPassphrase,
  changePassphrase,
  createVault,
  deriveVaultKey,
  MAX_ITERATIONS,
  openVaultWithKey,
  sealVault,
  unlockVault,
  type VaultContents,
  type VaultEnvelope,
} from '../../../../src/core/vault';
import { associatedData, fromBase64, toBase64 } from '../../../../src/core/vault/envelope';
import type * as Keys from '../../../../src/core/vault/keys';
import { profile, vaultErrorOf } from './backup-fixtures';

// The real KDF, watched: which iteration counts a call derives at.
vi.mock('../../../../src/core/vault/keys', async (importOriginal) => {
  const real = await importOriginal<typeof Keys>();
  return { ...real, deriveVaultKey: vi.fn(real.deriveVaultKey) };
});

const PASS = 'a long enough passphrase';
const contents: VaultContents = { version: 1, profiles: [profile('p1')] } as VaultContents;
const fast = { iterations: 1000 };

beforeEach(() => {
  vi.mocked(deriveVaultKey).mockClear();
});

/** Authentic ciphertext of any bytes: sealed like sealVault, but the plaintext is not JSON.stringify's. */
async function sealBytes(bytes: Uint8Array<ArrayBuffer>, key: CryptoKey, kdf: VaultEnvelope['kdf']) {
  const cipher = { name: 'AES-GCM' as const, iv: toBase64(crypto.getRandomValues(new Uint8Array(12))) };
  const header = { version: 1 as const, kdf, cipher };
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: fromBase64(cipher.iv), additionalData: associatedData(header) },
    key,
    bytes,
  );
  return { ...header, data: toBase64(new Uint8Array(data)) };
}

describe('assertPassphrase', () => {
  it('refuses a passphrase that is not text as weak-passphrase', () => {
    for (const passphrase of [undefined, null]) {
      let error: unknown;
      try {
        assertPassphrase(passphrase as never);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        name: 'VaultError',
        kind: 'weak-passphrase',
        variant: 'too-short',
        params: { min: '10' },
      });
    }
  });
});

describe('the stored envelope’s shape', () => {
  it('a missing envelope (null or undefined) is corrupted/damaged on both opening paths', async () => {
    const { key } = await createVault(PASS, contents, fast);
    for (const envelope of [null, undefined]) {
      for (const run of [
        () => openVaultWithKey(envelope as never, key),
        () => unlockVault(envelope as never, PASS, { minIterations: 0 }),
      ]) {
        const error = await vaultErrorOf(run);
        expect({ kind: error.kind, variant: error.variant }).toEqual({
          kind: 'corrupted',
          variant: 'damaged',
        });
      }
    }
    expect(deriveVaultKey).toHaveBeenCalledTimes(1); // createVault's: nothing is derived for a missing envelope
  });

  it('an envelope that is not an object (text, a number) is damaged, not an unknown version', async () => {
    const { key } = await createVault(PASS, contents, fast);
    for (const envelope of ['{"version":1}', 5, true]) {
      const error = await vaultErrorOf(openVaultWithKey(envelope as never, key));
      expect([error.kind, error.variant]).toEqual(['corrupted', 'damaged']);
    }
  });

  it('an envelope of another version is unsupported-version', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const error = await vaultErrorOf(openVaultWithKey({ ...envelope, version: 2 as 1 }, key));
    expect(error.kind).toBe('unsupported-version');
    expect(error.variant).toBeUndefined();
  });

  it('exactly MAX_ITERATIONS still opens; one more is refused as costly-kdf before any derivation', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const atMax = await sealVault(contents, key, { ...envelope.kdf, iterations: MAX_ITERATIONS });
    expect(await openVaultWithKey(atMax, key)).toEqual(await openVaultWithKey(envelope, key));

    const over = { ...atMax, kdf: { ...atMax.kdf, iterations: MAX_ITERATIONS + 1 } };
    vi.mocked(deriveVaultKey).mockClear();
    for (const run of [() => openVaultWithKey(over, key), () => unlockVault(over, PASS)]) {
      const error = await vaultErrorOf(run);
      expect([error.kind, error.variant]).toEqual(['corrupted', 'costly-kdf']);
    }
    expect(deriveVaultKey).not.toHaveBeenCalled();
  });

  it('an envelope missing a field is damaged', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const { data: _, ...withoutData } = envelope;
    const error = await vaultErrorOf(openVaultWithKey(withoutData as never, key));
    expect({ kind: error.kind, variant: error.variant }).toEqual({
      kind: 'corrupted',
      variant: 'damaged',
    });
  });

  it('an IV that is not 12 bytes is damaged, not a wrong passphrase', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    for (const bytes of [16, 11]) {
      const iv = toBase64(new Uint8Array(bytes).fill(7));
      const error = await vaultErrorOf(openVaultWithKey({ ...envelope, cipher: { ...envelope.cipher, iv } }, key));
      expect({ kind: error.kind, variant: error.variant }).toEqual({
        kind: 'corrupted',
        variant: 'damaged',
      });
    }
  });

  it('data shorter than the 16-byte tag is damaged; 16 bytes that do not authenticate are a wrong passphrase', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const short = await vaultErrorOf(openVaultWithKey({ ...envelope, data: toBase64(new Uint8Array(15)) }, key));
    expect({ kind: short.kind, variant: short.variant }).toEqual({
      kind: 'corrupted',
      variant: 'damaged',
    });
    const tagOnly = await vaultErrorOf(openVaultWithKey({ ...envelope, data: toBase64(new Uint8Array(16)) }, key));
    expect(tagOnly.kind).toBe('wrong-passphrase');
  });
});

describe('what decrypts', () => {
  it('a wrong passphrase is wrong-passphrase, with no variant', async () => {
    const { envelope } = await createVault(PASS, contents, fast);
    const error = await vaultErrorOf(unlockVault(envelope, 'not the passphrase', { minIterations: 0 }));
    expect(error.kind).toBe('wrong-passphrase');
    expect(error.variant).toBeUndefined();
  });

  it('authentic ciphertext that is not JSON is corrupted/damaged, on both opening paths', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    // JSON.stringify(undefined) is undefined, which seals as zero bytes: the data is the tag alone.
    const empty = await sealVault(undefined as never, key, envelope.kdf);
    const notJson = await sealBytes(new TextEncoder().encode('{"version":1,'), key, envelope.kdf);
    for (const sealed of [empty, notJson]) {
      for (const run of [() => openVaultWithKey(sealed, key), () => unlockVault(sealed, PASS, { minIterations: 0 })]) {
        const error = await vaultErrorOf(run);
        expect({ kind: error.kind, variant: error.variant }).toEqual({
          kind: 'corrupted',
          variant: 'damaged',
        });
      }
    }
  });

  it('JSON with bytes that are not UTF-8 is damaged, not read with replacement characters', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const text = JSON.stringify({ version: 1, profiles: [profile('p1', { label: 'Client @' })] });
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.indexOf('@'.charCodeAt(0))] = 0xff; // a byte no UTF-8 text contains
    const sealed = await sealBytes(bytes, key, envelope.kdf);
    const error = await vaultErrorOf(openVaultWithKey(sealed, key));
    expect({ kind: error.kind, variant: error.variant, field: error.field }).toEqual({
      kind: 'corrupted',
      variant: 'damaged',
      field: undefined,
    });
    // The same label as valid UTF-8 opens: only the encoding is refused.
    const valid = await sealBytes(new TextEncoder().encode(text), key, envelope.kdf);
    expect((await openVaultWithKey(valid, key)).profiles[0]?.label).toBe('Client @');
  });
});

describe('changePassphrase', () => {
  it('derives once from the old passphrase and once from the new, never upgrading the envelope it replaces', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const opened = await openVaultWithKey(envelope, key);
    vi.mocked(deriveVaultKey).mockClear();
    const changed = await changePassphrase(envelope, PASS, 'another long passphrase', fast);
    expect(vi.mocked(deriveVaultKey).mock.calls.map(([p, kdf]) => [p, kdf.iterations])).toEqual([
      [PASS, 1000],
      ['another long passphrase', 1000],
    ]);
    expect(changed.contents).toEqual(opened);
    expect(await openVaultWithKey(changed.envelope, changed.key)).toEqual(opened);
  });
});
