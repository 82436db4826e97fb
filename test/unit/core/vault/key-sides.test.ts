// A key pair's side (Cloud Manager, Ops Manager, Atlas): derived for contents written before sides existed, checked
// strictly when written; an Atlas key pair is the key of one Atlas org and never serves a Cloud Manager org; an Ops
// Manager key pair carries its server's external addresses; sides and addresses travel through backups and merges.
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  atlasKeyPairFor,
  atlasKeyPairsOfClient,
  bindOrg,
  cloudManagerKeyPairsOfClient,
  createVault,
  deriveSide,
  emptyContents,
  mergeContents,
  openVaultWithKey,
  type Profile,
  planMerge,
  previewBackup,
  profileForOrg,
  profileForProject,
  profileServes,
  profileSide,
  profilesServing,
  publicProfile,
  sealVault,
  setIdentity,
  unlockVault,
  updateProfile,
  type VaultContents,
  validateContents,
} from '../../../../src/core/vault';
import { craftBackup, ORG_A, ORG_B, ORG_C, profile, SECRET, vaultErrorOf } from './backup-fixtures';

const CM = 'https://cloud.mongodb.com';
const OPS = 'https://ops.example.com';
const raw = (...profiles: unknown[]) => ({ version: 1, profiles });
const atlas = (id: string, org: string, extra: Record<string, unknown> = {}) =>
  profile(id, { side: 'atlas', org: { id: org, name: `Atlas ${org.slice(0, 1)}` }, ...extra });
const input = (n: number, extra: Record<string, unknown> = {}) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: SECRET,
  ...extra,
});

describe('the side of contents written before sides existed', () => {
  it('is derived: an Ops Manager global key or another server is Ops Manager, Cloud Manager otherwise', () => {
    expect(deriveSide({ baseUrl: CM })).toBe('cloud-manager');
    expect(deriveSide({ baseUrl: OPS })).toBe('ops-manager');
    expect(deriveSide({ baseUrl: 'http://127.0.0.1:8080' })).toBe('ops-manager');
    expect(deriveSide({ baseUrl: OPS, global: true })).toBe('ops-manager');
    expect(deriveSide({ baseUrl: CM, global: true })).toBe('ops-manager');
  });

  it('an old vault opens unchanged (no side written into it), and each key pair reads its derived side', () => {
    const old = raw(
      profile('p1', { orgIds: [ORG_A], org: { id: ORG_A, name: 'A' } }),
      profile('p2', { baseUrl: OPS, global: true }),
      profile('p3', { baseUrl: OPS }),
    );
    const opened = validateContents(old, 'vault');
    expect(opened).toEqual(old);
    expect(opened.profiles.map(profileSide)).toEqual(['cloud-manager', 'ops-manager', 'ops-manager']);
  });

  it('an old sealed vault unlocks as it was; saving a key pair writes the new one’s side only', async () => {
    const old = raw(profile('p1', { orgIds: [ORG_A] }), profile('p2', { baseUrl: OPS, global: true }));
    const { envelope } = await createVault('an old passphrase', old as VaultContents, { iterations: 1000 });
    const { contents, key } = await unlockVault(envelope, 'an old passphrase', { minIterations: 0 });
    expect(contents).toEqual(old);
    const next = addProfile(contents, input(3, { side: 'ops-manager', baseUrl: OPS }), 9).contents;
    const reopened = await openVaultWithKey(await sealVault(next, key, envelope.kdf), key);
    expect(
      reopened.profiles.map((p) => [p.id === 'p1' || p.id === 'p2' ? p.id : 'new', p.side, profileSide(p)]),
    ).toEqual([
      ['p1', undefined, 'cloud-manager'],
      ['p2', undefined, 'ops-manager'],
      ['new', 'ops-manager', 'ops-manager'],
    ]);
  });

  it('an old backup is read the same way, and a new key pair gets its side written', () => {
    const contents = validateContents(raw(profile('p1', { baseUrl: `${OPS}/` })), 'backup');
    expect(contents.profiles[0]).not.toHaveProperty('side');
    expect(profileSide(contents.profiles[0]!)).toBe('ops-manager');
    const added = addProfile(contents, input(2), 5).profile;
    expect(added.side).toBe('cloud-manager');
    expect(addProfile(contents, input(3, { baseUrl: OPS }), 5).profile.side).toBe('ops-manager');
  });
});

