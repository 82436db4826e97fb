// The vault envelope: round trip, wrong passphrase, tampering with every recorded field, fresh IVs, the upgrade
// of a weak (10,000-iteration) vault at unlock, passphrase change, and the real 600,000-iteration default.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changePassphrase,
  createVault,
  DEFAULT_ITERATIONS,
  exportVaultKey,
  importVaultKey,
  openVaultWithKey,
  sealVault,
  unlockVault,
  type VaultContents,
  type VaultEnvelope,
  VaultError,
} from '../../../../src/core/vault';
import { labelProblem } from '../../../../src/core/vault/profile-rules';

const PASS = 'a long enough passphrase';
const contents: VaultContents = {
  version: 1,
  profiles: [
    {
      id: 'p1',
      label: 'Acme',
      publicKey: 'qwhtzmpa',
      privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
      baseUrl: 'https://cloud.mongodb.com',
      orgIds: ['5f1a2b3c4d5e6f7a8b9c0d1e'],
      createdAt: 1,
      updatedAt: 1,
    },
  ],
};
const fast = { iterations: 1000 };
const messages: string[] = [];

async function expectVaultError(p: Promise<unknown>, kind: string) {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).kind).toBe(kind);
  messages.push((error as VaultError).message);
}

function flip(b64: string, at = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at % bytes.length]! ^= 0x01;
  return bytes.toString('base64');
}

describe('vault crypto', () => {
  it('round-trips at the real default of 600,000 iterations', async () => {
    const { envelope, key } = await createVault(PASS, contents);
    expect(envelope.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: DEFAULT_ITERATIONS });
    expect(envelope.cipher.name).toBe('AES-GCM');
    expect(JSON.stringify(envelope)).not.toContain(contents.profiles[0]!.privateKey);
    expect(await openVaultWithKey(envelope, key)).toEqual(contents);
    const unlocked = await unlockVault(envelope, PASS);
    expect(unlocked.contents).toEqual(contents);
    expect(unlocked.upgraded).toBeUndefined();
  });

  it('refuses a wrong passphrase and a short new one', async () => {
    const { envelope } = await createVault(PASS, contents, fast);
    await expectVaultError(unlockVault(envelope, 'not the passphrase', { minIterations: 0 }), 'wrong-passphrase');
    await expectVaultError(createVault('short', contents, fast), 'weak-passphrase');
  });

  it('detects tampering with data, IV, salt, iterations and version, never returning contents', async () => {
    const { envelope } = await createVault(PASS, contents, fast);
    const open = (e: VaultEnvelope) => unlockVault(e, PASS, { minIterations: 0 });
    await expectVaultError(open({ ...envelope, data: flip(envelope.data, 5) }), 'wrong-passphrase');
    await expectVaultError(
      open({ ...envelope, cipher: { ...envelope.cipher, iv: flip(envelope.cipher.iv) } }),
      'wrong-passphrase',
    );
    await expectVaultError(
      open({ ...envelope, kdf: { ...envelope.kdf, salt: flip(envelope.kdf.salt) } }),
      'wrong-passphrase',
    );
    await expectVaultError(open({ ...envelope, kdf: { ...envelope.kdf, iterations: 999 } }), 'wrong-passphrase');
    await expectVaultError(open({ ...envelope, version: 2 as 1 }), 'unsupported-version');
    await expectVaultError(open({ ...envelope, data: envelope.data.slice(0, 8) }), 'corrupted');
    await expectVaultError(open({ ...envelope, data: 'not base64!' }), 'corrupted');
    await expectVaultError(open({ version: 1 } as VaultEnvelope), 'corrupted');
  });

  it('writes a fresh IV every time and keeps the KDF so the session key stays valid', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    const again = await sealVault(contents, key, envelope.kdf);
    expect(again.cipher.iv).not.toBe(envelope.cipher.iv);
    expect(again.data).not.toBe(envelope.data);
    expect(again.kdf).toEqual(envelope.kdf);
    const restored = await importVaultKey(await exportVaultKey(key));
    expect(await openVaultWithKey(again, restored)).toEqual(contents);
  });

  it("re-encrypts a 10,000-iteration vault at unlock with today's default", async () => {
    const { envelope } = await createVault(PASS, contents, { iterations: 10_000 });
    const { upgraded, key, contents: opened } = await unlockVault(envelope, PASS);
    expect(opened).toEqual(contents);
    expect(upgraded?.kdf.iterations).toBe(DEFAULT_ITERATIONS);
    expect(upgraded?.kdf.salt).not.toBe(envelope.kdf.salt);
    expect(await openVaultWithKey(upgraded!, key)).toEqual(contents);
  });

  it('changes the passphrase: the new one opens, the old one does not', async () => {
    const { envelope } = await createVault(PASS, contents, fast);
    const next = await changePassphrase(envelope, PASS, 'another long passphrase', fast);
    expect((await unlockVault(next.envelope, 'another long passphrase', { minIterations: 0 })).contents).toEqual(
      contents,
    );
    await expectVaultError(unlockVault(next.envelope, PASS, { minIterations: 0 }), 'wrong-passphrase');
    await expectVaultError(
      changePassphrase(envelope, 'wrong passphrase', 'another long passphrase', fast),
      'wrong-passphrase',
    );
    await expectVaultError(changePassphrase(envelope, PASS, 'short', fast), 'weak-passphrase');
  });

  it('survives any contents, and any single flipped byte is an error, never contents (property)', async () => {
    const { envelope, key } = await createVault(PASS, contents, fast);
    await fc.assert(
      fc.asyncProperty(
        // Any name a key pair can have (the rule a name is saved under: a visible character, none the display-safe
        // rule refuses; a name saved before that rule opens cleaned, display-safe-texts.test.ts), and each org bound
        // to one key pair only, as the vault's check requires.
        fc.uniqueArray(
          fc.record({
            label: fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => labelProblem(s) === undefined),
            org: fc.stringMatching(/^[a-f0-9]{24}$/),
          }),
          { maxLength: 5, selector: (r) => r.org },
        ),
        fc.nat(),
        async (items, at) => {
          const c: VaultContents = {
            version: 1,
            profiles: items.map((it, i) => ({
              ...contents.profiles[0]!,
              id: `p${i}`,
              label: it.label,
              orgIds: [it.org],
            })),
          };
          const sealed = await sealVault(c, key, envelope.kdf);
          expect(await openVaultWithKey(sealed, key)).toEqual(c);
          await expect(openVaultWithKey({ ...sealed, data: flip(sealed.data, at) }, key)).rejects.toBeInstanceOf(
            VaultError,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('never puts the passphrase or a private key in an error message', () => {
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) {
      expect(m).not.toContain(PASS);
      expect(m).not.toContain(contents.profiles[0]!.privateKey);
    }
  });
});
