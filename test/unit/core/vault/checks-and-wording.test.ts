// What the 2026-12-05 mutation run of core/vault found unprotected: each field of an envelope checked on its own
// (name, hash, iteration ceiling, salt type and base64 length), a non-object never taken for an envelope or its
// parts, a backup's IV length and size limit at their boundary, a stored iteration count that is not a number
// read as damage (not as a costly KDF), a blank server address, the variant and field of the side and credential
// refusals, and the anchors of the key-shape and masking patterns.
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  checkedCredential,
  checkKeyShapes,
  createVault,
  emptyContents,
  isVaultEnvelope,
  MAX_BACKUP_CHARS,
  MAX_ITERATIONS,
  maskSecret,
  openVaultWithKey,
  parseBackup,
  updateProfile,
  type VaultContents,
  type VaultEnvelope,
  type VaultError,
} from '../../../../src/core/vault';
import { baseUrlOrigin } from '../../../../src/core/vault/base-url';
import { toBase64 } from '../../../../src/core/vault/envelope';
import { requireMatchingIdentity } from '../../../../src/core/vault/profiles';
import { craftBackup, profile, SECRET, vaultErrorOf } from './backup-fixtures';

const PASS = 'a long enough passphrase';
const contents = { version: 1, profiles: [profile('p1')] } as VaultContents;

async function sealed(): Promise<{ envelope: VaultEnvelope; key: CryptoKey }> {
  return createVault(PASS, contents, { iterations: 1000 });
}

/** A function object carrying the given own properties (a function's `name` is redefinable). */
function functionWith(fields: Record<string, unknown>): unknown {
  const fn = () => undefined;
  for (const [name, value] of Object.entries(fields)) Object.defineProperty(fn, name, { value, enumerable: true });
  return fn;
}

describe('isVaultEnvelope checks each field on its own', () => {
  it('a valid envelope passes, and each single change of kdf name, hash, ceiling or salt fails it', async () => {
    const { envelope } = await sealed();
    expect(isVaultEnvelope(envelope)).toBe(true);
    const withKdf = (kdf: Record<string, unknown>) => ({ ...envelope, kdf: { ...envelope.kdf, ...kdf } });
    expect(isVaultEnvelope(withKdf({ iterations: MAX_ITERATIONS }))).toBe(true);
    expect(isVaultEnvelope(withKdf({ name: 'scrypt' }))).toBe(false);
    expect(isVaultEnvelope(withKdf({ hash: 'SHA-1' }))).toBe(false);
    expect(isVaultEnvelope(withKdf({ iterations: MAX_ITERATIONS + 1 }))).toBe(false);
    // A number whose digits are base64 characters is still not a salt.
    expect(isVaultEnvelope(withKdf({ salt: 1234 }))).toBe(false);
    // Base64 comes in groups of four characters: five are not base64, even of base64's alphabet.
    expect(isVaultEnvelope(withKdf({ salt: 'abcde' }))).toBe(false);
    expect(isVaultEnvelope(withKdf({ salt: 'abcd' }))).toBe(true);
  });

  it('a function carrying an envelope’s fields is no envelope, nor is one as its kdf or cipher', async () => {
    const { envelope } = await sealed();
    expect(isVaultEnvelope(functionWith({ ...envelope }))).toBe(false);
    expect(isVaultEnvelope({ ...envelope, kdf: functionWith({ ...envelope.kdf }) })).toBe(false);
    expect(isVaultEnvelope({ ...envelope, cipher: functionWith({ ...envelope.cipher }) })).toBe(false);
  });
});

describe('a backup file at its limits', () => {
  it('an IV of other than 12 bytes is damage, even in a well-formed envelope', async () => {
    const { text } = await craftBackup(contents, PASS);
    const file = JSON.parse(text) as { envelope: VaultEnvelope };
    for (const bytes of [16, 11]) {
      file.envelope.cipher.iv = toBase64(new Uint8Array(bytes).fill(7));
      const error = await vaultErrorOf(() => parseBackup(JSON.stringify(file)));
      expect([error.kind, error.variant]).toEqual(['invalid-backup', 'damaged']);
    }
  });

  it('a text of exactly the size limit is read (and refused for what it holds, not for its size)', async () => {
    const error = await vaultErrorOf(() => parseBackup(' '.repeat(MAX_BACKUP_CHARS)));
    expect(error.variant).toBe('not-json');
  });
});

