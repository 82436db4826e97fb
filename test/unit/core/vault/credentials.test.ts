// A key pair's credential kind (API key or service account) in the vault: checked field by field when decrypted
// (only the two values; absent is an API key and stays absent), kept through save, edit, backup and merge, changed
// on edit only with a new secret, refused for Ops Manager; the form's shape hints for a service account; the same
// masking as a key.
import { describe, expect, it, vi } from 'vitest';
import {
  addProfile,
  checkKeyShapes,
  createVault,
  emptyContents,
  findProfileProblem,
  makeBackup,
  maskSecret,
  mergeContents,
  parseBackup,
  planMerge,
  previewBackup,
  profileCredential,
  publicProfile,
  updateProfile,
  type VaultContents,
  validateContents,
} from '../../../../src/core/vault';

const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const CLIENT_ID = 'mdb_sa_id_6613f0a1b2c3d4e5f6a7b8c9';
const CLIENT_SECRET = 'mdb_sa_sk_Qm9vdHN0cmFwLWNtLXNlcnZpY2UtYWNjb3VudC0wMQ';
const PUB = 'abcdefgh';
const PRIV = '11111111-2222-4333-8444-555555555555';
const NOW = 1_750_000_000_000;

const withServiceAccount = () =>
  addProfile(
    emptyContents(),
    { label: 'Acme', publicKey: CLIENT_ID, privateKey: CLIENT_SECRET, credential: 'service-account' },
    NOW,
  );
const withKey = () => addProfile(emptyContents(), { label: 'Acme', publicKey: PUB, privateKey: PRIV }, NOW);

/** The stored profile as JSON would give it back, with one field changed. */
const stored = (contents: VaultContents, patch: Record<string, unknown>) => ({
  version: 1,
  profiles: [{ ...JSON.parse(JSON.stringify(contents.profiles[0])), ...patch }],
});

describe('the credential kind in a saved key pair', () => {
  it('is written for a service account only: an API key is saved as before, without the field', () => {
    const sa = withServiceAccount().profile;
    expect(sa.credential).toBe('service-account');
    expect(profileCredential(sa)).toBe('service-account');
    const key = withKey().profile;
    expect('credential' in key).toBe(false);
    expect(profileCredential(key)).toBe('api-key');
    // An explicit API key is the same key pair as one without the field.
    const explicit = addProfile(
      emptyContents(),
      { label: 'Acme', publicKey: PUB, privateKey: PRIV, credential: 'api-key' },
      NOW,
    ).profile;
    expect('credential' in explicit).toBe(false);
  });

  it('is refused when it is neither kind, and a service account is refused for Ops Manager', () => {
    expect(() =>
      addProfile(
        emptyContents(),
        // @ts-expect-error a page may send anything
        { label: 'Acme', publicKey: PUB, privateKey: PRIV, credential: 'password' },
        NOW,
      ),
    ).toThrow(expect.objectContaining({ kind: 'invalid-profile', variant: 'bad-credential', field: 'credential' }));
    expect(() =>
      addProfile(
        emptyContents(),
        {
          label: 'Ops',
          publicKey: CLIENT_ID,
          privateKey: CLIENT_SECRET,
          credential: 'service-account',
          side: 'ops-manager',
          baseUrl: 'https://opsmanager.example.com',
        },
        NOW,
      ),
    ).toThrow(expect.objectContaining({ kind: 'invalid-profile', variant: 'credential-side', field: 'credential' }));
  });

  it('is checked when the vault or a backup is read: only the two values, absent stays absent', () => {
    const sa = withServiceAccount().contents;
    expect(validateContents(stored(sa, {}), 'vault').profiles[0]!.credential).toBe('service-account');
    expect(validateContents(stored(sa, {}), 'backup').profiles[0]!.credential).toBe('service-account');
    expect(validateContents(stored(sa, { credential: 'api-key' }), 'vault').profiles[0]!.credential).toBe('api-key');
    // Older contents: no field, an API key, and nothing is added.
    const old = validateContents(stored(withKey().contents, {}), 'vault').profiles[0]!;
    expect('credential' in old).toBe(false);
    for (const bad of ['oauth', '', 1, null, true, ['service-account']]) {
      expect(() => validateContents(stored(sa, { credential: bad }), 'vault')).toThrow(
        expect.objectContaining({ kind: 'corrupted', variant: 'bad-format', field: 'credential' }),
      );
      expect(() => validateContents(stored(sa, { credential: bad }), 'backup')).toThrow(
        expect.objectContaining({ kind: 'invalid-backup', variant: 'bad-format', field: 'credential' }),
      );
    }
  });

  it('survives a backup: exported, read back and previewed as a service account', async () => {
    const { contents } = withServiceAccount();
    // Backups are read only at today's KDF strength: sealed at the default count (derived fast in this file).
    const { envelope } = await createVault('a passphrase 123', contents);
    const text = makeBackup(envelope, NOW);
    expect(text).not.toContain(CLIENT_SECRET);
    const read = await previewBackup(parseBackup(text), 'a passphrase 123');
    expect(read.contents.profiles.map((p) => [p.label, p.credential, p.publicKey, p.privateKey])).toEqual([
      ['Acme', 'service-account', CLIENT_ID, CLIENT_SECRET],
    ]);
  });

  it('makes two versions of one key pair differ in a merge, and is kept by each choice', () => {
    const current = withKey().contents;
    const id = current.profiles[0]!.id;
    const incoming: VaultContents = {
      version: 1,
      profiles: [{ ...current.profiles[0]!, credential: 'service-account' }],
    };
    expect(planMerge(current, incoming).conflicts).toEqual([{ id, currentLabel: 'Acme', incomingLabel: 'Acme' }]);
    const same: VaultContents = { version: 1, profiles: [{ ...current.profiles[0]!, credential: 'api-key' }] };
    expect(planMerge(current, same).unchanged).toEqual([{ id, label: 'Acme' }]);
    const taken = mergeContents(current, incoming, { onConflict: 'take-backup' });
    expect(taken.profiles.map((p) => p.credential)).toEqual(['service-account']);
    const both = mergeContents(current, incoming, { onConflict: 'keep-both' });
    expect(both.profiles.map((p) => profileCredential(p))).toEqual(['api-key', 'service-account']);
    const kept = mergeContents(current, incoming, { onConflict: 'keep-current' });
    expect(kept.profiles.map((p) => profileCredential(p))).toEqual(['api-key']);
  });

  it('changes on edit only with a new secret, and is kept by an edit that does not name it', () => {
    const { contents, profile } = withServiceAccount();
    // A renamed service account stays one.
    const renamed = updateProfile(contents, profile.id, { label: 'Acme Retail' }, NOW + 1).profile;
    expect(renamed.credential).toBe('service-account');
    expect(renamed.privateKey).toBe(CLIENT_SECRET);
    // To an API key without its private key: refused, like a side change.
    expect(() =>
      updateProfile(contents, profile.id, { credential: 'api-key', publicKey: PUB, privateKey: '' }, NOW),
    ).toThrow(expect.objectContaining({ kind: 'invalid-profile', variant: 'credential-change', field: 'credential' }));
    const changed = updateProfile(
      contents,
      profile.id,
      { credential: 'api-key', publicKey: PUB, privateKey: PRIV },
      NOW + 2,
    ).profile;
    expect([profileCredential(changed), 'credential' in changed, changed.publicKey]).toEqual(['api-key', false, PUB]);
    // And back, with the client secret.
    const key = withKey();
    const back = updateProfile(
      key.contents,
      key.profile.id,
      { credential: 'service-account', publicKey: CLIENT_ID, privateKey: CLIENT_SECRET },
      NOW,
    ).profile;
    expect(back.credential).toBe('service-account');
    expect(findProfileProblem(back)).toBeUndefined();
  });

  it('is masked like a key: the secret never shows beyond its last four characters', () => {
    const view = publicProfile(withServiceAccount().profile);
    expect(view.maskedPrivateKey).toBe(`••••••••${CLIENT_SECRET.slice(-4)}`);
    expect(maskSecret(CLIENT_SECRET)).toBe(view.maskedPrivateKey);
    expect(JSON.stringify(view)).not.toContain(CLIENT_SECRET.slice(0, -4));
    expect(view.credential).toBe('service-account');
  });
});