describe('validateContents: the side and the external addresses, strictly', () => {
  it('keeps a written side and an Ops Manager key pair’s addresses (a backup’s in normal form)', () => {
    const written = raw(
      atlas('p1', ORG_A),
      profile('p2', { baseUrl: OPS, side: 'ops-manager', accessListIps: ['192.0.2.1/32', '2001:DB8::/32'] }),
      profile('p3', { side: 'cloud-manager', orgIds: [ORG_B] }),
    );
    const read = validateContents(written, 'backup');
    expect(read.profiles.map((p) => [p.side, p.org?.id, p.orgIds, p.accessListIps])).toEqual([
      ['atlas', ORG_A, [], undefined],
      ['ops-manager', undefined, [], ['192.0.2.1', '2001:db8::/32']],
      ['cloud-manager', undefined, [ORG_B], undefined],
    ]);
  });

  it.each([
    ['an unknown side', profile('p1', { side: 'atlas-gov' }), 'side', 'bad-format'],
    ['a side that is not text', profile('p1', { side: 1 }), 'side', 'bad-format'],
    ['an Atlas key pair without its org', profile('p1', { side: 'atlas' }), 'org', 'empty'],
    ['an Atlas key pair bound to an org', atlas('p1', ORG_A, { orgIds: [ORG_A] }), 'orgIds', 'bad-format'],
    ['an Atlas key pair with projects', atlas('p1', ORG_A, { projects: [] }), 'projects', 'bad-format'],
    ['an Atlas global key', atlas('p1', ORG_A, { global: true, org: undefined }), 'global', 'bad-format'],
    ['a Cloud Manager global key', profile('p1', { side: 'cloud-manager', global: true }), 'global', 'bad-format'],
    ['addresses on Cloud Manager', profile('p1', { accessListIps: ['192.0.2.1'] }), 'accessListIps', 'bad-format'],
    ['addresses on Atlas', atlas('p1', ORG_A, { accessListIps: [] }), 'accessListIps', 'bad-format'],
    [
      'addresses that are not a list',
      profile('p1', { baseUrl: OPS, accessListIps: '192.0.2.1' }),
      'accessListIps',
      'not-a-list',
    ],
    [
      'an address with host bits',
      profile('p1', { baseUrl: OPS, accessListIps: ['192.0.2.1/24'] }),
      'accessListIps',
      'bad-format',
    ],
    [
      'more than 50 addresses',
      profile('p1', { baseUrl: OPS, accessListIps: Array.from({ length: 51 }, (_, i) => `192.0.2.${i}`) }),
      'accessListIps',
      'too-many',
    ],
  ])('refuses %s, naming the field', (_what, bad, field, variant) => {
    for (const [source, kind] of [
      ['vault', 'corrupted'],
      ['backup', 'invalid-backup'],
    ] as const) {
      let error: unknown;
      try {
        validateContents(raw(profile('p0'), bad), source);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ kind, field, variant, params: { profile: '2' } });
    }
  });
});

