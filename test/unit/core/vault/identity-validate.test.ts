// The vault's check (and a backup's) of what the server said about a key: its org, the global-key mark and the
// org's projects. Whatever the profile functions produce passes the check unchanged; anything else is refused
// with the field named, and an identified key pair bound to another org is refused outright.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasDisplayUnsafeCharacter } from '../../../../src/core/text/display-safe';
import {
  addProfile,
  addProject,
  bindOrg,
  type ContentsSource,
  emptyContents,
  type KeyIdentity,
  removeProfile,
  setIdentity,
  unbindOrg,
  updateProfile,
  type VaultContents,
  VaultError,
  validateContents,
} from '../../../../src/core/vault';
import { ORG_A, ORG_B, ORG_C, profile, SECRET } from './backup-fixtures';

const P1 = '1'.repeat(24);
const P2 = '2'.repeat(24);
const raw = (...profiles: unknown[]) => ({ version: 1, profiles });

function refusal(run: () => unknown): VaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError, but the call succeeded');
}

const SOURCES: [ContentsSource, string][] = [
  ['vault', 'corrupted'],
  ['backup', 'invalid-backup'],
];

describe('validateContents: org, global and projects', () => {
  it.each(SOURCES)('keeps an org, its projects and a global mark (%s)', (source) => {
    const org = { id: ORG_A, name: 'N'.repeat(256) };
    const projects = Array.from({ length: 5_000 }, (_, i) => ({ id: i.toString(16).padStart(24, '0'), name: '' }));
    const checked = validateContents(
      raw(
        profile('p1', { org, projects, orgIds: [ORG_A] }),
        profile('p2', { global: true, orgIds: [ORG_B, ORG_C] }),
        profile('p3', { org: { id: ORG_B, name: 'Bee' } }),
        profile('p4', { projects: [{ id: P1, name: 'learnt on an older key' }] }),
      ),
      source,
    );
    expect(checked.profiles[0]).toMatchObject({ org, orgIds: [ORG_A] });
    expect(checked.profiles[0]!.projects).toEqual(projects);
    expect(checked.profiles[1]).toMatchObject({ global: true, orgIds: [ORG_B, ORG_C] });
    expect(checked.profiles[1]).not.toHaveProperty('org');
    expect(checked.profiles[2]).toMatchObject({ org: { id: ORG_B, name: 'Bee' }, orgIds: [] });
    expect(checked.profiles[3]!.projects).toEqual([{ id: P1, name: 'learnt on an older key' }]);
    // None of the new fields appears on a key pair that had none.
    const plain = validateContents(raw(profile('p1')), source).profiles[0]!;
    expect(Object.keys(plain).sort()).toEqual(
      ['baseUrl', 'createdAt', 'id', 'label', 'orgIds', 'privateKey', 'publicKey', 'updatedAt'].sort(),
    );
  });

  it('keeps only the known fields of an org and a project', () => {
    const checked = validateContents(
      raw(
        profile('p1', {
          org: { id: ORG_A, name: 'A', extra: 'dropped' },
          projects: [{ id: P1, name: 'One', orgId: ORG_A, links: [] }],
        }),
      ),
      'backup',
    );
    expect(checked.profiles[0]!.org).toEqual({ id: ORG_A, name: 'A' });
    expect(checked.profiles[0]!.projects).toEqual([{ id: P1, name: 'One' }]);
  });

  const badOrgs: [string, unknown, string][] = [
    ['a string', ORG_A, 'bad-format'],
    ['a list', [ORG_A, 'A'], 'bad-format'],
    ['null', null, 'bad-format'],
    ['an id that is not an org id', { id: 'ACME', name: 'A' }, 'bad-format'],
    ['an upper-case id', { id: ORG_A.toUpperCase(), name: 'A' }, 'bad-format'],
    ['a numeric id', { id: 12, name: 'A' }, 'not-text'],
    ['no name', { id: ORG_A }, 'not-text'],
    ['a name of 257 characters', { id: ORG_A, name: 'n'.repeat(257) }, 'bad-format'],
    ['a name with a line break', { id: ORG_A, name: 'A\nB' }, 'bad-format'],
    ['a name with a C1 control', { id: ORG_A, name: 'A\u0085B' }, 'bad-format'],
    ['a name with a line separator', { id: ORG_A, name: 'A\u2028B' }, 'bad-format'],
  ];
  it.each(badOrgs)('refuses an org that is %s', (_, org, variant) => {
    for (const [source, kind] of SOURCES) {
      const error = refusal(() => validateContents(raw(profile('p1'), profile('p2', { org })), source));
      expect(error).toMatchObject({ kind, variant, field: 'org', params: { profile: '2' } });
    }
  });

  it.each([false, 'true', 1, null, {}])('refuses a global mark that is not true (%j)', (global) => {
    for (const [source, kind] of SOURCES) {
      const error = refusal(() => validateContents(raw(profile('p1', { global })), source));
      expect(error).toMatchObject({ kind, variant: 'bad-format', field: 'global' });
    }
  });

  it('refuses an org key that is also marked global', () => {
    const error = refusal(() =>
      validateContents(raw(profile('p1', { org: { id: ORG_A, name: 'A' }, global: true })), 'backup'),
    );
    expect(error).toMatchObject({ kind: 'invalid-backup', variant: 'bad-format', field: 'global' });
  });

  it('refuses an identified key pair bound to an org that is not its own', () => {
    for (const [source, kind] of SOURCES) {
      for (const orgIds of [[ORG_B], [ORG_A, ORG_B]]) {
        const error = refusal(() =>
          validateContents(raw(profile('p1', { org: { id: ORG_A, name: 'A' }, orgIds })), source),
        );
        expect(error).toMatchObject({ kind, variant: 'other-org', field: 'orgIds', params: { profile: '1' } });
        // Words only: neither the org's name nor an id.
        expect(error.message).not.toContain(ORG_B);
      }
    }
    // A global key may be bound to any number of orgs.
    expect(
      validateContents(raw(profile('p1', { global: true, orgIds: [ORG_A, ORG_B] })), 'backup').profiles,
    ).toHaveLength(1);
  });

  const badProjects: [string, unknown, string][] = [
    ['not a list', { id: P1, name: 'One' }, 'not-a-list'],
    ['a list holding a string', [P1], 'bad-format'],
    ['a list holding null', [null], 'bad-format'],
    ['a project with a bad id', [{ id: 'p1', name: 'One' }], 'bad-format'],
    ['a project without a name', [{ id: P1 }], 'not-text'],
    ['a project with a long name', [{ id: P1, name: 'x'.repeat(257) }], 'bad-format'],
    ['a project with a tab in its name', [{ id: P1, name: 'a\tb' }], 'bad-format'],
    [
      'a good project then a bad one',
      [
        { id: P1, name: 'One' },
        { id: P2, name: 2 },
      ],
      'not-text',
    ],
    [
      'more than 5,000 projects',
      Array.from({ length: 5_001 }, (_, i) => ({ id: i.toString(16).padStart(24, '0'), name: 'p' })),
      'too-many',
    ],
  ];
  it.each(badProjects)('refuses projects that are %s', (_, projects, variant) => {
    for (const [source, kind] of SOURCES) {
      const error = refusal(() => validateContents(raw(profile('p1', { projects })), source));
      expect(error).toMatchObject({ kind, variant, field: 'projects' });
    }
  });

  it('never puts a name from the server into the message', () => {
    const name = 'Secret Org\nName';
    const error = refusal(() => validateContents(raw(profile('p1', { org: { id: ORG_A, name } })), 'backup'));
    expect(error.message).not.toContain('Secret Org');
  });
});

