// What mutation testing found unprotected in merge.ts (issue #18): each field the user edits alone makes a
// conflict, a key pair kept twice gets an id no key pair of either side has, and the refusal of a merge that
// would hold more than MAX_PROFILES key pairs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PROFILES, mergeContents, type Profile, planMerge, VaultError } from '../../../../src/core/vault';
import { profile as sharedKeyProfile, vault } from '../../../support/vault-profiles';

// Each key pair with its own public key: key pairs of one credential under two ids are the identical ones a merge
// skips (backup-merge.test.ts), not what these tests are about.
const profile = (id: string, extra: Partial<Profile> = {}) =>
  sharedKeyProfile(id, { publicKey: `key-${id}`.slice(0, 20), ...extra });

afterEach(() => vi.restoreAllMocks());

describe('one edited field is enough for a conflict', () => {
  const edits: [string, Partial<Profile>][] = [
    ['the name', { label: 'Renamed' }],
    ['the public key', { publicKey: 'zzzzzzzz' }],
    ['the private key', { privateKey: '7d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6' }],
    ['the server (of the same side)', { baseUrl: 'https://opsmanager.example.net' }],
    ['the http:// confirmation', { insecureHttpConfirmed: true }],
  ];

  for (const [what, edit] of edits) {
    it(`${what}`, () => {
      const server = { baseUrl: 'https://opsmanager.example.com' };
      const current = vault(profile('p1', server));
      const incoming = vault(profile('p1', { ...server, ...edit, createdAt: 7, updatedAt: 9 }));
      expect(planMerge(current, incoming)).toEqual({
        added: [],
        unchanged: [],
        conflicts: [{ id: 'p1', currentLabel: 'Client p1', incomingLabel: incoming.profiles[0]?.label }],
        duplicateKeys: [],
        identical: [],
      });
      expect(mergeContents(current, incoming, { onConflict: 'keep-current' })).toEqual(current);
      expect(mergeContents(current, incoming, { onConflict: 'take-backup' }).profiles).toEqual(incoming.profiles);
    });
  }

  it('while the times alone make none', () => {
    const current = vault(profile('p1'));
    const incoming = vault(profile('p1', { createdAt: 7, updatedAt: 9 }));
    expect(planMerge(current, incoming).unchanged).toEqual([{ id: 'p1', label: 'Client p1' }]);
  });
});

describe('keep-both', () => {
  it('gives the backup’s version an id neither side holds', () => {
    // newProfileId draws 8 random bytes: first those of the current vault's other id, then those of an id only
    // the backup holds, then fresh ones.
    let draw = 0;
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      draw += 1;
      (array as unknown as Uint8Array).fill(draw);
      return array;
    });
    const current = vault(profile('0101010101010101'), profile('p1'));
    const incoming = vault(profile('p1', { label: 'Edited' }), profile('0202020202020202'));
    const merged = mergeContents(current, incoming, { onConflict: 'keep-both' });
    expect(merged.profiles.map((p) => [p.id, p.label])).toEqual([
      ['0101010101010101', 'Client 0101010101010101'],
      ['p1', 'Client p1'],
      ['0303030303030303', 'Edited'],
      ['0202020202020202', 'Client 0202020202020202'],
    ]);
  });
});

describe('at most MAX_PROFILES key pairs after a merge', () => {
  const side = (prefix: string, n: number) => vault(...Array.from({ length: n }, (_, i) => profile(`${prefix}${i}`)));

  it('refuses one more, importing nothing', () => {
    let error: unknown;
    try {
      mergeContents(side('c', 300), side('b', MAX_PROFILES - 299), { onConflict: 'keep-current' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VaultError);
    const { kind, variant, field, params } = error as VaultError;
    expect({ kind, variant, field, params }).toEqual({
      kind: 'invalid-backup',
      variant: 'too-many-profiles',
      field: undefined,
      params: { max: '500' },
    });
  });

  it('accepts exactly as many', () => {
    const merged = mergeContents(side('c', 300), side('b', MAX_PROFILES - 300), { onConflict: 'keep-current' });
    expect(merged.profiles).toHaveLength(MAX_PROFILES);
  });
});