describe('addProfile and updateProfile: side and addresses from a page, checked again', () => {
  it('an Ops Manager key pair keeps its addresses in normal form; none is no field at all', () => {
    const { profile: p } = addProfile(
      emptyContents(),
      input(1, { side: 'ops-manager', baseUrl: OPS, accessListIps: ['203.0.113.7/32', '2001:0DB8::/32'] }),
      1,
    );
    expect([p.side, p.baseUrl, p.accessListIps]).toEqual(['ops-manager', OPS, ['203.0.113.7', '2001:db8::/32']]);
    const bare = addProfile(emptyContents(), input(2, { side: 'ops-manager', baseUrl: OPS, accessListIps: [] }), 1);
    expect(bare.profile).not.toHaveProperty('accessListIps');
  });

  it('an Atlas key pair is saved with its Atlas org and bound to no Cloud Manager org', () => {
    const identity = { kind: 'atlas-org' as const, org: { id: ORG_A, name: 'Acme (Atlas)' } };
    const { contents, profile: p } = addProfile(emptyContents(), input(1, { side: 'atlas' }), 1, identity);
    expect(p).toMatchObject({ side: 'atlas', org: { id: ORG_A, name: 'Acme (Atlas)' }, orgIds: [] });
    expect(p).not.toHaveProperty('projects');
    expect(validateContents(contents, 'vault')).toEqual(contents);
  });

  it.each([
    ['an unknown side', input(1, { side: 'atlas-gov' }), 'bad-side', 'side'],
    ['addresses on a Cloud Manager key pair', input(1, { accessListIps: ['192.0.2.1'] }), 'addresses-need-ops-manager'],
    [
      'addresses on an Atlas key pair',
      input(1, { side: 'atlas', accessListIps: ['192.0.2.1'] }),
      'addresses-need-ops-manager',
    ],
    ['a wrong address', input(1, { side: 'ops-manager', baseUrl: OPS, accessListIps: ['10.0.0.1/8'] }), 'bad-address'],
  ])('refuses %s', async (_what, bad, variant, field = 'accessListIps') => {
    const error = await vaultErrorOf(() => addProfile(emptyContents(), bad as never, 1));
    expect(error).toMatchObject({ kind: 'invalid-profile', variant, field });
  });

  it('refuses an identity of the other side (an Atlas answer for a Cloud Manager key pair, and the reverse)', async () => {
    const atlasOrg = { kind: 'atlas-org' as const, org: { id: ORG_A, name: 'A' } };
    const cmOrg = { kind: 'org' as const, org: { id: ORG_A, name: 'A' }, projects: [] };
    for (const [side, identity] of [
      [undefined, atlasOrg],
      ['atlas', cmOrg],
      ['atlas', { kind: 'global' as const }],
    ] as const) {
      const error = await vaultErrorOf(() => addProfile(emptyContents(), input(1, { side }), 1, identity));
      expect(error).toMatchObject({ kind: 'invalid-profile', variant: 'side-change', field: 'side' });
    }
  });

  it('an edit moves a key pair between Cloud Manager and Ops Manager, never to or from Atlas', async () => {
    const start = addProfile(
      emptyContents(),
      input(1, { side: 'ops-manager', baseUrl: OPS, accessListIps: ['192.0.2.1'] }),
      1,
    );
    const id = start.profile.id;
    const kept = updateProfile(start.contents, id, { label: 'Renamed' }, 2).profile;
    expect([kept.side, kept.accessListIps]).toEqual(['ops-manager', ['192.0.2.1']]);
    const replaced = updateProfile(start.contents, id, { accessListIps: ['198.51.100.0/24'] }, 2).profile;
    expect(replaced.accessListIps).toEqual(['198.51.100.0/24']);
    const cleared = updateProfile(start.contents, id, { accessListIps: [] }, 2).profile;
    expect(cleared).not.toHaveProperty('accessListIps');
    const moved = updateProfile(start.contents, id, { side: 'cloud-manager', baseUrl: CM }, 2).profile;
    expect([moved.side, moved.baseUrl]).toEqual(['cloud-manager', CM]);
    expect(moved).not.toHaveProperty('accessListIps');
    const toAtlas = await vaultErrorOf(() => updateProfile(start.contents, id, { side: 'atlas' }, 2));
    expect(toAtlas).toMatchObject({ kind: 'invalid-profile', variant: 'side-change', field: 'side' });

    const identity = { kind: 'atlas-org' as const, org: { id: ORG_A, name: 'A' } };
    const a = addProfile(emptyContents(), input(2, { side: 'atlas' }), 1, identity);
    const fromAtlas = await vaultErrorOf(() => updateProfile(a.contents, a.profile.id, { side: 'ops-manager' }, 2));
    expect(fromAtlas).toMatchObject({ variant: 'side-change' });
    const renamed = updateProfile(a.contents, a.profile.id, { label: 'Acme' }, 2).profile;
    expect(renamed).toMatchObject({ side: 'atlas', label: 'Acme', org: { id: ORG_A } });
  });

  it('a global identity makes the key pair an Ops Manager one', () => {
    const start = addProfile(emptyContents(), input(1, { baseUrl: OPS }), 1);
    const next = setIdentity(start.contents, start.profile.id, { kind: 'global' });
    expect(next.profiles[0]).toMatchObject({ side: 'ops-manager', global: true });
  });

  it('the page view carries the side and a copy of the addresses, never the private key', () => {
    const { profile: p } = addProfile(
      emptyContents(),
      input(1, { side: 'ops-manager', baseUrl: OPS, accessListIps: ['192.0.2.1'] }),
      1,
    );
    const view = publicProfile(p);
    expect(view).toMatchObject({ side: 'ops-manager', accessListIps: ['192.0.2.1'] });
    expect(view.accessListIps).not.toBe(p.accessListIps);
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });
});

