// What the server said a key is (its org and that org's projects, or an Ops Manager global key) and which key pair
// serves which org: an identified key its own org only, a global key any org of its own server, an older
// (unidentified) key pair its bound orgs; one org is bound to one key pair at most, and nothing is ever guessed.
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  addProject,
  bindOrg,
  emptyContents,
  type KeyIdentity,
  type Profile,
  profileForOrg,
  profileForProject,
  profileServes,
  profilesServing,
  profileWithKey,
  publicProfile,
  setIdentity,
  updateProfile,
  type VaultContents,
} from '../../../../src/core/vault';
import { ORG_A, ORG_B, ORG_C, profile, SECRET, vaultErrorOf } from './backup-fixtures';

const CLOUD = 'https://cloud.mongodb.com';
const OPS = 'https://ops.example.com';
const P1 = '1'.repeat(24);
const P2 = '2'.repeat(24);
const P3 = '3'.repeat(24);
const input = { label: 'Acme', publicKey: 'qwhtzmpa', privateKey: SECRET };

const orgKey = (id: string, name = `Org ${id.slice(0, 1)}`, projects = [{ id: P1, name: 'Project one' }]) =>
  ({ kind: 'org', org: { id, name }, projects }) satisfies KeyIdentity;
const GLOBAL: KeyIdentity = { kind: 'global' };

const contents = (...profiles: ReturnType<typeof profile>[]): VaultContents => ({
  version: 1,
  profiles: profiles as Profile[],
});
const find = (c: VaultContents, id: string) => c.profiles.find((p) => p.id === id)!;
const boundTo = (c: VaultContents, orgId: string) =>
  c.profiles.filter((p) => p.orgIds.includes(orgId)).map((p) => p.id);

describe('addProfile with what the server said', () => {
  it('adds an unidentified key pair as before: no org, no global mark, no projects', () => {
    const { profile: added } = addProfile(emptyContents(), input, 7);
    expect(added).not.toHaveProperty('org');
    expect(added).not.toHaveProperty('global');
    expect(added).not.toHaveProperty('projects');
    expect(added.orgIds).toEqual([]);
  });

  it("binds an org key pair to its org and remembers the org's projects", () => {
    const projects = [
      { id: P1, name: 'One' },
      { id: P2, name: 'Two' },
    ];
    const { contents: next, profile: added } = addProfile(emptyContents(), input, 7, orgKey(ORG_A, 'Acme', projects));
    expect(added.org).toEqual({ id: ORG_A, name: 'Acme' });
    expect(added.projects).toEqual(projects);
    expect(added).not.toHaveProperty('global');
    expect(added.orgIds).toEqual([ORG_A]);
    expect(profileForOrg(next, ORG_A)?.id).toBe(added.id);
  });

  it('keeps each project once and drops entries that are not project ids', () => {
    const { profile: added } = addProfile(
      emptyContents(),
      input,
      7,
      orgKey(ORG_A, 'Acme', [
        { id: P1, name: 'One' },
        { id: 'not-an-id', name: 'Bad' },
        { id: P2, name: 'Two' },
        { id: P1, name: 'One again' },
        { id: P3.toUpperCase().replace(/3/g, 'F'), name: 'Upper case' },
      ]),
    );
    const ids = added.projects!.map((p) => p.id);
    expect(ids.sort()).toEqual([P1, P2]);
  });

  it('moves the binding from another key pair of the same org (identified or not)', () => {
    for (const other of [
      profile('old', { orgIds: [ORG_A] }),
      profile('old', { orgIds: [ORG_A], org: { id: ORG_A, name: 'A' } }),
    ]) {
      const before = contents(other, profile('keep', { orgIds: [ORG_B] }));
      const { contents: next, profile: added } = addProfile(before, input, 7, orgKey(ORG_A));
      expect(boundTo(next, ORG_A)).toEqual([added.id]);
      expect(find(next, 'old').orgIds).toEqual([]);
      expect(find(next, 'keep').orgIds).toEqual([ORG_B]);
      // Pure: the contents passed in are untouched.
      expect(find(before, 'old').orgIds).toEqual([ORG_A]);
    }
  });

  it('refuses to bind an org key pair to another org, naming its own org', async () => {
    const before = emptyContents();
    const error = await vaultErrorOf(() =>
      addProfile(before, { ...input, orgIds: [ORG_A, ORG_B] }, 7, orgKey(ORG_A, 'Acme Corp')),
    );
    expect(error).toMatchObject({
      kind: 'invalid-profile',
      variant: 'other-org',
      field: 'orgIds',
      params: { orgId: ORG_A, orgName: 'Acme Corp' },
    });
    expect(before.profiles).toEqual([]);
  });

  it("accepts the org's own id among the orgs given with it", () => {
    const { profile: added } = addProfile(emptyContents(), { ...input, orgIds: [ORG_A] }, 7, orgKey(ORG_A));
    expect(added.orgIds).toEqual([ORG_A]);
  });

  it('refuses an org identity whose org id is not an org id', async () => {
    const error = await vaultErrorOf(() => addProfile(emptyContents(), input, 7, orgKey('ACME')));
    expect(error).toMatchObject({ kind: 'invalid-profile', variant: 'bad-org-id' });
  });

  it('marks a global key and keeps the orgs given with it', () => {
    const { profile: added } = addProfile(emptyContents(), { ...input, orgIds: [ORG_A, ORG_B] }, 7, GLOBAL);
    expect(added.global).toBe(true);
    expect(added).not.toHaveProperty('org');
    expect(added).not.toHaveProperty('projects');
    expect(added.orgIds).toEqual([ORG_A, ORG_B]);
  });

  it('cuts names from the server to 256 characters and replaces control characters with spaces', () => {
    const long = 'N'.repeat(300);
    const { profile: added } = addProfile(
      emptyContents(),
      input,
      7,
      orgKey(ORG_A, `A\nB\tC\u0000D\u007fE\u0085F\u2028G\u2029H`, [
        { id: P1, name: long },
        { id: P2, name: 'x\r\ny' },
      ]),
    );
    expect(added.org!.name).toBe('A B C D E F G H');
    expect(added.projects).toEqual([
      { id: P1, name: 'N'.repeat(256) },
      { id: P2, name: 'x  y' },
    ]);
    // Exactly 256 characters stay whole; ordinary non-ASCII names are left alone.
    const { profile: exact } = addProfile(emptyContents(), input, 7, orgKey(ORG_A, 'é'.repeat(256), []));
    expect(exact.org!.name).toBe('é'.repeat(256));
  });

  it('remembers at most 5,000 projects', () => {
    const many = Array.from({ length: 5_001 }, (_, i) => ({ id: i.toString(16).padStart(24, '0'), name: `P${i}` }));
    const { profile: added } = addProfile(emptyContents(), input, 7, orgKey(ORG_A, 'Big', many));
    expect(added.projects).toHaveLength(5_000);
    expect(added.projects![4_999]!.id).toBe(many[4_999]!.id);
  });
});

