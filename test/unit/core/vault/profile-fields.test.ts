// A key pair's fields are refused when saved if an HTTP request could not carry them (a key with a line break,
// a zero-width or a non-ASCII character), and a plain http:// server needs the user's explicit confirmation
// unless it is this machine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  createVault,
  emptyContents,
  findProfileProblem,
  makeBackup,
  normalizeBaseUrl,
  openVaultWithKey,
  parseBackup,
  previewBackup,
  sealVault,
  unlockVault,
  updateProfile,
  type VaultContents,
  VaultError,
} from '../../../../src/core/vault';
import { craftBackup, profile, SECRET, vaultErrorOf } from './backup-fixtures';

const input = { label: 'Acme', publicKey: 'qwhtzmpa', privateKey: SECRET };
const PASS = 'a long enough passphrase';

function refusal(run: () => unknown): VaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError, but the call succeeded');
}

// Characters a header cannot carry: controls, space, DEL and C1, non-ASCII letters, zero-width and BOM, line and
// paragraph separators, an emoji (a surrogate pair).
const unsendable = fc.oneof(
  fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u00a0', '\u00e9', '\u0100', '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff', '한', '😀'),
  fc.integer({ min: 0xa0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
// Not removed by String.prototype.trim, so it is refused at the ends of a key too.
const unsendableUntrimmed = unsendable.filter((c) => c.trim() === c);
const printable = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 200,
});

describe('key fields must be sendable in an HTTP header', () => {
  for (const field of ['publicKey', 'privateKey'] as const) {
    it(`refuses any ${field} holding an unsendable character inside it, naming the field (property)`, () => {
      fc.assert(
        fc.property(
          printable.filter((s) => s.length >= 2 && s.length < 200),
          unsendable,
          fc.nat(),
          (key, bad, at) => {
            const position = 1 + (at % (key.length - 1)); // strictly inside: trimming cannot remove it
            const withBad = key.slice(0, position) + bad + key.slice(position);
            const error = refusal(() => addProfile(emptyContents(), { ...input, [field]: withBad }, 1));
            expect(error).toMatchObject({ kind: 'invalid-profile', field, variant: 'unsendable-character' });
            // A fixed text: it can never hold the key itself.
            expect(error.message).toBe(`invalid-profile (unsendable-character, ${field})`);
          },
        ),
      );
    });

    it(`refuses a ${field} with a character trimming cannot remove, at any position (property)`, () => {
      fc.assert(
        fc.property(printable, unsendableUntrimmed, fc.nat(), (key, bad, at) => {
          const position = at % (key.length + 1);
          const withBad = key.slice(0, position) + bad + key.slice(position);
          const base = emptyContents();
          expect(refusal(() => addProfile(base, { ...input, [field]: withBad }, 1)).field).toBe(field);
          const saved = addProfile(base, input, 1);
          const edit = refusal(() => updateProfile(saved.contents, saved.profile.id, { [field]: withBad }, 2));
          expect(edit).toMatchObject({ kind: 'invalid-profile', field });
        }),
      );
    });

    it(`accepts any printable-ASCII ${field} up to 200 characters, unchanged (property)`, () => {
      fc.assert(
        fc.property(printable, (key) => {
          const { profile: saved } = addProfile(emptyContents(), { ...input, [field]: key }, 1);
          expect(saved[field]).toBe(key);
        }),
      );
    });
  }

  it('refuses a zero-width character as unsendable, and still trims a pasted line break at the ends', () => {
    const error = refusal(() => addProfile(emptyContents(), { ...input, publicKey: 'qwht\u200bzmpa' }, 1));
    expect(error).toMatchObject({ kind: 'invalid-profile', variant: 'unsendable-character', field: 'publicKey' });
    expect(addProfile(emptyContents(), { ...input, publicKey: '\nqwhtzmpa\r\n' }, 1).profile.publicKey).toBe(
      'qwhtzmpa',
    );
  });

  it('refuses keys and names over 200 characters, and names with control characters', () => {
    expect(refusal(() => addProfile(emptyContents(), { ...input, privateKey: 'k'.repeat(201) }, 1))).toMatchObject({
      field: 'privateKey',
      variant: 'too-long',
    });
    expect(refusal(() => addProfile(emptyContents(), { ...input, label: 'L'.repeat(201) }, 1))).toMatchObject({
      field: 'label',
      variant: 'too-long',
    });
    for (const label of ['Ac\nme', 'Ac\tme', 'Ac\u0000me', 'Ac\u0085me', 'Ac\u2028me']) {
      expect(refusal(() => addProfile(emptyContents(), { ...input, label }, 1))).toMatchObject({
        kind: 'invalid-profile',
        field: 'label',
        variant: 'control-character',
      });
    }
    // A name is for people: any script is fine.
    expect(addProfile(emptyContents(), { ...input, label: '글로벡스 고객사 ✓' }, 1).profile.label).toBe(
      '글로벡스 고객사 ✓',
    );
  });

  it('names the missing field', () => {
    expect(refusal(() => addProfile(emptyContents(), { ...input, publicKey: ' ' }, 1)).field).toBe('publicKey');
    expect(refusal(() => addProfile(emptyContents(), { ...input, privateKey: '' }, 1)).field).toBe('privateKey');
    expect(refusal(() => addProfile(emptyContents(), { ...input, label: '' }, 1)).field).toBe('label');
  });
});

describe('http:// servers', () => {
  it('refuses a remote http:// server without confirmation', () => {
    for (const url of [
      'http://ops.example.com:8080',
      'http://10.0.0.5',
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'http://[::2]:8080',
    ]) {
      const error = refusal(() => normalizeBaseUrl(url));
      expect(error).toMatchObject({ kind: 'invalid-base-url', variant: 'insecure-http', field: 'baseUrl' });
      expect(normalizeBaseUrl(url, { allowInsecureHttp: true })).toBe(new URL(url).origin);
    }
  });

  it('accepts this machine over http:// without asking', () => {
    for (const url of ['http://127.0.0.1:9443', 'http://127.8.9.10', 'http://localhost:3000/', 'http://[::1]:8080']) {
      expect(normalizeBaseUrl(url)).toBe(new URL(url).origin);
      expect(addProfile(emptyContents(), { ...input, baseUrl: url }, 1).profile.insecureHttpConfirmed).toBeUndefined();
    }
    expect(normalizeBaseUrl('https://ops.example.com')).toBe('https://ops.example.com');
  });

  it('records the confirmation on the key pair, keeps it while the server stays, and asks again for another', () => {
    const base = 'http://ops.example.com:8080';
    expect(refusal(() => addProfile(emptyContents(), { ...input, baseUrl: base }, 1)).variant).toBe('insecure-http');
    const added = addProfile(emptyContents(), { ...input, baseUrl: base, allowInsecureHttp: true }, 1);
    expect(added.profile).toMatchObject({ baseUrl: base, insecureHttpConfirmed: true });
    const id = added.profile.id;
    // Editing the name, or sending the same address back from the form, keeps it.
    expect(updateProfile(added.contents, id, { label: 'Acme 2' }, 2).profile.insecureHttpConfirmed).toBe(true);
    expect(updateProfile(added.contents, id, { baseUrl: `${base}/` }, 2).profile.insecureHttpConfirmed).toBe(true);
    // Another http:// server needs its own confirmation; https:// needs none and drops it.
    expect(refusal(() => updateProfile(added.contents, id, { baseUrl: 'http://other.example.com' }, 2)).variant).toBe(
      'insecure-http',
    );
    const secure = updateProfile(added.contents, id, { baseUrl: 'https://ops.example.com' }, 2).profile;
    expect(secure.insecureHttpConfirmed).toBeUndefined();
  });

  it('a confirmed http:// key pair survives the vault and a backup', async () => {
    const added = addProfile(
      emptyContents(),
      { ...input, baseUrl: 'http://ops.example.com:8080', allowInsecureHttp: true },
      1,
    );
    expect(added.profile.insecureHttpConfirmed).toBe(true);
    const { envelope, key } = await createVault(PASS, added.contents);
    expect(await openVaultWithKey(envelope, key)).toEqual(added.contents);
    expect((await previewBackup(parseBackup(makeBackup(envelope, 0)), PASS)).contents).toEqual(added.contents);
  });
});

describe('key pairs saved before these rules', () => {
  it('still open, and findProfileProblem says which field to fix', async () => {
    const legacy: VaultContents = {
      version: 1,
      profiles: [
        profile('p1', { baseUrl: 'http://ops.example.com:8080' }),
        profile('p2', { publicKey: 'qwht\u200bzmpa' }),
        // A tab or a right-to-left override in a label is cleaned when read (display-safe.test.ts).
        profile('p3', { label: 'L'.repeat(201) }),
        profile('p4'),
      ],
    };
    const { envelope, key } = await createVault(PASS, undefined, { iterations: 1000 });
    const sealed = await sealVault(legacy, key, envelope.kdf);
    const opened = await unlockVault(sealed, PASS, { minIterations: 0 });
    expect(opened.contents).toEqual(legacy);
    expect(opened.contents.profiles.map((p) => findProfileProblem(p)?.field)).toEqual([
      'baseUrl',
      'publicKey',
      'label',
      undefined,
    ]);
    // A backup is held to every rule.
    const { backup } = await craftBackup({ version: 1, profiles: [legacy.profiles[1]] }, PASS);
    expect(await vaultErrorOf(previewBackup(backup, PASS))).toMatchObject({
      kind: 'invalid-backup',
      field: 'publicKey',
      variant: 'unsendable-character',
    });
  });
});