describe('a stored vault whose iteration count is not a number', () => {
  it('is damaged, not a costly KDF, whatever number its text spells', async () => {
    const { envelope, key } = await sealed();
    const spelled = { ...envelope, kdf: { ...envelope.kdf, iterations: String(MAX_ITERATIONS * 2) } };
    const error = await vaultErrorOf(openVaultWithKey(spelled as never, key));
    expect([error.kind, error.variant]).toEqual(['corrupted', 'damaged']);
  });
});

describe('a blank server address', () => {
  it('is Cloud Manager’s, as an absent one', () => {
    expect(baseUrlOrigin('   ')).toBe('https://cloud.mongodb.com');
    expect(baseUrlOrigin(undefined)).toBe('https://cloud.mongodb.com');
  });
});

describe('the side and credential refusals, by variant and field', () => {
  const input = { label: 'Acme', publicKey: 'abcdefgh', privateKey: SECRET };
  const told = (error: VaultError) => [error.kind, error.variant, error.field];

  it('an unknown side, a side change and a credential change without a new secret', async () => {
    const unknownSide = await vaultErrorOf(() => addProfile(emptyContents(), { ...input, side: 'moon' as never }, 1));
    expect(told(unknownSide)).toEqual(['invalid-profile', 'bad-side', 'side']);

    const crossed = await vaultErrorOf(() => requireMatchingIdentity('atlas', { kind: 'org', org: {} } as never));
    expect(told(crossed)).toEqual(['invalid-profile', 'side-change', 'side']);

    const { contents: held, profile: saved } = addProfile(emptyContents(), input, 1);
    const toAtlas = await vaultErrorOf(() => updateProfile(held, saved.id, { side: 'atlas' }, 2));
    expect(told(toAtlas)).toEqual(['invalid-profile', 'side-change', 'side']);
    const toAccount = await vaultErrorOf(() => updateProfile(held, saved.id, { credential: 'service-account' }, 2));
    expect(told(toAccount)).toEqual(['invalid-profile', 'credential-change', 'credential']);
  });

  it('an unknown credential kind and a service account for Ops Manager', async () => {
    const unknown = await vaultErrorOf(() => checkedCredential('password', 'cloud-manager'));
    expect(told(unknown)).toEqual(['invalid-profile', 'bad-credential', 'credential']);
    const ops = await vaultErrorOf(() => checkedCredential('service-account', 'ops-manager'));
    expect(told(ops)).toEqual(['invalid-profile', 'credential-side', 'credential']);
  });
});

describe('the key-shape and masking patterns hold the whole text', () => {
  const HEX24 = '0123456789abcdef01234567';
  const TAIL20 = 'A'.repeat(20);

  it('a client id or secret with anything before or after is not of its shape', () => {
    const account = (id: string, secret: string) => checkKeyShapes(id, secret, 'service-account');
    expect(account(`mdb_sa_id_${HEX24}`, `mdb_sa_sk_${TAIL20}`)).toEqual([]);
    expect(account(`xmdb_sa_id_${HEX24}`, `mdb_sa_sk_${TAIL20}`)).toEqual([{ kind: 'public-key-shape' }]);
    expect(account(`mdb_sa_id_${HEX24}0`, `mdb_sa_sk_${TAIL20}`)).toEqual([{ kind: 'public-key-shape' }]);
    expect(account(`mdb_sa_id_${HEX24}`, `mdb_sa_sk_${TAIL20}!`)).toEqual([{ kind: 'private-key-shape' }]);
  });

  it('only a whole UUID shows its last group; one with a character before or after is masked like any key', () => {
    expect(maskSecret(SECRET)).toBe('••••••••-••••-••••-••••-0a1b2c3d4e5f');
    expect(maskSecret(`a${SECRET}`)).toBe('••••••••4e5f');
    expect(maskSecret(`${SECRET}0`)).toBe('••••••••e5f0');
  });
});