// Property: whatever sequence of profile operations ran, the contents pass the vault's and a backup's check and
// come back unchanged, with one key pair per org and no identified key pair bound to another org.
describe('contents made by the profile functions always pass the check (property)', () => {
  const ORGS = [ORG_A, ORG_B, ORG_C, 'd'.repeat(24)];
  const PROJECTS = [P1, P2, '3'.repeat(24), '4'.repeat(24), 'not-a-project-id'];
  const awkward = fc.constantFrom('\n', '\t', '\u0000', '\u007f', '\u0085', '\u2028', '\u2029', '\ud83d', '😀', 'é');
  const unit = fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
  const serverName = fc.oneof(
    fc.string({ unit, maxLength: 12 }),
    fc
      .tuple(fc.string({ unit, maxLength: 4 }), fc.integer({ min: 240, max: 300 }), fc.string({ unit, maxLength: 4 }))
      .map(([a, n, b]) => `${a}${'n'.repeat(n)}${b}`),
  );
  const project = fc.record({ id: fc.constantFrom(...PROJECTS), name: serverName });
  const identity: fc.Arbitrary<KeyIdentity> = fc.oneof(
    fc.constant({ kind: 'global' as const }),
    fc.record({
      kind: fc.constant('org' as const),
      org: fc.record({ id: fc.constantFrom(...ORGS), name: serverName }),
      projects: fc.array(project, { maxLength: 6 }),
    }),
  );
  const orgIds = fc.subarray(ORGS, { maxLength: 3 });
  const baseUrl = fc.constantFrom(
    undefined,
    'https://cloud.mongodb.com/',
    'https://OPS.example.com:8443',
    'http://localhost:8080',
  );
  const op = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        identity: fc.option(identity, { nil: undefined }),
        orgIds,
        baseUrl,
        label: fc.constantFrom('Acme', '  Spaced  ', 'Ünïcode client'),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('identify' as const), at: fc.nat(), identity }) },
    fc.record({ kind: fc.constant('project' as const), at: fc.nat(), project }),
    fc.record({ kind: fc.constant('bind' as const), at: fc.nat(), org: fc.constantFrom(...ORGS) }),
    fc.record({ kind: fc.constant('unbind' as const), org: fc.constantFrom(...ORGS) }),
    fc.record({ kind: fc.constant('update' as const), at: fc.nat(), label: fc.constantFrom('Renamed', 'Other') }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  );

  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
  function apply(c: VaultContents, o: Op, step: number): VaultContents {
    const pick = (at: number) => c.profiles[at % c.profiles.length]!.id;
    if (o.kind === 'add') {
      const input = { label: o.label, publicKey: `key${step}`.padEnd(8, 'k'), privateKey: SECRET, orgIds: o.orgIds };
      return addProfile(c, { ...input, baseUrl: o.baseUrl }, step, o.identity).contents;
    }
    if (o.kind === 'unbind') return unbindOrg(c, o.org);
    if (c.profiles.length === 0) return c;
    switch (o.kind) {
      case 'identify':
        return setIdentity(c, pick(o.at), o.identity);
      case 'project':
        return addProject(c, pick(o.at), o.project);
      case 'bind':
        return bindOrg(c, o.org, pick(o.at));
      case 'update':
        return updateProfile(c, pick(o.at), { label: o.label }, step).contents;
      case 'remove':
        return removeProfile(c, pick(o.at));
    }
  }

  it('passes validateContents for a vault and a backup, and round-trips unchanged', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        let c = emptyContents();
        ops.forEach((o, step) => {
          try {
            c = apply(c, o, step + 1);
          } catch (error) {
            // A refusal (another org for an identified key) leaves the contents as they were.
            if (!(error instanceof VaultError)) throw error;
            expect(error.kind).toBe('invalid-profile');
          }
          const stored = JSON.parse(JSON.stringify(c));
          expect(validateContents(stored, 'backup')).toEqual(c);
          expect(validateContents(stored, 'vault')).toEqual(c);
        });
        // One key pair per org; an identified key pair bound to its own org at most; never org and global both.
        const bound = c.profiles.flatMap((p) => p.orgIds);
        expect(new Set(bound).size).toBe(bound.length);
        for (const p of c.profiles) {
          if (p.org) expect(p.orgIds.every((o) => o === p.org!.id)).toBe(true);
          expect(p.org !== undefined && p.global === true).toBe(false);
          for (const name of [p.org?.name, ...(p.projects ?? []).map((q) => q.name)]) {
            // Cut by characters (an emoji is one), never inside one, and clean under the display-safe rule.
            if (name !== undefined) expect([...name].length).toBeLessThanOrEqual(256);
            if (name !== undefined) expect(hasDisplayUnsafeCharacter(name)).toBe(false);
          }
          const projectIds = (p.projects ?? []).map((q) => q.id);
          expect(new Set(projectIds).size).toBe(projectIds.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
