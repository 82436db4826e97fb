// Atomic writes (a crash at any step leaves a vault that opens, with the old passphrase before promotion and
// the new one after), profiles, masking, backups and the unlock back-off.
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  bindOrg,
  changePassphrase,
  checkKeyShapes,
  createVault,
  emptyContents,
  makeBackup,
  maskSecret,
  mergeContents,
  parseBackup,
  previewBackup,
  profileForOrg,
  publicProfile,
  readVault,
  removeProfile,
  unbindOrg,
  unlockDelayMs,
  unlockVault,
  updateProfile,
  VaultError,
  type VaultStorage,
  writeVaultAtomically,
} from '../../../../src/core/vault';

const fast = { iterations: 1000 };
const OLD = 'the old passphrase';
const NEW = 'the new passphrase';

/** A storage.local stand-in whose writes fail from the Nth call on, like a browser killed mid-write. */
function crashingStorage(data: Map<string, unknown>, failAfter: number): VaultStorage & { calls: number } {
  const s = {
    calls: 0,
    async get(key: string) {
      return structuredClone(data.get(key));
    },
    async set(items: Record<string, unknown>) {
      if (s.calls++ >= failAfter) throw new Error('crash');
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string[]) {
      if (s.calls++ >= failAfter) throw new Error('crash');
      for (const k of keys) data.delete(k);
    },
  };
  return s;
}

const opens = async (storage: VaultStorage, passphrase: string) => {
  const envelope = await readVault(storage);
  return unlockVault(envelope!, passphrase, { minIterations: 0 }).then(
    () => true,
    () => false,
  );
};

describe('atomic vault writes', () => {
  it('leaves a readable vault whichever step a passphrase change is interrupted at', async () => {
    const { envelope } = await createVault(OLD, emptyContents(), fast);
    const next = await changePassphrase(envelope, OLD, NEW, fast);
    const full = crashingStorage(new Map([['vault', envelope]]), Number.POSITIVE_INFINITY);
    await writeVaultAtomically(full, next.envelope, async () => undefined);
    const steps = full.calls;
    expect(steps).toBeGreaterThanOrEqual(2);
    for (let failAfter = 0; failAfter <= steps; failAfter++) {
      const data = new Map<string, unknown>([['vault', envelope]]);
      const storage = crashingStorage(data, failAfter);
      await writeVaultAtomically(storage, next.envelope, async () => undefined).catch(() => undefined);
      const reader = crashingStorage(data, Number.POSITIVE_INFINITY);
      const promoted = failAfter >= 2; // stage written (1st call), vault replaced (2nd call)
      expect({ failAfter, old: await opens(reader, OLD), new: await opens(reader, NEW) }).toEqual({
        failAfter,
        old: !promoted,
        new: promoted,
      });
      // A left-over stage is never taken for the vault, and the next write replaces it.
      await writeVaultAtomically(reader, next.envelope, async () => undefined);
      expect(data.has('vault.next')).toBe(false);
      expect(await opens(reader, NEW)).toBe(true);
    }
  });

  it('keeps a write whole when the vault is read while it is staged', async () => {
    // Before: readVault removed any stage it saw, so a read beside a write made that write fail as "damaged".
    const { envelope } = await createVault(OLD, emptyContents(), fast);
    const next = await changePassphrase(envelope, OLD, NEW, fast);
    const data = new Map<string, unknown>([['vault', envelope]]);
    const storage = crashingStorage(data, Number.POSITIVE_INFINITY);
    await writeVaultAtomically(storage, next.envelope, async () => {
      await readVault(storage); // another handler reads the vault between stage and promotion
    });
    expect(await opens(storage, NEW)).toBe(true);
  });

  it('keeps the old vault when the new one fails verification', async () => {
    const { envelope } = await createVault(OLD, emptyContents(), fast);
    const next = await changePassphrase(envelope, OLD, NEW, fast);
    const data = new Map<string, unknown>([['vault', envelope]]);
    const storage = crashingStorage(data, Number.POSITIVE_INFINITY);
    await expect(
      writeVaultAtomically(storage, next.envelope, async () => {
        throw new Error('does not open');
      }),
    ).rejects.toThrow();
    expect(await opens(storage, OLD)).toBe(true);
  });
});