describe('which key pair serves what: one key, one org, per side', () => {
  // The Atlas key p1 belongs to the Atlas org ORG_A; p2 is a Cloud Manager key pair bound to ORG_B; p3 a second
  // Atlas key of the same client as p2; p4 a Cloud Manager key pair saved (before sides) for the Atlas org ORG_A.
  const servingFixture = () =>
    validateContents(
      raw(
        atlas('p1', ORG_A, { label: 'Acme' }),
        profile('p2', {
          label: 'Globex',
          orgIds: [ORG_B],
          org: { id: ORG_B, name: 'B' },
          projects: [{ id: ORG_C, name: 'C' }],
        }),
        atlas('p3', ORG_C, { label: ' Globex ' }),
        profile('p4', { label: 'Acme', orgIds: [ORG_A] }),
        atlas('p5', ORG_A, { label: 'Acme' }),
      ),
      'vault',
    );
  const ids = (list: Profile[]) => list.map((p) => p.id);

  it('an Atlas key pair serves no Cloud Manager org, not even one with its own org id', () => {
    const contents = servingFixture();
    const p1 = contents.profiles[0]!;
    expect(profileServes(p1, ORG_A)).toBe(false);
    expect(profileServes(p1, ORG_B)).toBe(false);
    expect(profileForOrg(contents, ORG_A)?.id).toBe('p4');
    expect(profileForOrg(contents, ORG_B)?.id).toBe('p2');
    expect(profileForOrg(contents, ORG_C)).toBeUndefined();
    expect(ids(profilesServing(contents, ORG_A))).toEqual(['p4']);
    expect(ids(profilesServing(contents, ORG_C))).toEqual([]);
  });

  it('finds an org’s project only through Cloud Manager key pairs', () => {
    const contents = servingFixture();
    expect(profileForProject(contents, ORG_C)?.id).toBe('p2');
    const onlyAtlas = { ...contents, profiles: [{ ...contents.profiles[0]!, projects: [{ id: ORG_B, name: 'x' }] }] };
    expect(profileForProject(onlyAtlas, ORG_B)).toBeUndefined();
  });

  it('atlasKeyPairFor: the first Atlas key pair of that Atlas org, never a Cloud Manager one of the same id', () => {
    const contents = servingFixture();
    expect(atlasKeyPairFor(contents.profiles, ORG_A)?.id).toBe('p1');
    expect(atlasKeyPairFor(contents.profiles, ORG_C)?.id).toBe('p3');
    expect(atlasKeyPairFor(contents.profiles, ORG_B)).toBeUndefined();
    expect(atlasKeyPairFor(contents.profiles.slice(1), ORG_A)?.id).toBe('p5');
  });

  it('a client’s Atlas key pairs are those with its label (as saved, trimmed), and the other way round', () => {
    const contents = servingFixture();
    expect(ids(atlasKeyPairsOfClient(contents.profiles, 'Acme'))).toEqual(['p1', 'p5']);
    expect(ids(atlasKeyPairsOfClient(contents.profiles, 'Globex '))).toEqual(['p3']);
    expect(ids(atlasKeyPairsOfClient(contents.profiles, 'globex'))).toEqual([]);
    expect(ids(cloudManagerKeyPairsOfClient(contents.profiles, 'Acme'))).toEqual(['p4']);
    expect(ids(cloudManagerKeyPairsOfClient(contents.profiles, 'Globex'))).toEqual(['p2']);
  });

  it('no org can be bound to an Atlas key pair, its own Atlas org id included', async () => {
    const contents = servingFixture();
    for (const orgId of [ORG_A, ORG_B]) {
      const error = await vaultErrorOf(() => bindOrg(contents, orgId, 'p1'));
      expect(error).toMatchObject({ kind: 'invalid-profile', variant: 'other-org', params: { orgId: ORG_A } });
    }
  });
});