describe('setIdentity', () => {
  it('refuses an unknown key pair and an org id that is not one', async () => {
    const c = contents(profile('p1'));
    expect(await vaultErrorOf(() => setIdentity(c, 'nope', GLOBAL))).toMatchObject({ kind: 'unknown-profile' });
    expect(await vaultErrorOf(() => setIdentity(c, 'p1', orgKey('zz'.repeat(12))))).toMatchObject({
      kind: 'invalid-profile',
      variant: 'bad-org-id',
      field: 'org',
    });
  });

  it("drops every bound org but the key's own, and keeps its own bound", () => {
    const c = contents(profile('p1', { orgIds: [ORG_A, ORG_B, ORG_C] }));
    const next = setIdentity(c, 'p1', orgKey(ORG_B, 'Bee'));
    expect(find(next, 'p1')).toMatchObject({
      org: { id: ORG_B, name: 'Bee' },
      projects: [{ id: P1, name: 'Project one' }],
      orgIds: [ORG_B],
    });
    expect(find(c, 'p1').orgIds).toEqual([ORG_A, ORG_B, ORG_C]);
  });

  it('binds the org when no key pair is bound to it', () => {
    const c = contents(profile('p1', { orgIds: [ORG_A] }), profile('p2', { orgIds: [ORG_C] }));
    const next = setIdentity(c, 'p1', orgKey(ORG_B));
    expect(find(next, 'p1').orgIds).toEqual([ORG_B]);
    expect(find(next, 'p2').orgIds).toEqual([ORG_C]);
  });

  it('leaves the org with the key pair already bound to it (that choice is the user’s)', () => {
    const c = contents(profile('p1', { orgIds: [ORG_A] }), profile('p2', { orgIds: [ORG_B] }));
    const next = setIdentity(c, 'p1', orgKey(ORG_B));
    expect(find(next, 'p1').orgIds).toEqual([]);
    expect(find(next, 'p1').org?.id).toBe(ORG_B);
    expect(boundTo(next, ORG_B)).toEqual(['p2']);
    // Still the bound one that serves the org.
    expect(profileForOrg(next, ORG_B)?.id).toBe('p2');
  });

  it('marks a global key, keeps its bindings and forgets any org it was said to have', () => {
    const c = contents(
      profile('p1', { orgIds: [ORG_A], org: { id: ORG_A, name: 'A' }, projects: [{ id: P1, name: 'x' }] }),
    );
    const next = setIdentity(c, 'p1', GLOBAL);
    const p = find(next, 'p1');
    expect(p.global).toBe(true);
    expect(p).not.toHaveProperty('org');
    expect(p).not.toHaveProperty('projects');
    expect(p.orgIds).toEqual([ORG_A]);

    const legacy = setIdentity(contents(profile('p2', { orgIds: [ORG_A, ORG_B] })), 'p2', GLOBAL);
    expect(find(legacy, 'p2').orgIds).toEqual([ORG_A, ORG_B]);
  });

  it('drops the global mark when the key turns out to be an org key, and replaces the projects', () => {
    const c = contents(profile('p1', { global: true, orgIds: [ORG_A, ORG_B] }));
    const first = setIdentity(c, 'p1', orgKey(ORG_A, 'A', [{ id: P1, name: 'one' }]));
    expect(find(first, 'p1')).not.toHaveProperty('global');
    expect(find(first, 'p1').orgIds).toEqual([ORG_A]);
    const again = setIdentity(first, 'p1', orgKey(ORG_A, 'A renamed', [{ id: P2, name: 'two' }]));
    expect(find(again, 'p1')).toMatchObject({
      org: { id: ORG_A, name: 'A renamed' },
      projects: [{ id: P2, name: 'two' }],
    });
  });

  it('leaves every other key pair as it was', () => {
    const c = contents(profile('p1'), profile('p2', { orgIds: [ORG_C], global: true }));
    const next = setIdentity(c, 'p1', orgKey(ORG_A));
    expect(find(next, 'p2')).toEqual(find(c, 'p2'));
  });
});

