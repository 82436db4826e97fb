// Restoring a backup's workspace, rule by rule (the mutants backup-workspace.test.ts left alive): what a current org
// record lacks is filled, each field on its own, and a status only with its source and time; the counts say what the
// backup gave. History: an entry is the same event only when every recorded fact matches; the merged list is in time
// order (this browser's entries first at the same time), numbered on from the oldest entry's place.
import { describe, expect, it } from 'vitest';
import { mergeHistoryEntries, mergeOrgRecords, type WorkspaceHistoryEntry } from '../../../../src/core/vault';
import { ORG_A, ORG_B, ORG_C } from './backup-fixtures';

const ATLAS = 'd'.repeat(24);
const OTHER_ATLAS = 'e'.repeat(24);
const LINK = { time: 7, tokenSource: 'created' as const, atlasOrgId: ATLAS };

describe('mergeOrgRecords', () => {
  it('fills a current record field by field: name, target, note and the link made', () => {
    const merged = mergeOrgRecords({ [ORG_A]: { orgId: ORG_A } }, [
      { orgId: ORG_A, name: 'Acme', atlasOrgId: ATLAS, note: 'theirs', linkMade: LINK },
    ]);
    expect(merged.table).toStrictEqual({
      [ORG_A]: { orgId: ORG_A, name: 'Acme', atlasOrgId: ATLAS, note: 'theirs', linkMade: LINK },
    });
    expect([merged.added, merged.notes, merged.targets]).toEqual([0, 1, 1]);
  });

  it('keeps what a current record has, field by field', () => {
    const mine = {
      orgId: ORG_A,
      name: 'Mine',
      atlasOrgId: OTHER_ATLAS,
      note: 'mine',
      linkMade: { time: 1, tokenSource: 'pasted' as const },
    };
    const merged = mergeOrgRecords({ [ORG_A]: mine }, [
      { orgId: ORG_A, name: 'Acme', atlasOrgId: ATLAS, note: 'theirs', linkMade: LINK },
    ]);
    expect(merged.table).toStrictEqual({ [ORG_A]: mine });
    expect([merged.added, merged.notes, merged.targets]).toEqual([0, 0, 0]);
  });

  it('keeps every current org the backup does not mention', () => {
    const current = { [ORG_A]: { orgId: ORG_A, note: 'mine' }, [ORG_C]: { orgId: ORG_C, name: 'Kept' } };
    const merged = mergeOrgRecords(current, [{ orgId: ORG_B }]);
    expect(merged.table).toStrictEqual({
      [ORG_A]: { orgId: ORG_A, note: 'mine' },
      [ORG_B]: { orgId: ORG_B },
      [ORG_C]: { orgId: ORG_C, name: 'Kept' },
    });
    expect(mergeOrgRecords(current, []).table).toStrictEqual(current);
  });

  it('does not touch the current table it was given', () => {
    const current = { [ORG_A]: { orgId: ORG_A } };
    const merged = mergeOrgRecords(current, [{ orgId: ORG_A, note: 'theirs' }, { orgId: ORG_B }]);
    expect(current).toStrictEqual({ [ORG_A]: { orgId: ORG_A } });
    expect(merged.table[ORG_A]).toStrictEqual({ orgId: ORG_A, note: 'theirs' });
  });

  it('takes a status with its source and time (a time of 0 included), only where the record has none', () => {
    const merged = mergeOrgRecords(
      { [ORG_A]: { orgId: ORG_A }, [ORG_B]: { orgId: ORG_B, status: 'NOT_LINKED' as const } },
      [
        { orgId: ORG_A, status: 'SYNCED', statusFrom: 'status', checkedAt: 0 },
        { orgId: ORG_B, status: 'SYNCED', statusFrom: 'link', checkedAt: 5 },
      ],
    );
    expect(merged.table).toStrictEqual({
      [ORG_A]: { orgId: ORG_A, status: 'SYNCED', statusFrom: 'status', checkedAt: 0 },
      [ORG_B]: { orgId: ORG_B, status: 'NOT_LINKED' },
    });
  });

  it('takes no source or time without a status, and a status without them alone', () => {
    const merged = mergeOrgRecords({ [ORG_A]: { orgId: ORG_A }, [ORG_B]: { orgId: ORG_B } }, [
      { orgId: ORG_A, statusFrom: 'link', checkedAt: 3 },
      { orgId: ORG_B, status: 'SYNCED' },
    ]);
    expect(merged.table).toStrictEqual({
      [ORG_A]: { orgId: ORG_A },
      [ORG_B]: { orgId: ORG_B, status: 'SYNCED' },
    });
  });

  it('counts a new org, and its note and target, once each; a new org without them counts only as added', () => {
    const merged = mergeOrgRecords({}, [
      { orgId: ORG_A },
      { orgId: ORG_B, note: 'n', atlasOrgId: ATLAS },
      { orgId: ORG_C },
    ]);
    expect([merged.added, merged.notes, merged.targets]).toEqual([3, 1, 1]);
    expect(merged.table).toStrictEqual({
      [ORG_A]: { orgId: ORG_A },
      [ORG_B]: { orgId: ORG_B, note: 'n', atlasOrgId: ATLAS },
      [ORG_C]: { orgId: ORG_C },
    });
  });
});

