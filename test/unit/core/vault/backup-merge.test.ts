// Merging a backup into the vault: key pairs matched by id, edits since the backup reported as conflicts the user
// settles, a key pair identical to one held under another id skipped and named, a public key held with another
// secret reported (never renamed), and one key pair per org.
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  emptyContents,
  mergeContents,
  planMerge,
  profileForOrg,
  removeProfile,
  updateProfile,
  type VaultContents,
} from '../../../../src/core/vault';
import { ORG_A, ORG_B, ORG_C, OTHER_SECRET, profile, SECRET } from './backup-fixtures';

const contents = (...profiles: ReturnType<typeof profile>[]): VaultContents => ({ version: 1, profiles });
const ids = (c: VaultContents) => c.profiles.map((p) => p.id);

describe('merging a backup', () => {
  // The reported bug: back up, edit the key pair, merge the backup: two profiles shared one id, and removing
  // one removed both.
  const backUpThenEdit = () => {
    const backedUp = addProfile(
      emptyContents(),
      { label: 'Acme', publicKey: 'aaaaaaaa', privateKey: SECRET, orgIds: [ORG_A] },
      1,
    );
    const id = backedUp.profile.id;
    const edited = updateProfile(backedUp.contents, id, { publicKey: 'cccccccc', privateKey: OTHER_SECRET }, 2);
    return { backedUp, id, edited: edited.contents };
  };

  it('never leaves two key pairs with one id after an edit since the backup, whatever the choice', () => {
    const { backedUp, id, edited } = backUpThenEdit();
    for (const onConflict of ['keep-current', 'take-backup', 'keep-both'] as const) {
      const merged = mergeContents(edited, backedUp.contents, { onConflict });
      expect(new Set(ids(merged)).size, onConflict).toBe(merged.profiles.length);
      // Removing a key pair removes that one only.
      expect(removeProfile(merged, id).profiles.length, onConflict).toBe(merged.profiles.length - 1);
    }
  });

  it('reports the edit as a conflict with both labels, and each choice does what it says', () => {
    const { backedUp, id, edited } = backUpThenEdit();
    const renamed = updateProfile(edited, id, { label: 'Acme (new key)' }, 3).contents;
    expect(planMerge(renamed, backedUp.contents)).toEqual({
      added: [],
      unchanged: [],
      conflicts: [{ id, currentLabel: 'Acme (new key)', incomingLabel: 'Acme' }],
      duplicateKeys: [],
      identical: [],
    });

    const kept = mergeContents(renamed, backedUp.contents, { onConflict: 'keep-current' });
    expect(kept.profiles).toEqual(renamed.profiles);

    const taken = mergeContents(renamed, backedUp.contents, { onConflict: 'take-backup' });
    expect(taken.profiles).toHaveLength(1);
    expect(taken.profiles[0]).toMatchObject({ id, label: 'Acme', publicKey: 'aaaaaaaa', privateKey: SECRET });
    expect(profileForOrg(taken, ORG_A)?.id).toBe(id);

    const both = mergeContents(renamed, backedUp.contents, { onConflict: 'keep-both' });
    expect(both.profiles.map((p) => p.label)).toEqual(['Acme (new key)', 'Acme']);
    expect(both.profiles[0]!.id).toBe(id);
    expect(both.profiles[1]!.id).not.toBe(id);
    expect(both.profiles[1]!.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    // The org stays with the key pair the current vault binds it to.
    expect(profileForOrg(both, ORG_A)?.id).toBe(id);
    expect(both.profiles.filter((p) => p.orgIds.includes(ORG_A))).toHaveLength(1);
  });

  it('keeps one copy of an unchanged key pair and unions its orgs', () => {
    const current = contents(profile('p1', { orgIds: [ORG_A] }));
    const incoming = contents(profile('p1', { orgIds: [ORG_B], createdAt: 5, updatedAt: 9 }));
    expect(planMerge(current, incoming)).toMatchObject({
      unchanged: [{ id: 'p1', label: 'Client p1' }],
      conflicts: [],
    });
    const merged = mergeContents(current, incoming, { onConflict: 'keep-current' });
    expect(merged.profiles).toHaveLength(1);
    expect(merged.profiles[0]!.orgIds).toEqual([ORG_A, ORG_B]);
  });

  // Before: a merge added the backup's copy of a key pair the vault already held under another id (the same
  // credential saved on two browsers), and the popup listed "Acme Retail (qwhtzmpa)" twice.
  it('skips a key pair identical to one held under another id, names it, and binds its orgs to the held one', () => {
    const current = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_A] }));
    const incoming = contents(profile('p2', { label: 'Acme again', publicKey: 'samekey1', orgIds: [ORG_B] }));
    const plan = planMerge(current, incoming);
    expect(plan.added).toEqual([]);
    expect(plan.identical).toEqual([{ id: 'p2', label: 'Acme again', currentId: 'p1', currentLabel: 'Acme' }]);
    expect(plan.duplicateKeys).toEqual([]);
    for (const onConflict of ['keep-current', 'take-backup', 'keep-both'] as const) {
      const merged = mergeContents(current, incoming, { onConflict });
      expect(
        merged.profiles.map((p) => [p.id, p.label, p.orgIds]),
        onConflict,
      ).toEqual([['p1', 'Acme', [ORG_A, ORG_B]]]);
    }
  });

  it('adds, and reports, a key pair with the same public key but another secret or side', () => {
    const current = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1' }));
    const incoming = contents(profile('p2', { label: 'Acme again', publicKey: 'samekey1', privateKey: OTHER_SECRET }));
    const plan = planMerge(current, incoming);
    expect(plan.added).toEqual([{ id: 'p2', label: 'Acme again' }]);
    expect(plan.identical).toEqual([]);
    expect(plan.duplicateKeys).toEqual([{ id: 'p2', label: 'Acme again', currentId: 'p1', currentLabel: 'Acme' }]);
    const merged = mergeContents(current, incoming, { onConflict: 'keep-current' });
    expect(merged.profiles.map((p) => [p.id, p.label])).toEqual([
      ['p1', 'Acme'],
      ['p2', 'Acme again'],
    ]);
    // The same key on another server is another key pair.
    const elsewhere = contents(profile('p3', { publicKey: 'samekey1', baseUrl: 'https://ops.example.com' }));
    expect(planMerge(current, elsewhere)).toMatchObject({ duplicateKeys: [], identical: [] });
    // The same credential as a service account is another credential.
    const account = contents(profile('p4', { publicKey: 'samekey1', credential: 'service-account' }));
    expect(planMerge(current, account)).toMatchObject({ identical: [], duplicateKeys: [{ id: 'p4' }] });
  });

  it('binds every org to at most one key pair, the current vault first', () => {
    const current = contents(profile('p1', { orgIds: [ORG_A] }), profile('p2', { orgIds: [ORG_B] }));
    const incoming = contents(
      profile('p1', { orgIds: [ORG_B] }), // unchanged, but the backup bound ORG_B to it
      profile('p3', { orgIds: [ORG_A, ORG_C] }), // new; ORG_A is p1's in the vault, ORG_C is nobody's
      profile('p4', { orgIds: [ORG_C] }),
    );
    const merged = mergeContents(current, incoming, { onConflict: 'keep-current' });
    expect(ids(merged)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(merged.profiles.map((p) => p.orgIds)).toEqual([[ORG_A], [ORG_B], [ORG_C], []]);
  });

  it('refuses a merge that would hold more key pairs than a vault may', () => {
    const many = (prefix: string, n: number) =>
      contents(...Array.from({ length: n }, (_, i) => profile(`${prefix}${i}`)));
    expect(() => mergeContents(many('a', 300), many('b', 201), { onConflict: 'keep-current' })).toThrow(
      expect.objectContaining({ kind: 'invalid-backup', variant: 'too-many-profiles' }),
    );
    expect(mergeContents(many('a', 300), many('b', 200), { onConflict: 'keep-current' }).profiles).toHaveLength(500);
  });
});