describe('addProject', () => {
  const base = contents(profile('p1', { org: { id: ORG_A, name: 'A' }, orgIds: [ORG_A], projects: [] }), profile('p2'));

  it('adds a project, replaces one with the same id and cuts its name', () => {
    let c = addProject(base, 'p1', { id: P1, name: 'One' });
    c = addProject(c, 'p1', { id: P2, name: 'Two' });
    c = addProject(c, 'p1', { id: P1, name: `Uno\n${'x'.repeat(300)}` });
    const projects = find(c, 'p1').projects!;
    expect(projects.map((p) => p.id).sort()).toEqual([P1, P2]);
    const uno = projects.find((p) => p.id === P1)!;
    expect(uno.name).toHaveLength(256);
    expect(uno.name.startsWith('Uno x')).toBe(true);
    expect(find(c, 'p2')).toEqual(find(base, 'p2'));
  });

  it('starts a list on a key pair that had none', () => {
    expect(find(addProject(base, 'p2', { id: P3, name: 'Three' }), 'p2').projects).toEqual([{ id: P3, name: 'Three' }]);
  });

  it('ignores an id that is not a project id, and an unknown key pair', () => {
    expect(addProject(base, 'p1', { id: 'nope', name: 'x' }).profiles).toEqual(base.profiles);
    expect(addProject(base, 'gone', { id: P1, name: 'x' }).profiles).toEqual(base.profiles);
  });

  it('remembers no more than 5,000 projects, but still renames one it knows', () => {
    const full = Array.from({ length: 5_000 }, (_, i) => ({ id: i.toString(16).padStart(24, '0'), name: `P${i}` }));
    const c = contents(profile('p1', { projects: full }));
    expect(find(addProject(c, 'p1', { id: 'f'.repeat(24), name: 'new' }), 'p1').projects).toHaveLength(5_000);
    expect(find(addProject(c, 'p1', { id: 'f'.repeat(24), name: 'new' }), 'p1').projects).not.toContainEqual({
      id: 'f'.repeat(24),
      name: 'new',
    });
    const renamed = find(addProject(c, 'p1', { id: full[0]!.id, name: 'renamed' }), 'p1').projects!;
    expect(renamed).toHaveLength(5_000);
    expect(renamed).toContainEqual({ id: full[0]!.id, name: 'renamed' });
  });
});

