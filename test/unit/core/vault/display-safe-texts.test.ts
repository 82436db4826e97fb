// Labels and server-given names under the one display-safe rule (#30 item 7). A label typed with a text-direction
// character is refused with the label's words, like a note; a name a server gives is cleaned and cut by characters;
// and a vault or backup saved before the rule, holding U+202E in a label and a name, still opens and shows both
// cleaned (a refusal there would lose every key pair it holds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasDisplayUnsafeCharacter } from '../../../../src/core/text/display-safe';
import {
  addProfile,
  addProject,
  createVault,
  emptyContents,
  findProfileProblem,
  publicProfile,
  sealVault,
  setIdentity,
  unlockVault,
  updateProfile,
  type VaultContents,
  validateContents,
} from '../../../../src/core/vault';
import { cut } from '../../../../src/core/vault/identity';
import { ORG_A, profile, vaultErrorOf } from './backup-fixtures';

const P1 = '1'.repeat(24);
const PASS = 'correct horse battery';
const input = { label: 'Acme', publicKey: 'qwhtzmpa', privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f' };
const BIDI = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069'];

describe('a label typed with a text-direction character', () => {
  it.each(BIDI.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'is refused (%s), naming the label, on a new key pair and on an edit',
    async (_, c) => {
      const label = `Acme${c}Corp`;
      expect(await vaultErrorOf(() => addProfile(emptyContents(), { ...input, label }, 1))).toMatchObject({
        kind: 'invalid-profile',
        field: 'label',
        variant: 'control-character',
      });
      const { contents, profile: saved } = addProfile(emptyContents(), input, 1);
      expect(await vaultErrorOf(() => updateProfile(contents, saved.id, { label }, 2))).toMatchObject({
        field: 'label',
        variant: 'control-character',
      });
    },
  );
});

describe('a name the server gives', () => {
  it('loses its right-to-left override and isolates, each becoming a space', () => {
    expect(cut('Globex\u202Eexe.cod\u2066x\u2069\u061C')).toBe('Globex exe.cod x  ');
  });

  it('is cut to 256 characters by characters, never between the halves of an emoji', () => {
    expect(cut(`${'n'.repeat(255)}😀😀`)).toBe(`${'n'.repeat(255)}😀`);
    expect(cut('😀'.repeat(300))).toBe('😀'.repeat(256));
  });

  it('is kept cleaned when learnt: the org, its projects, a project learnt later', () => {
    const { contents, profile: saved } = addProfile(emptyContents(), input, 1);
    const identity = {
      kind: 'org' as const,
      org: { id: ORG_A, name: 'Acme\u202Egnp.exe' },
      projects: [{ id: P1, name: 'Prod\u2067' }],
    };
    let next = setIdentity(contents, saved.id, identity);
    next = addProject(next, saved.id, { id: 'f'.repeat(24), name: 'Stage\u200F' });
    const stored = next.profiles[0]!;
    expect(stored.org!.name).toBe('Acme gnp.exe');
    expect(stored.projects!.map((p) => p.name)).toEqual(['Prod ', 'Stage ']);
    // What a cleaned and cut name looks like is what the vault's check accepts (an emoji name of 512 code units).
    const emoji = setIdentity(contents, saved.id, { ...identity, org: { id: ORG_A, name: '😀'.repeat(300) } });
    const raw = JSON.parse(JSON.stringify(emoji));
    expect(validateContents(raw, 'vault')).toEqual(emoji);
    expect(validateContents(raw, 'backup')).toEqual(emoji);
  });
});

describe('a vault saved before the rule', () => {
  const before: VaultContents = {
    version: 1,
    profiles: [
      {
        ...profile('p1', { label: 'Acme\u202Eexe.cod', org: { id: ORG_A, name: 'Acme\u202E Org' } }),
        projects: [{ id: P1, name: '\u2066Prod\u2069' }],
        orgIds: [ORG_A],
      },
      profile('p2', { label: '\u202E' }),
      profile('p3', { label: 'Client\tthree' }),
    ] as VaultContents['profiles'],
  };

  it('still opens, showing the label and the names cleaned, with nothing for the user to fix', async () => {
    const { envelope, key } = await createVault(PASS, undefined, { iterations: 1000 });
    const sealed = await sealVault(before, key, envelope.kdf);
    const opened = await unlockVault(sealed, PASS, { minIterations: 0 });
    const [one, two, three] = opened.contents.profiles;
    expect(one!.label).toBe('Acme exe.cod');
    expect(one!.org).toEqual({ id: ORG_A, name: 'Acme  Org' });
    expect(one!.projects).toEqual([{ id: P1, name: ' Prod ' }]);
    // A label that held nothing else reads as the replacement character: the vault opens, the user renames it.
    expect(two!.label).toBe('\uFFFD');
    expect(three!.label).toBe('Client three');
    expect(opened.contents.profiles.map((p) => findProfileProblem(p))).toEqual([undefined, undefined, undefined]);
    // What a page is shown.
    expect(publicProfile(one!)).toMatchObject({ label: 'Acme exe.cod', org: { name: 'Acme  Org' } });
    for (const p of opened.contents.profiles) {
      for (const text of [p.label, p.org?.name ?? '', ...(p.projects ?? []).map((q) => q.name)]) {
        expect(hasDisplayUnsafeCharacter(text)).toBe(false);
      }
    }
  });

  it('as a backup, imports with the text-direction characters cleaned; a tab in a label is still refused', () => {
    const backup = JSON.parse(JSON.stringify({ version: 1, profiles: [before.profiles[0], before.profiles[1]] }));
    const imported = validateContents(backup, 'backup');
    expect(imported.profiles.map((p) => p.label)).toEqual(['Acme exe.cod', '\uFFFD']);
    expect(imported.profiles[0]!.org!.name).toBe('Acme  Org');
    expect(() => validateContents({ version: 1, profiles: [before.profiles[2]] }, 'backup')).toThrow(
      expect.objectContaining({ kind: 'invalid-backup', field: 'label', variant: 'control-character' }),
    );
  });

  it('a label or name that meets the rule is read back unchanged (property)', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(text, text, (label, name) => {
        fc.pre(label.trim() === label && label.length <= 200 && !hasDisplayUnsafeCharacter(label));
        fc.pre(!hasDisplayUnsafeCharacter(name));
        const stored = { version: 1, profiles: [profile('p1', { label, org: { id: ORG_A, name } })] };
        const read = validateContents(JSON.parse(JSON.stringify(stored)), 'vault').profiles[0]!;
        expect([read.label, read.org!.name]).toEqual([label, name]);
      }),
    );
  });

  it('any label or name it holds opens clean under the rule (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(...BIDI, '\u2028', '\u0085', '\t', '😀', 'a', ' '),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    // Names were always cleaned of controls when learnt: a stored one may hold only what that let through.
    const nameUnit = fc.constantFrom(...BIDI, '\ud83d', '\ude00', '😀', 'a', ' ');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 40 }), fc.string({ unit: nameUnit }), (label, name) => {
        fc.pre(label.trim() !== '');
        const stored = { version: 1, profiles: [profile('p1', { label, org: { id: ORG_A, name } })] };
        const read = validateContents(JSON.parse(JSON.stringify(stored)), 'vault').profiles[0]!;
        expect(hasDisplayUnsafeCharacter(read.label)).toBe(false);
        expect(read.label.trim()).not.toBe('');
        expect(hasDisplayUnsafeCharacter(read.org!.name)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
