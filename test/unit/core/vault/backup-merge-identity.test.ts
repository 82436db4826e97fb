// Merging a backup into a vault whose key pairs know their org: key pairs are matched by id, so a backup's copy of
// a held credential under another id and another label is skipped (and named), never renames the current one;
// what the server said about each key (org, projects, global) survives.
import { describe, expect, it } from 'vitest';
import {
  type ConflictChoice,
  mergeContents,
  type Profile,
  planMerge,
  profileForOrg,
  type VaultContents,
  validateContents,
} from '../../../../src/core/vault';
import { ORG_A, ORG_B, profile } from './backup-fixtures';

const P1 = '1'.repeat(24);
const P2 = '2'.repeat(24);
const CHOICES: ConflictChoice[] = ['keep-current', 'take-backup', 'keep-both'];
const contents = (...profiles: ReturnType<typeof profile>[]): VaultContents => ({
  version: 1,
  profiles: profiles as Profile[],
});
const find = (c: VaultContents, id: string) => c.profiles.find((p) => p.id === id);

describe('merging key pairs that know their org', () => {
  const currentKey = profile('p1', {
    label: 'Acme',
    publicKey: 'samekey1',
    org: { id: ORG_A, name: 'Acme Org' },
    projects: [{ id: P1, name: 'Prod' }],
    orgIds: [ORG_A],
  });
  const sameKeyElsewhere = profile('p2', {
    label: 'Acme (laptop)',
    publicKey: 'samekey1',
    org: { id: ORG_A, name: 'Acme Org (renamed)' },
    projects: [
      { id: P1, name: 'Prod' },
      { id: P2, name: 'Staging' },
    ],
    orgIds: [ORG_A],
    createdAt: 3,
    updatedAt: 4,
  });

  it('never renames the current key pair after a backup holding its public key under another id', () => {
    const current = contents(currentKey);
    const incoming = contents(sameKeyElsewhere);
    const plan = planMerge(current, incoming);
    expect(plan).toEqual({
      added: [],
      unchanged: [],
      conflicts: [],
      duplicateKeys: [],
      identical: [{ id: 'p2', label: 'Acme (laptop)', currentId: 'p1', currentLabel: 'Acme' }],
    });
    for (const onConflict of CHOICES) {
      const merged = mergeContents(current, incoming, { onConflict });
      // The current key pair is exactly as it was: same id, label, org, projects and binding.
      expect(find(merged, 'p1'), onConflict).toEqual(currentKey);
      // The backup's copy of the same credential is not kept a second time.
      expect(find(merged, 'p2'), onConflict).toBeUndefined();
      expect(merged.profiles.map((p) => p.id)).toEqual(['p1']);
      expect(profileForOrg(merged, ORG_A)?.id).toBe('p1');
      expect(validateContents(JSON.parse(JSON.stringify(merged)), 'vault')).toEqual(merged);
    }
  });

  it('keeps the current org and projects of a key pair the backup holds unchanged', () => {
    const current = contents(currentKey);
    // The same key pair backed up before it was identified.
    const incoming = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_A] }));
    expect(planMerge(current, incoming).unchanged).toEqual([{ id: 'p1', label: 'Acme' }]);
    for (const onConflict of CHOICES) {
      expect(mergeContents(current, incoming, { onConflict }).profiles).toEqual([currentKey]);
    }
  });

  it('adds a backup key pair with its org, projects and global mark', () => {
    const current = contents(profile('p1', { orgIds: [ORG_B] }));
    const identified = profile('p2', {
      org: { id: ORG_A, name: 'A' },
      projects: [{ id: P1, name: 'x' }],
      orgIds: [ORG_A],
    });
    const global = profile('p3', { global: true, orgIds: [ORG_B] });
    const merged = mergeContents(current, contents(identified, global), { onConflict: 'keep-current' });
    expect(find(merged, 'p2')).toEqual(identified);
    // The org the current vault binds stays with its key pair; the global mark stays.
    expect(find(merged, 'p3')).toEqual({ ...global, orgIds: [] });
    expect(validateContents(JSON.parse(JSON.stringify(merged)), 'backup')).toEqual(merged);
  });

  it('settles a conflict with each side keeping its own org and projects', () => {
    const edited = { ...currentKey, label: 'Acme (edited)', projects: [{ id: P2, name: 'New project' }] };
    const current = contents(edited);
    const incoming = contents(currentKey);
    expect(planMerge(current, incoming).conflicts).toEqual([
      { id: 'p1', currentLabel: 'Acme (edited)', incomingLabel: 'Acme' },
    ]);

    expect(mergeContents(current, incoming, { onConflict: 'keep-current' }).profiles).toEqual([edited]);

    const taken = mergeContents(current, incoming, { onConflict: 'take-backup' });
    expect(taken.profiles).toEqual([currentKey]);

    const both = mergeContents(current, incoming, { onConflict: 'keep-both' });
    expect(both.profiles[0]).toEqual(edited);
    const copy = both.profiles[1]!;
    expect(copy.id).not.toBe('p1');
    expect(copy).toEqual({ ...currentKey, id: copy.id, orgIds: [] });
    for (const merged of [taken, both]) {
      expect(validateContents(JSON.parse(JSON.stringify(merged)), 'vault')).toEqual(merged);
    }
  });

  // A backup made before the key was identified, binding it to another org, must not bind an identified key
  // pair to an org not its own (the vault's check would refuse the result, failing the import).
  it('binds an identified key pair to no org but its own after merging an older backup', () => {
    const current = contents(currentKey);
    const older = contents(profile('p1', { label: 'Acme', publicKey: 'samekey1', orgIds: [ORG_B] }));
    for (const onConflict of CHOICES) {
      const merged = mergeContents(current, older, { onConflict });
      expect(find(merged, 'p1')!.orgIds, onConflict).toEqual([ORG_A]);
      expect(() => validateContents(JSON.parse(JSON.stringify(merged)), 'vault')).not.toThrow();
    }
  });
});
