// Backup format 2: the workspace (orgs with their Atlas targets and notes, and history when chosen) sealed beside the
// key pairs under the same passphrase. It reads back exactly; an older backup (format 1, key pairs only) still reads;
// a workspace altered, cut off, moved from another backup or holding a field no version writes is refused; a
// restore keeps what this browser holds and adds what it lacks, the history without duplicates.
import { describe, expect, it } from 'vitest';
import {
  adoptBackup,
  makeBackup,
  mergeHistoryEntries,
  mergeOrgRecords,
  parseBackup,
  previewBackup,
  sealWorkspace,
  validateWorkspace,
  type Workspace,
  type WorkspaceHistoryEntry,
} from '../../../../src/core/vault';
import { craftBackup, ORG_A, ORG_B, ORG_C, profile, vaultErrorOf } from './backup-fixtures';

const PASS = 'backup passphrase 1';
const ATLAS = 'd'.repeat(24);
const contents = { version: 1, profiles: [profile('p1', { orgIds: [ORG_A] })] };
const entry = (time: number, orgId = ORG_A, extra: Partial<WorkspaceHistoryEntry> = {}): WorkspaceHistoryEntry => ({
  time,
  orgId,
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Client p1',
  ...extra,
});
const workspace: Workspace = {
  version: 1,
  orgs: [
    { orgId: ORG_A, name: 'Acme', atlasOrgId: ATLAS, note: 'ticket 42', status: 'SYNCED', statusFrom: 'link' },
    { orgId: ORG_B, base: 'https://ops.example.com' },
  ],
  history: [entry(1, ORG_A, { seq: 1, tokenFingerprint: '0123456789abcdef', tokenSource: 'created' })],
};

async function backupWith(ws: unknown, passphrase = PASS) {
  const crafted = await craftBackup(contents, passphrase);
  const sealed = await sealWorkspace(ws as Workspace, crafted.key, crafted.envelope);
  return { ...crafted, sealed, text: makeBackup(crafted.envelope, 0, sealed) };
}

describe('backup format 2', () => {
  it('round-trips the key pairs and the workspace, and says it is format 2', async () => {
    const { text } = await backupWith(workspace);
    expect(JSON.parse(text).version).toBe(2);
    const opened = await previewBackup(parseBackup(text), PASS);
    expect(opened.contents.profiles.map((p) => p.id)).toEqual(['p1']);
    expect(opened.workspace).toEqual(workspace);
    expect((await adoptBackup(parseBackup(text), PASS)).workspace).toEqual(workspace);
    // Sealed: no note, name or fingerprint in the file.
    for (const clear of ['ticket 42', 'Acme', '0123456789abcdef', ATLAS]) expect(text).not.toContain(clear);
  });

  it('still reads a format-1 backup (key pairs only): no workspace', async () => {
    const { text } = await craftBackup(contents, PASS);
    expect(JSON.parse(text).version).toBeUndefined();
    const backup = parseBackup(text);
    expect(backup.version).toBe(1);
    const opened = await previewBackup(backup, PASS);
    expect(opened.labels).toEqual(['Client p1']);
    expect(opened.workspace).toBeUndefined();
  });

  it('refuses a workspace altered, cut off, moved from another backup, or a newer format', async () => {
    const { text, sealed } = await backupWith(workspace);
    const file = JSON.parse(text);
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    const altered = JSON.stringify({ ...file, workspace: { ...file.workspace, data: data.toString('base64') } });
    const other = await backupWith({ version: 1, orgs: [] });
    const moved = JSON.stringify({ ...file, workspace: JSON.parse(other.text).workspace });
    for (const input of [altered, moved]) {
      // The passphrase is right (the key pairs open): the workspace is what is damaged.
      expect(await vaultErrorOf(previewBackup(parseBackup(input), PASS))).toMatchObject({
        kind: 'invalid-backup',
        variant: 'damaged',
      });
    }
    const { workspace: _cut, ...cutOff } = file;
    expect(await vaultErrorOf(() => parseBackup(JSON.stringify(cutOff)))).toMatchObject({ variant: 'damaged' });
    expect(await vaultErrorOf(() => parseBackup(JSON.stringify({ ...file, version: 3 })))).toMatchObject({
      variant: 'newer-version',
    });
    expect(await vaultErrorOf(() => parseBackup(JSON.stringify({ ...file, version: '2' })))).toMatchObject({
      variant: 'damaged',
    });
    // A wrong passphrase is still said as such.
    expect(await vaultErrorOf(previewBackup(parseBackup(text), 'not the passphrase'))).toMatchObject({
      kind: 'wrong-passphrase',
    });
  });
});