describe('which key pair serves an org', () => {
  const identified = profile('id', { org: { id: ORG_A, name: 'A' }, orgIds: [ORG_A] }) as Profile;
  const unboundIdentified = profile('idu', { org: { id: ORG_A, name: 'A' } }) as Profile;
  const global = profile('gl', { global: true, baseUrl: OPS, orgIds: [ORG_B] }) as Profile;
  const legacy = profile('old', { orgIds: [ORG_C] }) as Profile;

  it('an identified key: its own org only, bound or not, whatever the server', () => {
    for (const p of [identified, unboundIdentified]) {
      expect(profileServes(p, ORG_A)).toBe(true);
      expect(profileServes(p, ORG_A, CLOUD)).toBe(true);
      expect(profileServes(p, ORG_B)).toBe(false);
      expect(profileServes(p, ORG_B, CLOUD)).toBe(false);
    }
  });

  it('a global key: its bound orgs, or any org of its own server', () => {
    expect(profileServes(global, ORG_B)).toBe(true);
    expect(profileServes(global, ORG_A)).toBe(false);
    expect(profileServes(global, ORG_A, OPS)).toBe(true);
    expect(profileServes(global, ORG_A, CLOUD)).toBe(false);
    expect(profileServes(global, ORG_A, `${OPS}/`)).toBe(false);
  });

  it('an unidentified key pair: its bound orgs only, even on its own server', () => {
    expect(profileServes(legacy, ORG_C)).toBe(true);
    expect(profileServes(legacy, ORG_A)).toBe(false);
    expect(profileServes(legacy, ORG_A, CLOUD)).toBe(false);
  });

  it('lists every serving key pair, the bound one first', () => {
    const c = contents(
      profile('gl', { global: true, baseUrl: OPS }),
      profile('idu', { org: { id: ORG_A, name: 'A' }, baseUrl: OPS }),
      profile('old', { orgIds: [ORG_A], baseUrl: OPS }),
      profile('other', { org: { id: ORG_B, name: 'B' }, orgIds: [ORG_B], baseUrl: OPS }),
    );
    expect(profilesServing(c, ORG_A, OPS).map((p) => p.id)).toEqual(['old', 'gl', 'idu']);
    expect(profilesServing(c, ORG_A).map((p) => p.id)).toEqual(['old', 'idu']);
    expect(profilesServing(c, ORG_C).map((p) => p.id)).toEqual([]);
  });

  it('profileForOrg: the bound key pair first, else the single serving one, never a guess among several', () => {
    // Bound wins even when other keys serve the org.
    const bound = contents(profile('idu', { org: { id: ORG_A, name: 'A' } }), profile('old', { orgIds: [ORG_A] }));
    expect(profileForOrg(bound, ORG_A)?.id).toBe('old');

    // One identified key of the org, not bound: it.
    const single = contents(profile('idu', { org: { id: ORG_A, name: 'A' } }), profile('x', { orgIds: [ORG_B] }));
    expect(profileForOrg(single, ORG_A)?.id).toBe('idu');

    // Two identified keys of one org, neither bound: none.
    const two = contents(
      profile('k1', { org: { id: ORG_A, name: 'A' } }),
      profile('k2', { org: { id: ORG_A, name: 'A' } }),
    );
    expect(profileForOrg(two, ORG_A)).toBeUndefined();

    // A global key serves an unbound org of its own server only when the server is said.
    const globalOnly = contents(profile('gl', { global: true, baseUrl: OPS }));
    expect(profileForOrg(globalOnly, ORG_A, OPS)?.id).toBe('gl');
    expect(profileForOrg(globalOnly, ORG_A)).toBeUndefined();
    expect(profileForOrg(globalOnly, ORG_A, CLOUD)).toBeUndefined();

    // A global key and an identified key both serve it: none.
    const both = contents(
      profile('gl', { global: true, baseUrl: OPS }),
      profile('idu', { org: { id: ORG_A, name: 'A' }, baseUrl: OPS }),
    );
    expect(profileForOrg(both, ORG_A, OPS)).toBeUndefined();
    expect(profileForOrg(both, ORG_A)?.id).toBe('idu');

    // An unidentified key pair never serves an org it is not bound to.
    expect(profileForOrg(contents(profile('old')), ORG_A, CLOUD)).toBeUndefined();
  });

  it('profileForProject finds the key pair whose org holds the project, on the server asked', () => {
    const c = contents(
      profile('a', { org: { id: ORG_A, name: 'A' }, projects: [{ id: P1, name: 'one' }] }),
      profile('b', { org: { id: ORG_B, name: 'B' }, projects: [{ id: P2, name: 'two' }], baseUrl: OPS }),
      profile('c'),
    );
    expect(profileForProject(c, P1)?.id).toBe('a');
    expect(profileForProject(c, P1, CLOUD)?.id).toBe('a');
    expect(profileForProject(c, P1, OPS)).toBeUndefined();
    expect(profileForProject(c, P2, OPS)?.id).toBe('b');
    expect(profileForProject(c, P3)).toBeUndefined();
  });

  it('profileWithKey finds the same public key on the same server, except the key pair named', () => {
    const c = contents(profile('a', { publicKey: 'samekey1' }), profile('b', { publicKey: 'samekey1', baseUrl: OPS }));
    expect(profileWithKey(c, '  samekey1\n', CLOUD)?.id).toBe('a');
    expect(profileWithKey(c, 'samekey1', OPS)?.id).toBe('b');
    expect(profileWithKey(c, 'samekey1', CLOUD, 'a')).toBeUndefined();
    expect(profileWithKey(c, 'SAMEKEY1', CLOUD)).toBeUndefined();
    expect(profileWithKey(c, 'other123', CLOUD)).toBeUndefined();
  });
});