describe('checkKeyShapes for a service account', () => {
  it('accepts mdb_sa_id_ + 24 hex and mdb_sa_sk_ + a long tail, trimmed', () => {
    expect(checkKeyShapes(` ${CLIENT_ID}\n`, `\t${CLIENT_SECRET} `, 'service-account')).toEqual([]);
    expect(
      checkKeyShapes('mdb_sa_id_0123456789abcdef01234567', 'mdb_sa_sk_abcdefghij-KLMNOPQRS_t', 'service-account'),
    ).toEqual([]);
  });

  it('hints at each field that is not of its shape, and at the two fields swapped', () => {
    expect(checkKeyShapes(CLIENT_SECRET, CLIENT_ID, 'service-account')).toEqual([{ kind: 'looks-swapped' }]);
    expect(checkKeyShapes(PUB, PRIV, 'service-account')).toEqual([
      { kind: 'public-key-shape' },
      { kind: 'private-key-shape' },
    ]);
    // 23 hex, upper-case hex, another prefix.
    for (const id of [
      'mdb_sa_id_6613f0a1b2c3d4e5f6a7b8c',
      'mdb_sa_id_6613F0A1B2C3D4E5F6A7B8C9',
      'mdb_id_6613f0a1b2c3d4e5f6a7b8c9',
    ]) {
      expect(checkKeyShapes(id, CLIENT_SECRET, 'service-account')).toEqual([{ kind: 'public-key-shape' }]);
    }
    for (const secret of ['mdb_sa_sk_short', 'mdb_sa_sk_has a space in it here ok', `sk_${CLIENT_SECRET}`]) {
      expect(checkKeyShapes(CLIENT_ID, secret, 'service-account')).toEqual([{ kind: 'private-key-shape' }]);
    }
  });

  it('checks an API key as before when no kind is given, and a service account against the API key shapes', () => {
    expect(checkKeyShapes(PUB, PRIV)).toEqual([]);
    expect(checkKeyShapes(PUB, PRIV, 'api-key')).toEqual([]);
    expect(checkKeyShapes(CLIENT_ID, CLIENT_SECRET)).toEqual([
      { kind: 'public-key-shape' },
      { kind: 'private-key-shape' },
    ]);
  });
});
