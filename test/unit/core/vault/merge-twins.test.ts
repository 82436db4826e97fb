// A backup's key pair identical to one the vault holds under another id (the same credential: side, kind, server,
// public and private key) is skipped and its orgs go to the vault's copy, whatever else happens to that copy in the
// same merge; any difference in what signs makes it another key pair; a key pair the vault holds under the same id
// is matched by id, never as a twin of another.
import { describe, expect, it } from 'vitest';
import { mergeContents, planMerge, type VaultContents } from '../../../../src/core/vault';
import { ORG_A, ORG_B, ORG_C, OTHER_SECRET, profile } from './backup-fixtures';

const contents = (...profiles: ReturnType<typeof profile>[]): VaultContents => ({ version: 1, profiles });
const OM = 'https://ops.example.com';

describe('what makes a twin', () => {
  const held = profile('p1', { label: 'Acme', publicKey: 'samekey1', side: 'ops-manager', baseUrl: OM });

  it('is the same side, kind, server, public and private key: the label and orgs do not count', () => {
    const twin = profile('p2', {
      label: 'Other',
      publicKey: 'samekey1',
      side: 'ops-manager',
      baseUrl: OM,
      orgIds: [ORG_A],
    });
    expect(planMerge(contents(held), contents(twin))).toStrictEqual({
      added: [],
      unchanged: [],
      conflicts: [],
      duplicateKeys: [],
      identical: [{ id: 'p2', label: 'Other', currentId: 'p1', currentLabel: 'Acme' }],
    });
  });

  it.each([
    ['another private key', { privateKey: OTHER_SECRET }],
    ['another side', { side: 'cloud-manager', baseUrl: OM }],
    ['another kind of credential', { credential: 'service-account' }],
  ])('is not a key pair with %s: it is added, and said to share the public key', (_what, change) => {
    const other = profile('p2', { label: 'Other', publicKey: 'samekey1', side: 'ops-manager', baseUrl: OM, ...change });
    expect(planMerge(contents(held), contents(other))).toStrictEqual({
      added: [{ id: 'p2', label: 'Other' }],
      unchanged: [],
      conflicts: [],
      duplicateKeys: [{ id: 'p2', label: 'Other', currentId: 'p1', currentLabel: 'Acme' }],
      identical: [],
    });
    expect(
      mergeContents(contents(held), contents(other), { onConflict: 'keep-current' }).profiles.map((p) => p.id),
    ).toEqual(['p1', 'p2']);
  });

  it('is not a key pair the vault holds under its own id: that one is matched by id', () => {
    const current = contents(
      profile('p1', { label: 'Acme', publicKey: 'samekey1' }),
      profile('p2', { label: 'Acme copy', publicKey: 'samekey1' }),
    );
    const incoming = contents(profile('p2', { label: 'Acme copy', publicKey: 'samekey1', orgIds: [ORG_A] }));
    expect(planMerge(current, incoming)).toMatchObject({
      unchanged: [{ id: 'p2', label: 'Acme copy' }],
      identical: [],
      added: [],
    });
    const merged = mergeContents(current, incoming, { onConflict: 'keep-both' });
    expect(merged.profiles.map((p) => [p.id, p.orgIds])).toEqual([
      ['p1', []],
      ['p2', [ORG_A]],
    ]);
  });
});

describe("a twin's orgs", () => {
  it('go to the held copy from every twin the backup holds, each once', () => {
    const current = contents(profile('p1', { publicKey: 'samekey1', orgIds: [ORG_A] }));
    const incoming = contents(
      profile('p2', { publicKey: 'samekey1', orgIds: [ORG_B, ORG_A] }),
      profile('p3', { publicKey: 'samekey1', orgIds: [ORG_C, ORG_B] }),
    );
    const merged = mergeContents(current, incoming, { onConflict: 'keep-current' });
    expect(merged.profiles.map((p) => [p.id, p.orgIds])).toEqual([['p1', [ORG_A, ORG_B, ORG_C]]]);
    expect(planMerge(current, incoming).identical.map((e) => e.id)).toEqual(['p2', 'p3']);
  });

  it('stay with the held copy when the backup also holds that copy, unchanged or edited', () => {
    const current = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_A] }));
    const twin = profile('p2', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_B] });
    const unchanged = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_C] }), twin);
    expect(
      mergeContents(current, unchanged, { onConflict: 'keep-current' }).profiles.map((p) => [p.id, p.orgIds]),
    ).toEqual([['p1', [ORG_A, ORG_B, ORG_C]]]);

    const edited = contents(profile('p1', { label: 'Acme renamed', publicKey: 'samekey1', orgIds: [ORG_C] }), twin);
    expect(
      mergeContents(current, edited, { onConflict: 'take-backup' }).profiles.map((p) => [p.id, p.label, p.orgIds]),
    ).toEqual([['p1', 'Acme renamed', [ORG_A, ORG_B, ORG_C]]]);
    expect(
      mergeContents(current, edited, { onConflict: 'keep-current' }).profiles.map((p) => [p.id, p.label, p.orgIds]),
    ).toEqual([['p1', 'Acme', [ORG_A, ORG_B]]]);
  });

  it('leave the other key pairs of the vault as they were', () => {
    const other = profile('p9', { publicKey: 'otherkey', orgIds: [ORG_C] });
    const current = contents(profile('p1', { publicKey: 'samekey1' }), other);
    const merged = mergeContents(current, contents(profile('p2', { publicKey: 'samekey1', orgIds: [ORG_A] })), {
      onConflict: 'keep-current',
    });
    expect(merged.profiles).toStrictEqual([{ ...current.profiles[0], orgIds: [ORG_A] }, other]);
  });
});

describe('a key pair under the same id', () => {
  it.each([
    ['its side', { side: 'cloud-manager' }],
    ['its kind of credential', { credential: 'service-account' }],
    ['its external addresses', { accessListIps: ['203.0.113.7'] }],
  ])('is edited when only %s differs: a conflict, not unchanged', (_what, change) => {
    const held = profile('p1', { side: 'ops-manager', baseUrl: OM, accessListIps: ['198.51.100.1'] });
    const plan = planMerge(contents(held), contents({ ...held, ...change }));
    expect(plan.conflicts.map((c) => c.id)).toEqual(['p1']);
    expect(plan.unchanged).toEqual([]);
  });

  it('never keeps a Cloud Manager org for an Atlas key pair, even its own org', () => {
    const atlas = profile('p1', { side: 'atlas', org: { id: ORG_A, name: 'Acme Atlas' }, orgIds: [ORG_A] });
    const merged = mergeContents(contents(), contents(atlas), { onConflict: 'keep-current' });
    expect(merged.profiles.map((p) => [p.id, p.orgIds])).toEqual([['p1', []]]);
  });
});