describe('a workspace is checked field by field', () => {
  const org = (extra: Record<string, unknown>) => ({ version: 1, orgs: [{ orgId: ORG_A, ...extra }] });
  it.each([
    ['an org id that is not one', { version: 1, orgs: [{ orgId: 'x' }] }],
    ['one org twice', { version: 1, orgs: [{ orgId: ORG_A }, { orgId: ORG_A }] }],
    ['a note on two lines', org({ note: 'one\ntwo' })],
    ['a note of 501 characters', org({ note: 'n'.repeat(501) })],
    ['a target that is not an org id', org({ atlasOrgId: 'atlas' })],
    ['an unknown status', org({ status: 'LINKED' })],
    ['a server address not in normal form', org({ base: 'https://ops.example.com/path' })],
    ['a name with a control character', org({ name: 'A\u0007' })],
    ['a time that is not a number', org({ checkedAt: '1' })],
    [
      'too many orgs',
      { version: 1, orgs: Array.from({ length: 5001 }, (_, i) => ({ orgId: i.toString(16).padStart(24, '0') })) },
    ],
    ['history that is not a list', { version: 1, orgs: [], history: {} }],
    [
      'more history than the history keeps',
      { version: 1, orgs: [], history: Array.from({ length: 1001 }, (_, i) => entry(i)) },
    ],
    ['an unknown operation', { version: 1, orgs: [], history: [entry(1, ORG_A, { operation: 'delete' as 'link' })] }],
    ['a result that is a sentence', { version: 1, orgs: [], history: [entry(1, ORG_A, { result: 'it worked!' })] }],
    [
      'a fingerprint that is a token',
      { version: 1, orgs: [], history: [entry(1, ORG_A, { tokenFingerprint: 'TOKEN+secret' })] },
    ],
    ['no workspace version', { orgs: [] }],
  ])('refuses %s', (_what, raw) => {
    expect(() => validateWorkspace(raw)).toThrow(expect.objectContaining({ kind: 'invalid-backup' }));
  });

  it('keeps only the known fields, and says a newer workspace is newer', async () => {
    const raw = { version: 1, orgs: [{ orgId: ORG_A, privateKey: 'x', error: { kind: 'network' } }], extra: 1 };
    expect(validateWorkspace(raw)).toEqual({ version: 1, orgs: [{ orgId: ORG_A }] });
    expect(await vaultErrorOf(() => validateWorkspace({ version: 2, orgs: [] }))).toMatchObject({
      variant: 'newer-version',
    });
  });
});

describe('restoring a workspace keeps what is here', () => {
  it('adds the orgs only the backup has, and fills only what a current record lacks', () => {
    const current = {
      [ORG_A]: { orgId: ORG_A, name: 'Acme now', note: 'mine', status: 'NOT_LINKED' as const, checkedAt: 9 },
      [ORG_C]: { orgId: ORG_C },
    };
    const merged = mergeOrgRecords(current, [
      { orgId: ORG_A, name: 'Acme then', note: 'theirs', atlasOrgId: ATLAS, status: 'SYNCED', checkedAt: 1 },
      { orgId: ORG_B, note: 'new org', atlasOrgId: ATLAS },
      { orgId: ORG_C, status: 'SYNCED', statusFrom: 'link', checkedAt: 5 },
    ]);
    expect(merged.table).toEqual({
      [ORG_A]: { orgId: ORG_A, name: 'Acme now', note: 'mine', atlasOrgId: ATLAS, status: 'NOT_LINKED', checkedAt: 9 },
      [ORG_B]: { orgId: ORG_B, note: 'new org', atlasOrgId: ATLAS },
      [ORG_C]: { orgId: ORG_C, status: 'SYNCED', statusFrom: 'link', checkedAt: 5 },
    });
    expect({ added: merged.added, notes: merged.notes, targets: merged.targets }).toEqual({
      added: 1,
      notes: 1,
      targets: 2,
    });
    // The same backup again adds nothing.
    const again = mergeOrgRecords(merged.table, [{ orgId: ORG_B, note: 'new org', atlasOrgId: ATLAS }]);
    expect({ added: again.added, notes: again.notes, targets: again.targets }).toEqual({
      added: 0,
      notes: 0,
      targets: 0,
    });
  });

  it('adds the history entries not already here, in time order, numbered on, never twice', () => {
    const current = [entry(10, ORG_A, { seq: 4 }), entry(30, ORG_B, { seq: 5 })];
    const incoming = [entry(10, ORG_A, { seq: 1, profileLabel: 'renamed since' }), entry(20, ORG_C, { seq: 2 })];
    const merged = mergeHistoryEntries(current, incoming);
    expect(merged.added).toBe(1);
    expect(merged.entries.map((e) => [e.time, e.orgId, e.seq])).toEqual([
      [10, ORG_A, 4],
      [20, ORG_C, 5],
      [30, ORG_B, 6],
    ]);
    expect(mergeHistoryEntries(merged.entries, incoming)).toEqual({ entries: merged.entries, added: 0 });
  });
});