const entry = (time: number, extra: Partial<WorkspaceHistoryEntry> = {}): WorkspaceHistoryEntry => ({
  time,
  orgId: ORG_A,
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Client p1',
  ...extra,
});

describe('mergeHistoryEntries', () => {
  it('adds an entry that differs from one here in any recorded fact', () => {
    const here = entry(10, {
      publicKey: 'abcdefgh',
      tokenFingerprint: '0123456789abcdef',
      tokenSource: 'created',
      atlasOrgId: ATLAS,
      clearedCount: 2,
    });
    const changes: Partial<WorkspaceHistoryEntry>[] = [
      { time: 11 },
      { orgId: ORG_B },
      { operation: 'unlink' },
      { result: 'NOT_LINKED' },
      { ok: false },
      { publicKey: 'hgfedcba' },
      { publicKey: undefined },
      { tokenFingerprint: 'fedcba9876543210' },
      { tokenFingerprint: undefined },
      { tokenSource: 'pasted' },
      { tokenSource: undefined },
      { atlasOrgId: OTHER_ATLAS },
      { atlasOrgId: undefined },
      { clearedCount: 3 },
      { clearedCount: undefined },
    ];
    for (const change of changes) {
      expect(mergeHistoryEntries([here], [{ ...here, ...change }]).added, JSON.stringify(change)).toBe(1);
    }
    // The names and the number do not make an event: the same event renamed is not added again.
    expect(mergeHistoryEntries([here], [{ ...here, orgName: 'Renamed', profileLabel: 'Other', seq: 9 }]).added).toBe(0);
  });

  it('reads an empty public key as none: the same event is not added again', () => {
    expect(mergeHistoryEntries([entry(10)], [entry(10, { publicKey: '' })]).added).toBe(0);
    expect(mergeHistoryEntries([entry(10, { publicKey: '' })], [entry(10)]).added).toBe(0);
  });

  it('adds one entry the backup holds twice only once', () => {
    const merged = mergeHistoryEntries([entry(1, { seq: 1 })], [entry(2), entry(2)]);
    expect(merged.added).toBe(1);
    expect(merged.entries.map((e) => [e.time, e.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('leaves the entries as they are when the backup adds none, whatever their numbers', () => {
    const current = [entry(30, { seq: 8 }), entry(10, { seq: 2 })];
    const merged = mergeHistoryEntries(current, [entry(10, { seq: 1 })]);
    expect(merged).toStrictEqual({ entries: current, added: 0 });
    expect(merged.entries).not.toBe(current);
  });

  it('sorts by time, this browser first at the same time, and numbers from the oldest place', () => {
    const current = [entry(50, { seq: 3, result: 'here-50' }), entry(20, { seq: 4, result: 'here-20' })];
    const incoming = [entry(20, { result: 'backup-20' }), entry(5, { seq: 1, result: 'backup-5' })];
    const merged = mergeHistoryEntries(current, incoming);
    expect(merged.added).toBe(2);
    expect(merged.entries.map((e) => [e.result, e.seq])).toEqual([
      ['backup-5', 1],
      ['here-20', 2],
      ['backup-20', 3],
      ['here-50', 4],
    ]);
  });

  it('numbers from 1 when the oldest entry has no number', () => {
    const merged = mergeHistoryEntries([entry(10)], [entry(20)]);
    expect(merged.entries.map((e) => e.seq)).toEqual([1, 2]);
  });
});
