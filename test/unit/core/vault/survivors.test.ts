// Properties mutation testing found unprotected (issue #18): the envelope's parameters bound as AES-GCM additional
// data on the session-key path, the iteration count a passphrase change keeps, the passphrase-length boundary, the
// checks on what decrypts, masking of keys that are not UUID-shaped, and which profiles and orgs remain after
// removeProfile, bindOrg and unbindOrg.
import { describe, expect, it } from 'vitest';
import {
  bindOrg,
  changePassphrase,
  createVault,
  DEFAULT_ITERATIONS,
  deriveVaultKey,
  MIN_PASSPHRASE_LENGTH,
  maskSecret,
  openVaultWithKey,
  type Profile,
  removeProfile,
  sealVault,
  unbindOrg,
  unlockVault,
  type VaultContents,
  type VaultEnvelope,
  VaultError,
} from '../../../../src/core/vault';

const PASS = 'a long enough passphrase';
const ORG_1 = '5f1a2b3c4d5e6f7a8b9c0d1e';
const ORG_2 = '5f1a2b3c4d5e6f7a8b9c0d2e';
const ORG_3 = '5f1a2b3c4d5e6f7a8b9c0d3e';

function profile(id: string, orgIds: string[], extra: Partial<Profile> = {}): Profile {
  return {
    id,
    label: `Client ${id}`,
    publicKey: 'qwhtzmpa',
    privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
    baseUrl: 'https://cloud.mongodb.com',
    orgIds,
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

const contents: VaultContents = { version: 1, profiles: [profile('a1b2c3d4e5f60718', [ORG_1])] };

async function vaultError(p: Promise<unknown>): Promise<VaultError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('the envelope on the session-key path', () => {
  it('an envelope whose stored iteration count was changed does not open with the session key', async () => {
    const { envelope, key } = await createVault(PASS, contents, { iterations: 1000 });
    expect(await openVaultWithKey(envelope, key)).toEqual(contents);
    for (const iterations of [999, 1001, DEFAULT_ITERATIONS]) {
      const tampered: VaultEnvelope = { ...envelope, kdf: { ...envelope.kdf, iterations } };
      expect((await vaultError(openVaultWithKey(tampered, key))).kind).toBe('wrong-passphrase');
    }
  });

  it('nor does one whose salt was swapped for another valid salt', async () => {
    const { envelope, key } = await createVault(PASS, contents, { iterations: 1000 });
    const tampered: VaultEnvelope = { ...envelope, kdf: { ...envelope.kdf, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' } };
    expect((await vaultError(openVaultWithKey(tampered, key))).kind).toBe('wrong-passphrase');
  });
});

describe('changePassphrase keeps the stronger iteration count', () => {
  const NEXT = 'another long passphrase';

  it('a vault above the default keeps its higher count', async () => {
    const above = DEFAULT_ITERATIONS + 1;
    const { envelope } = await createVault(PASS, contents, { iterations: above });
    const changed = await changePassphrase(envelope, PASS, NEXT);
    expect(changed.envelope.kdf.iterations).toBe(above);
    expect(changed.envelope.kdf.salt).not.toBe(envelope.kdf.salt);
    expect(await openVaultWithKey(changed.envelope, changed.key)).toEqual(contents);
    // The key returned is the one the new passphrase derives at that count.
    const derived = await deriveVaultKey(NEXT, changed.envelope.kdf);
    expect(await openVaultWithKey(changed.envelope, derived)).toEqual(contents);
  });

  it('a vault below the default gets the default', async () => {
    const { envelope } = await createVault(PASS, contents, { iterations: 1 });
    const changed = await changePassphrase(envelope, PASS, NEXT);
    expect(changed.envelope.kdf.iterations).toBe(DEFAULT_ITERATIONS);
    expect(changed.contents).toEqual(contents);
    const { contents: opened, upgraded } = await unlockVault(changed.envelope, NEXT);
    expect(opened).toEqual(contents);
    expect(upgraded).toBeUndefined();
  });
});

describe('the passphrase-length boundary', () => {
  it(`exactly ${MIN_PASSPHRASE_LENGTH} characters is accepted, one less is refused as weak-passphrase`, async () => {
    const exact = 'x'.repeat(MIN_PASSPHRASE_LENGTH);
    const short = 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1);
    const { envelope } = await createVault(exact, contents, { iterations: 1000 });
    expect((await unlockVault(envelope, exact, { minIterations: 0 })).contents).toEqual(contents);

    const refused = await vaultError(createVault(short, contents, { iterations: 1000 }));
    expect(refused.kind).toBe('weak-passphrase');
    expect(refused.variant).toBe('too-short');
    expect(refused.params).toEqual({ min: String(MIN_PASSPHRASE_LENGTH) });

    const changedToExact = await changePassphrase(envelope, exact, 'y'.repeat(MIN_PASSPHRASE_LENGTH), {
      iterations: 1000,
    });
    expect(changedToExact.contents).toEqual(contents);
    expect((await vaultError(changePassphrase(envelope, exact, short, { iterations: 1000 }))).kind).toBe(
      'weak-passphrase',
    );
  });
});

describe('what decrypts is checked before it is returned', () => {
  // Authentic ciphertext (sealed with the right key) holding something that is not vault contents.
  const notContents: [string, unknown][] = [
    ['an array', []],
    ['null', null],
    ['a string', 'profiles'],
    ['an object without profiles', { version: 1 }],
    ['profiles that are not a list', { version: 1, profiles: 'none' }],
    ['an older version', { version: 0, profiles: [] }],
    ['a profile that is not an object', { version: 1, profiles: [42] }],
    [
      'a profile without a private key',
      { version: 1, profiles: [{ ...profile('a1b2c3d4e5f60718', []), privateKey: 7 }] },
    ],
    [
      'two profiles with one id',
      { version: 1, profiles: [profile('a1b2c3d4e5f60718', []), profile('a1b2c3d4e5f60718', [])] },
    ],
    [
      'one org bound to two profiles',
      { version: 1, profiles: [profile('a1b2c3d4e5f60718', [ORG_1]), profile('b1b2c3d4e5f60718', [ORG_1])] },
    ],
  ];

  it.each(notContents)('%s is refused as corrupted, on the session-key and the passphrase paths', async (_, raw) => {
    const { envelope, key } = await createVault(PASS, contents, { iterations: 1000 });
    const sealed = await sealVault(raw as VaultContents, key, envelope.kdf);
    expect((await vaultError(openVaultWithKey(sealed, key))).kind).toBe('corrupted');
    expect((await vaultError(unlockVault(sealed, PASS, { minIterations: 0 }))).kind).toBe('corrupted');
  });

  it('a newer version inside is unsupported-version, not contents', async () => {
    const { envelope, key } = await createVault(PASS, contents, { iterations: 1000 });
    const sealed = await sealVault({ version: 2, profiles: [] } as unknown as VaultContents, key, envelope.kdf);
    expect((await vaultError(openVaultWithKey(sealed, key))).kind).toBe('unsupported-version');
  });

  it('extra fields are dropped: only known fields come out', async () => {
    const { envelope, key } = await createVault(PASS, contents, { iterations: 1000 });
    const raw = { version: 1, extra: 'x', profiles: [{ ...contents.profiles[0], note: 'kept out' }] };
    const sealed = await sealVault(raw as unknown as VaultContents, key, envelope.kdf);
    expect(await openVaultWithKey(sealed, key)).toEqual(contents);
  });
});

describe('maskSecret for keys that are not UUID-shaped', () => {
  it.each([
    ['abcdefghijklm', '••••••••jklm'], // 13 characters: the last 4 show
    ['abcdefghijkl', '••••••••'], // 12: none
    ['abcd', '••••••••'],
    ['', '••••••••'],
    ['0123456789abcdef0123456789abcdef', '••••••••cdef'],
    ['a-b-c-long-secret-part', '••••••••part'], // six dash-separated parts: not UUID-shaped
    ['abc-defghijklmno', '••••••••lmno'],
  ])('%j → %j', (key, masked) => {
    expect(maskSecret(key)).toBe(masked);
  });

  it('never shows more than the last 4 characters of a key without dashes', () => {
    for (let n = 0; n <= 64; n++) {
      const key = 'k'.repeat(Math.max(0, n - 4)) + 'WXYZ'.slice(Math.max(0, 4 - n));
      const masked = maskSecret(key);
      expect(masked.startsWith('••••••••')).toBe(true);
      expect(masked.slice(8)).toBe(n > 12 ? key.slice(-4) : '');
    }
  });

  // Found while writing these tests: any key with five dash-separated parts took the UUID branch, so a non-UUID key
  // of that form showed its whole last part. Only a real UUID shows its last group now.
  it('a key with five dash-separated parts that is not a UUID shows at most its last 4 characters', () => {
    expect(maskSecret('a-b-c-d-thewholesecretvalue')).toBe('••••••••alue');
  });
});

describe('which profiles and orgs remain', () => {
  const A = 'a1b2c3d4e5f60718';
  const B = 'b1b2c3d4e5f60718';
  const C = 'c1b2c3d4e5f60718';
  const three = (): VaultContents => ({
    version: 1,
    profiles: [profile(A, [ORG_1, ORG_2]), profile(B, [ORG_3]), profile(C, [])],
  });
  const orgsById = (c: VaultContents) => Object.fromEntries(c.profiles.map((p) => [p.id, p.orgIds]));

  it('removeProfile removes exactly that profile, keeping the others in order', () => {
    expect(removeProfile(three(), B).profiles.map((p) => p.id)).toEqual([A, C]);
    expect(removeProfile(three(), A).profiles.map((p) => p.id)).toEqual([B, C]);
    expect(removeProfile(three(), C).profiles.map((p) => p.id)).toEqual([A, B]);
  });

  it('removeProfile of an unknown id is refused as unknown-profile', () => {
    expect(() => removeProfile(three(), 'd1b2c3d4e5f60718')).toThrow(
      expect.objectContaining({ kind: 'unknown-profile' }),
    );
  });

  it('bindOrg moves the org from the profile that had it, leaving that profile its other orgs', () => {
    const moved = bindOrg(three(), ORG_2, B);
    expect(orgsById(moved)).toEqual({ [A]: [ORG_1], [B]: [ORG_3, ORG_2], [C]: [] });
  });

  it('bindOrg of a new org adds it to that profile only', () => {
    expect(orgsById(bindOrg(three(), '5f1a2b3c4d5e6f7a8b9c0d4e', C))).toEqual({
      [A]: [ORG_1, ORG_2],
      [B]: [ORG_3],
      [C]: ['5f1a2b3c4d5e6f7a8b9c0d4e'],
    });
  });

  it('bindOrg of an org the profile already has leaves every profile as it was', () => {
    expect(orgsById(bindOrg(three(), ORG_1, A))).toEqual({ [A]: [ORG_2, ORG_1], [B]: [ORG_3], [C]: [] });
  });

  it('bindOrg to an unknown profile is refused as unknown-profile', () => {
    expect(() => bindOrg(three(), ORG_1, 'd1b2c3d4e5f60718')).toThrow(
      expect.objectContaining({ kind: 'unknown-profile' }),
    );
  });

  it('unbindOrg removes that org only: its profile keeps its other orgs, the others are untouched', () => {
    const c = three();
    expect(orgsById(unbindOrg(c, ORG_1))).toEqual({ [A]: [ORG_2], [B]: [ORG_3], [C]: [] });
    expect(orgsById(unbindOrg(c, ORG_3))).toEqual({ [A]: [ORG_1, ORG_2], [B]: [], [C]: [] });
    expect(unbindOrg(c, ORG_3).profiles.map((p) => p.id)).toEqual([A, B, C]);
    expect(unbindOrg(c, '5f1a2b3c4d5e6f7a8b9c0d4e')).toBe(c);
  });
});