describe('backups and merges carry the side and the addresses', () => {
  const PASS = 'backup passphrase 1';
  const sidesFixture = (): VaultContents =>
    validateContents(
      raw(
        atlas('p1', ORG_A),
        profile('p2', { baseUrl: OPS, side: 'ops-manager', accessListIps: ['192.0.2.1', '2001:db8::/32'] }),
      ),
      'vault',
    );

  it('a backup gives back every side and address as written', async () => {
    const withSides = sidesFixture();
    const { backup } = await craftBackup(withSides, PASS);
    expect((await previewBackup(backup, PASS)).contents).toEqual(withSides);
  });

  it('a changed side or address list is a conflict; take-backup brings them, keep-current keeps them', () => {
    const withSides = sidesFixture();
    const current = validateContents(
      raw(profile('p2', { baseUrl: OPS, side: 'ops-manager', accessListIps: ['192.0.2.1'] })),
      'vault',
    );
    expect(planMerge(current, withSides)).toMatchObject({
      added: [{ id: 'p1' }],
      conflicts: [{ id: 'p2' }],
      unchanged: [],
    });
    const taken = mergeContents(current, withSides, { onConflict: 'take-backup' });
    expect(taken.profiles.map((p) => [p.id, p.side, p.accessListIps])).toEqual([
      ['p2', 'ops-manager', ['192.0.2.1', '2001:db8::/32']],
      ['p1', 'atlas', undefined],
    ]);
    const kept = mergeContents(current, withSides, { onConflict: 'keep-current' });
    expect(kept.profiles[0]!.accessListIps).toEqual(['192.0.2.1']);
    expect(validateContents(taken, 'vault')).toEqual(taken);
  });

  it('a sideless copy of a key pair equals one whose written side is the derived one', () => {
    const sideless = validateContents(raw(profile('p9', { baseUrl: OPS })), 'vault');
    const sided = validateContents(raw(profile('p9', { baseUrl: OPS, side: 'ops-manager' })), 'vault');
    expect(planMerge(sideless, sided).unchanged).toEqual([{ id: 'p9', label: 'Client p9' }]);
  });

  it('an Atlas key pair taken from a backup keeps no Cloud Manager org of the version it replaces', () => {
    const withSides = sidesFixture();
    const current = validateContents(raw(profile('p1', { orgIds: [ORG_A] })), 'vault');
    const merged = mergeContents(current, withSides, { onConflict: 'take-backup' });
    expect(merged.profiles[0]).toMatchObject({ id: 'p1', side: 'atlas', orgIds: [] });
    expect(validateContents(merged, 'vault')).toEqual(merged);
  });
});