describe('bindOrg with identified key pairs', () => {
  it('refuses another org for an identified key pair, with its org id and name', async () => {
    const c = contents(profile('p1', { org: { id: ORG_A, name: 'Acme Corp' }, orgIds: [ORG_A] }));
    const error = await vaultErrorOf(() => bindOrg(c, ORG_B, 'p1'));
    expect(error).toMatchObject({
      kind: 'invalid-profile',
      variant: 'other-org',
      field: 'orgIds',
      params: { orgId: ORG_A, orgName: 'Acme Corp' },
    });
    expect(error.message).not.toContain('Acme Corp'); // a name is a param, for the page: never in the message
  });

  it('binds an identified key pair to its own org, taking it from whoever held it', () => {
    const c = contents(profile('p1', { org: { id: ORG_A, name: 'A' } }), profile('p2', { orgIds: [ORG_A, ORG_B] }));
    const next = bindOrg(c, ORG_A, 'p1');
    expect(boundTo(next, ORG_A)).toEqual(['p1']);
    expect(find(next, 'p2').orgIds).toEqual([ORG_B]);
  });

  it('binds a global or unidentified key pair to any org', () => {
    const c = contents(profile('gl', { global: true }), profile('old'));
    expect(find(bindOrg(c, ORG_B, 'gl'), 'gl').orgIds).toEqual([ORG_B]);
    expect(find(bindOrg(c, ORG_C, 'old'), 'old').orgIds).toEqual([ORG_C]);
  });
});

describe('publicProfile and updateProfile keep what the server said', () => {
  const saved = profile('p1', {
    org: { id: ORG_A, name: 'Acme' },
    orgIds: [ORG_A],
    projects: [{ id: P1, name: 'One' }],
  }) as Profile;

  it('publicProfile copies the org and projects, and never the private key', () => {
    const view = publicProfile(saved);
    expect(view).not.toHaveProperty('privateKey');
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(view.org).toEqual(saved.org);
    expect(view.projects).toEqual(saved.projects);
    expect(view.org).not.toBe(saved.org);
    expect(view.projects).not.toBe(saved.projects);
    view.org!.name = 'changed';
    view.projects![0]!.name = 'changed';
    view.projects!.push({ id: P2, name: 'added' });
    expect(saved.org).toEqual({ id: ORG_A, name: 'Acme' });
    expect(saved.projects).toEqual([{ id: P1, name: 'One' }]);

    expect(publicProfile(profile('g', { global: true }) as Profile).global).toBe(true);
    const plain = publicProfile(profile('x') as Profile);
    expect(plain).not.toHaveProperty('org');
    expect(plain).not.toHaveProperty('projects');
    expect(plain).not.toHaveProperty('global');
  });

  it('updateProfile keeps org, projects and the global mark through an edit', () => {
    const c = contents(saved as ReturnType<typeof profile>, profile('g', { global: true, orgIds: [ORG_B] }));
    const edited = updateProfile(c, 'p1', { label: 'Renamed', publicKey: 'newkey12' }, 9).profile;
    expect(edited).toMatchObject({
      label: 'Renamed',
      publicKey: 'newkey12',
      org: { id: ORG_A, name: 'Acme' },
      projects: [{ id: P1, name: 'One' }],
      orgIds: [ORG_A],
      updatedAt: 9,
    });
    expect(edited).not.toHaveProperty('global');
    const g = updateProfile(c, 'g', { label: 'Global' }, 9).profile;
    expect(g.global).toBe(true);
    expect(g).not.toHaveProperty('org');
    expect(g).not.toHaveProperty('projects');
    expect(g.orgIds).toEqual([ORG_B]);
  });
});
