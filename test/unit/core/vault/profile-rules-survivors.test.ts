// What mutation testing found unprotected in profile-rules.ts (issue #18): the exact limits of names and keys
// (200 characters pass, 201 do not), the C1 control range up to U+009F, empty names and keys in a saved vault,
// the id rules, and the variant and field each problem is told by (the pages find their words by them).
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  emptyContents,
  MAX_KEY_LENGTH,
  MAX_LABEL_LENGTH,
  type VaultContents,
  validateContents,
} from '../../../../src/core/vault';
import { refusal } from '../../../support/vault-profiles';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const PUB = 'qwhtzmpa';
const SECRET = '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
const input = { label: 'Acme', publicKey: PUB, privateKey: SECRET };

const stored = (overrides: Record<string, unknown>) => ({
  version: 1,
  profiles: [
    {
      id: 'p1',
      label: 'Acme',
      publicKey: PUB,
      privateKey: SECRET,
      baseUrl: 'https://cloud.mongodb.com',
      orgIds: [],
      createdAt: 1,
      updatedAt: 1,
      ...overrides,
    },
  ],
});

const hexIds = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(24, '0'));
const fresh = (): VaultContents => emptyContents();

describe('lengths: 200 characters pass, 201 do not', () => {
  it('a name', () => {
    expect(MAX_LABEL_LENGTH).toBe(200);
    expect(addProfile(fresh(), { ...input, label: 'n'.repeat(200) }, 1).profile.label).toBe('n'.repeat(200));
    expect(refusal(() => addProfile(fresh(), { ...input, label: 'n'.repeat(201) }, 1))).toEqual({
      kind: 'invalid-profile',
      variant: 'too-long',
      field: 'label',
    });
  });

  it('a public and a private key', () => {
    expect(MAX_KEY_LENGTH).toBe(200);
    const long = 'k'.repeat(200);
    const saved = addProfile(fresh(), { ...input, publicKey: long, privateKey: long }, 1).profile;
    expect([saved.publicKey, saved.privateKey]).toEqual([long, long]);
    for (const field of ['publicKey', 'privateKey'] as const) {
      expect(refusal(() => addProfile(fresh(), { ...input, [field]: `${long}k` }, 1))).toEqual({
        kind: 'invalid-profile',
        variant: 'too-long',
        field,
      });
    }
  });
});

describe('names: control characters', () => {
  it('refuses C0, DEL and the whole C1 range up to U+009F, and the line and paragraph separators', () => {
    for (const c of ['\u0000', '\t', '\u001f', '\u007f', '\u0080', '\u009e', '\u009f', '\u2028', '\u2029']) {
      expect(refusal(() => addProfile(fresh(), { ...input, label: `Ac${c}me` }, 1))).toEqual({
        kind: 'invalid-profile',
        variant: 'control-character',
        field: 'label',
      });
    }
  });

  it('accepts the characters just outside those ranges', () => {
    for (const c of [' ', '~', '\u00a0', '\u00e9', '\u2027', '\u2065', '\u206a', '\u202f']) {
      expect(addProfile(fresh(), { ...input, label: `Ac${c}me` }, 1).profile.label).toBe(`Ac${c}me`);
    }
  });
});

describe('what a saved vault may not hold, by variant and field', () => {
  const vaultCases: [string, Record<string, unknown>, string, string][] = [
    ['an empty name', { label: '' }, 'empty', 'label'],
    ['a name of spaces only', { label: '   ' }, 'empty', 'label'],
    ['an empty public key', { publicKey: '' }, 'empty', 'publicKey'],
    ['an empty private key', { privateKey: '' }, 'empty', 'privateKey'],
    ['an id with a foreign character', { id: '!p1' }, 'bad-format', 'id'],
    ['an id of 65 characters', { id: 'p'.repeat(65) }, 'bad-format', 'id'],
    ['an empty server address', { baseUrl: '' }, 'empty', 'baseUrl'],
    ['an address not in its normal form', { baseUrl: 'https://cloud.mongodb.com/' }, 'not-normalised', 'baseUrl'],
    ['a confirmation that is not a boolean', { insecureHttpConfirmed: 'yes' }, 'bad-format', 'insecureHttpConfirmed'],
    ['org ids that are no list', { orgIds: ORG }, 'not-a-list', 'orgIds'],
    ['more than 10,000 org ids', { orgIds: hexIds(10_001) }, 'too-many', 'orgIds'],
    ['an org that is no org', { org: { id: 'x', name: 'Acme' } }, 'bad-format', 'org'],
    ['a global mark that is not true', { global: false }, 'bad-format', 'global'],
    ['projects that are no list', { org: { id: ORG, name: 'Acme' }, projects: {} }, 'not-a-list', 'projects'],
    [
      'more than 5,000 projects',
      { org: { id: ORG, name: 'Acme' }, projects: hexIds(5_001).map((id) => ({ id, name: 'P' })) },
      'too-many',
      'projects',
    ],
    ['a negative creation time', { createdAt: -1 }, 'bad-time', 'createdAt'],
    ['an endless change time', { updatedAt: Infinity }, 'bad-time', 'updatedAt'],
  ];

  for (const [what, overrides, variant, field] of vaultCases) {
    it(`${what}: ${variant} of ${field}`, () => {
      expect(refusal(() => validateContents(stored(overrides), 'vault'))).toMatchObject({
        kind: 'corrupted',
        variant,
        field,
      });
    });
  }

  it('a backup gives the same variant and field', () => {
    expect(refusal(() => validateContents(stored({ label: 'Ac\u009fme' }), 'backup'))).toMatchObject({
      kind: 'invalid-backup',
      variant: 'control-character',
      field: 'label',
    });
  });

  it('while a saved vault keeps a name, id and org ids that meet the rules exactly', () => {
    const ok = stored({ id: 'p'.repeat(64), label: ' Acme ', orgIds: [ORG] });
    expect(validateContents(ok, 'vault')).toEqual(ok);
  });
});

describe('org ids are exactly 24 lowercase hex digits', () => {
  it('in a saved vault and in an org the server named', () => {
    for (const bad of [`0${ORG}`, `${ORG}0`, `x${ORG}`, `${ORG}x`]) {
      expect(refusal(() => validateContents(stored({ orgIds: [bad] }), 'vault'))).toMatchObject({
        kind: 'corrupted',
        variant: 'bad-org-id',
        field: 'orgIds',
      });
      expect(refusal(() => validateContents(stored({ org: { id: bad, name: 'Acme' } }), 'vault'))).toMatchObject({
        kind: 'corrupted',
        variant: 'bad-format',
        field: 'org',
      });
    }
  });
});