describe('profiles', () => {
  const input = { label: ' Acme ', publicKey: 'qwhtzmpa', privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f' };
  it('validates, normalises the server address and binds each org to one profile', () => {
    const { contents, profile } = addProfile(emptyContents(), input, 1);
    expect(profile).toMatchObject({ label: 'Acme', baseUrl: 'https://cloud.mongodb.com', orgIds: [] });
    const second = addProfile(
      contents,
      { ...input, label: 'Ops', baseUrl: 'http://ops.example:8080/', allowInsecureHttp: true },
      2,
    );
    expect(second.profile).toMatchObject({ baseUrl: 'http://ops.example:8080', insecureHttpConfirmed: true });
    for (const baseUrl of ['ftp://x', 'https://x/path', 'not a url']) {
      expect(() => addProfile(contents, { ...input, baseUrl }, 3)).toThrow(VaultError);
    }
    expect(() => addProfile(contents, { ...input, label: ' ' }, 3)).toThrow(VaultError);
    let c = bindOrg(second.contents, 'a'.repeat(24), profile.id);
    c = bindOrg(c, 'a'.repeat(24), second.profile.id);
    expect(profileForOrg(c, 'a'.repeat(24))?.id).toBe(second.profile.id);
    expect(c.profiles.filter((p) => p.orgIds.includes('a'.repeat(24)))).toHaveLength(1);
    const edited = updateProfile(c, profile.id, { label: 'Acme Corp', privateKey: '' }, 4);
    expect(edited.profile.privateKey).toBe(input.privateKey);
    expect(removeProfile(edited.contents, profile.id).profiles).toHaveLength(1);
    // Unbinding leaves the org with no client and every key pair in place; unbinding again changes nothing.
    const unbound = unbindOrg(c, 'a'.repeat(24));
    expect(profileForOrg(unbound, 'a'.repeat(24))).toBeUndefined();
    expect(unbound.profiles.map((p) => p.id)).toEqual(c.profiles.map((p) => p.id));
    expect(unbindOrg(unbound, 'a'.repeat(24))).toBe(unbound);
  });

  it('warns about key shapes without refusing, and spots swapped keys', () => {
    expect(checkKeyShapes(input.publicKey, input.privateKey)).toEqual([]);
    expect(checkKeyShapes(input.privateKey, input.publicKey)).toEqual([{ kind: 'looks-swapped' }]);
    expect(checkKeyShapes('ABC', 'xyz').map((w) => w.kind)).toEqual(['public-key-shape', 'private-key-shape']);
  });

  it('masks all but the last segment and never exposes the private key', () => {
    const { profile } = addProfile(emptyContents(), input, 1);
    expect(maskSecret(input.privateKey)).toBe('••••••••-••••-••••-••••-0a1b2c3d4e5f');
    const shown = JSON.stringify(publicProfile(profile));
    expect(shown).not.toContain('3f9c2e71');
    expect(shown).not.toContain('privateKey');
  });
});

describe('backups', () => {
  const SECRET_1 = '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
  it('round-trips, previews labels, refuses damage and wrong passphrases, and merges', async () => {
    const a = addProfile(
      emptyContents(),
      { label: 'Acme', publicKey: 'aaaaaaaa', privateKey: SECRET_1, orgIds: ['1'.repeat(24)] },
      1,
    );
    // Backups are read only at today's KDF strength (≥ 600,000 iterations), so this one is sealed at the default.
    const { envelope } = await createVault(OLD, a.contents);
    const text = makeBackup(envelope, Date.UTC(2026, 10, 28));
    // A UUID-shaped key: base64 ciphertext has no '-', so it cannot contain it by chance (a 2-letter key could).
    expect(text).not.toContain(SECRET_1);
    const backup = parseBackup(text);
    expect((await previewBackup(backup, OLD)).labels).toEqual(['Acme']);
    await expect(previewBackup(backup, 'wrong passphrase')).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    expect(() => parseBackup('{')).toThrow(VaultError);
    expect(() => parseBackup('{"format":"other"}')).toThrow(VaultError);
    expect(() => parseBackup(text.replace('"AES-GCM"', '"AES-CBC"'))).toThrow(VaultError);

    const b = addProfile(
      emptyContents(),
      {
        label: 'Globex',
        publicKey: 'bbbbbbbb',
        privateKey: '7d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6',
        orgIds: ['1'.repeat(24)],
      },
      2,
    );
    const merged = mergeContents(b.contents, a.contents, { onConflict: 'keep-current' });
    expect(merged.profiles.map((p) => p.label)).toEqual(['Globex', 'Acme']);
    expect(merged.profiles.filter((p) => p.orgIds.includes('1'.repeat(24)))).toHaveLength(1);
  });
});

describe('unlock back-off', () => {
  it('does not delay the first mistakes, then grows and is capped', () => {
    expect([0, 1, 2].map(unlockDelayMs)).toEqual([0, 0, 0]);
    const later = [3, 4, 5, 6, 10, 50].map(unlockDelayMs);
    expect(later[0]).toBeGreaterThan(0);
    for (let i = 1; i < later.length; i++) expect(later[i]).toBeGreaterThanOrEqual(later[i - 1]!);
    expect(unlockDelayMs(1000)).toBe(60_000);
  });
});
