// Reading a backup trusts nothing it holds: the file's shape and KDF are checked before any key is derived, the
// decrypted contents field by field, and a weak passphrase does not become the vault's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  adoptBackup,
  createVault,
  DEFAULT_ITERATIONS,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  makeBackup,
  openVaultWithKey,
  parseBackup,
  previewBackup,
  sealVault,
  unlockVault,
  type VaultBackup,
  type VaultContents,
  type VaultEnvelope,
  type VaultError,
} from '../../../../src/core/vault';
import { craftBackup, ORG_A, ORG_B, profile, SECRET, vaultErrorOf } from './backup-fixtures';

const PASS = 'a long enough passphrase';
const messages: string[] = [];
const keep = (e: VaultError) => {
  messages.push(e.message);
  return e;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('backup contents are checked field by field', () => {
  it('refuses a private key that is not text, naming the key pair, instead of breaking the list later', async () => {
    const { backup } = await craftBackup({ version: 1, profiles: [profile('p1', { privateKey: 12345 })] }, PASS);
    const error = keep(await vaultErrorOf(previewBackup(backup, PASS)));
    expect(error).toMatchObject({
      kind: 'invalid-backup',
      field: 'privateKey',
      variant: 'not-text',
      params: { profile: '1' },
    });
    expect(error.message).not.toContain('12345');
  });

  it('keeps only known fields and normalises a backup’s server address', async () => {
    const crafted = {
      version: 1,
      profiles: [profile('p1', { baseUrl: 'HTTPS://Ops.Example.com:443/', extra: 'dropped', orgIds: [ORG_A, ORG_A] })],
      evil: true,
    };
    const { backup } = await craftBackup(crafted, PASS);
    const { contents } = await previewBackup(backup, PASS);
    expect(contents).toEqual({
      version: 1,
      profiles: [{ ...profile('p1', { baseUrl: 'https://ops.example.com', orgIds: [ORG_A] }) }],
    });
  });

  it('checks the stored vault with the same function when it is opened', async () => {
    const { envelope, key } = await createVault(PASS, undefined, { iterations: 1000 });
    const broken = await sealVault(
      { version: 1, profiles: [profile('p1', { privateKey: ['x'] })] } as unknown as VaultContents,
      key,
      envelope.kdf,
    );
    const error = keep(await vaultErrorOf(openVaultWithKey(broken, key)));
    expect(error).toMatchObject({ kind: 'corrupted', field: 'privateKey', params: { profile: '1' } });
    const twice = await sealVault(
      { version: 1, profiles: [profile('p1', { orgIds: [ORG_A] }), profile('p2', { orgIds: [ORG_A] })] },
      key,
      envelope.kdf,
    );
    expect(keep(await vaultErrorOf(openVaultWithKey(twice, key)))).toMatchObject({ variant: 'org-bound-twice' });
  });

  it('refuses a backup with two key pairs under one id', async () => {
    const { backup } = await craftBackup({ version: 1, profiles: [profile('p1'), profile('p1')] }, PASS);
    const error = keep(await vaultErrorOf(previewBackup(backup, PASS)));
    expect(error).toMatchObject({
      kind: 'invalid-backup',
      variant: 'duplicate-id',
      field: 'id',
      params: { profile: '2', otherProfile: '1' },
    });
  });
});

describe('the iteration count of a file is bounded before any key is derived', () => {
  const withIterations = (envelope: VaultEnvelope, iterations: number): VaultEnvelope => ({
    ...envelope,
    kdf: { ...envelope.kdf, iterations },
  });

  it('exports the bounds', () => {
    expect([MIN_ITERATIONS, MAX_ITERATIONS]).toEqual([600_000, 10_000_000]);
  });

  it('parseBackup refuses 2^32−1 (hours of PBKDF2) and a count weaker than this extension writes', async () => {
    const { envelope } = await createVault(PASS, undefined, { iterations: 1000 });
    const text = (iterations: number) =>
      JSON.stringify({
        format: 'cm-atlas-link-vault-backup',
        createdAt: '',
        envelope: withIterations(envelope, iterations),
      });
    expect(keep(await vaultErrorOf(() => parseBackup(text(2 ** 32 - 1))))).toMatchObject({
      kind: 'invalid-backup',
      variant: 'costly-kdf',
    });
    expect(keep(await vaultErrorOf(() => parseBackup(text(MAX_ITERATIONS + 1))))).toMatchObject({
      variant: 'costly-kdf',
    });
    expect(keep(await vaultErrorOf(() => parseBackup(text(1000))))).toMatchObject({ variant: 'weak-kdf' });
    expect(keep(await vaultErrorOf(() => parseBackup(text(MIN_ITERATIONS - 1))))).toMatchObject({
      variant: 'weak-kdf',
    });
    expect(parseBackup(text(MAX_ITERATIONS)).envelope.kdf.iterations).toBe(MAX_ITERATIONS);
  });

  it('previewBackup and adoptBackup refuse such an envelope even when it did not come through parseBackup', async () => {
    // Deriving a key at 2^32−1 iterations would run for hours: here it fails at once, and must not even start.
    const derive = vi.spyOn(crypto.subtle, 'deriveKey').mockRejectedValue(new Error('PBKDF2 must not run'));
    const sealed: VaultEnvelope = {
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 2 ** 32 - 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      cipher: { name: 'AES-GCM', iv: 'AAAAAAAAAAAAAAAA' },
      data: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    };
    const backup: VaultBackup = { format: 'cm-atlas-link-vault-backup', version: 1, createdAt: '', envelope: sealed };
    expect(keep(await vaultErrorOf(previewBackup(backup, PASS)))).toMatchObject({ variant: 'costly-kdf' });
    expect(keep(await vaultErrorOf(adoptBackup(backup, PASS)))).toMatchObject({ variant: 'costly-kdf' });
    // The stored vault has the same upper bound: unlocking and opening refuse it without deriving a key.
    expect(keep(await vaultErrorOf(unlockVault(sealed, PASS)))).toMatchObject({
      kind: 'corrupted',
      variant: 'costly-kdf',
    });
    expect(derive).not.toHaveBeenCalled();
  });

  it('opening the stored vault with its session key refuses an iteration count above the maximum', async () => {
    const { envelope, key } = await createVault(PASS, undefined, { iterations: 1000 });
    expect(keep(await vaultErrorOf(openVaultWithKey(withIterations(envelope, 2 ** 32 - 1), key)))).toMatchObject({
      kind: 'corrupted',
      variant: 'costly-kdf',
    });
  });

  it('still opens, and upgrades, a stored vault sealed with fewer iterations by an earlier version', async () => {
    const { envelope } = await createVault(PASS, undefined, { iterations: 1 });
    const { upgraded } = await unlockVault(envelope, PASS);
    expect(upgraded?.kdf.iterations).toBe(DEFAULT_ITERATIONS);
  });

  it('never writes a backup it would refuse to read', async () => {
    const { envelope } = await createVault(PASS, undefined, { iterations: 1000 });
    expect(keep(await vaultErrorOf(() => makeBackup(envelope, 0)))).toMatchObject({ variant: 'weak-kdf' });
  });
});

describe('adopting a backup as the vault (replace)', () => {
  const contents: VaultContents = { version: 1, profiles: [profile('p1', { orgIds: [ORG_A] })] };

  it('refuses to bring in a passphrase shorter than the minimum unless a new one is chosen', async () => {
    const { backup } = await craftBackup(contents, 'x');
    const weak = keep(await vaultErrorOf(adoptBackup(backup, 'x')));
    expect(weak).toMatchObject({ kind: 'weak-passphrase', variant: 'backup-passphrase-too-short' });
    // The wrong passphrase is still a wrong passphrase, not a weak one.
    expect(keep(await vaultErrorOf(adoptBackup(backup, 'y')))).toMatchObject({
      kind: 'wrong-passphrase',
      variant: 'backup',
    });
    expect(keep(await vaultErrorOf(adoptBackup(backup, 'x', 'too short')))).toMatchObject({
      kind: 'weak-passphrase',
      variant: 'too-short',
    });

    const adopted = await adoptBackup(backup, 'x', 'a new long passphrase');
    expect(adopted.contents).toEqual(contents);
    expect(adopted.envelope.kdf.iterations).toBe(DEFAULT_ITERATIONS);
    expect(adopted.envelope.kdf.salt).not.toBe(backup.envelope.kdf.salt);
    expect(await openVaultWithKey(adopted.envelope, adopted.key)).toEqual(contents);
    expect((await unlockVault(adopted.envelope, 'a new long passphrase')).contents).toEqual(contents);
    expect(keep(await vaultErrorOf(unlockVault(adopted.envelope, 'x')))).toMatchObject({ kind: 'wrong-passphrase' });
  });

  it('keeps a strong backup passphrase and stores the checked contents, not the file’s', async () => {
    const crafted = { ...contents, profiles: [{ ...contents.profiles[0]!, extra: 'dropped' }] };
    const { backup } = await craftBackup(crafted, PASS);
    const adopted = await adoptBackup(backup, PASS);
    expect(adopted.envelope.kdf).toEqual(backup.envelope.kdf);
    expect(await openVaultWithKey(adopted.envelope, adopted.key)).toEqual(contents);
    expect((await unlockVault(adopted.envelope, PASS)).contents).toEqual(contents);
  });
});

describe('parseBackup says in words what is wrong with a file', () => {
  it('tells a foreign, damaged, newer, oversized or non-JSON file apart', async () => {
    const { text } = await craftBackup({ version: 1, profiles: [] }, PASS);
    const file = JSON.parse(text);
    const cases: [string, string][] = [
      ['{', 'not-json'],
      ['', 'not-json'],
      ['null', 'foreign'],
      ['[]', 'foreign'],
      ['{"format":"other"}', 'foreign'],
      [JSON.stringify({ ...file, envelope: undefined }), 'damaged'],
      [JSON.stringify({ ...file, envelope: { ...file.envelope, data: 'AAAA' } }), 'damaged'],
      [JSON.stringify({ ...file, envelope: { ...file.envelope, data: 'not base64' } }), 'damaged'],
      [JSON.stringify({ ...file, envelope: { ...file.envelope, cipher: { name: 'AES-CBC' } } }), 'damaged'],
      [JSON.stringify({ ...file, envelope: { ...file.envelope, version: 2 } }), 'newer-version'],
      [`${text}${' '.repeat(5 * 1024 * 1024)}`, 'too-large'],
    ];
    for (const [input, variant] of cases) {
      const error = keep(await vaultErrorOf(() => parseBackup(input)));
      expect({ input: input.slice(0, 40), kind: error.kind, variant: error.variant }).toEqual({
        input: input.slice(0, 40),
        kind: 'invalid-backup',
        variant,
      });
    }
  });

  it('reads contents written by a newer version as such', async () => {
    const { backup } = await craftBackup({ version: 2, profiles: [] }, PASS);
    expect(keep(await vaultErrorOf(previewBackup(backup, PASS)))).toMatchObject({ variant: 'newer-version' });
  });

  it('never puts a secret or a field value in an error message', () => {
    expect(messages.length).toBeGreaterThan(15);
    for (const m of messages) {
      for (const secret of [PASS, SECRET, '12345', ORG_A, ORG_B, 'a new long passphrase']) {
        expect(m).not.toContain(secret);
      }
    }
  });
});
