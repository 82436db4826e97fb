import { describe, expect, it } from 'vitest';
import { applyRecord, applyRefreshItems } from '../../../../src/options/dashboard/apply-progress';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);
const rows: DashboardRow[] = [
  { orgId: A, name: 'A', status: 'NOT_LINKED', error: { kind: 'network' }, checkedAt: 1 },
  { orgId: B, name: 'B', status: 'SYNCED', checkedAt: 1 },
  { orgId: C, name: 'C' },
];

describe('applyRefreshItems', () => {
  it('takes the new status of checked orgs, clears their old error, and keeps other rows as they were', () => {
    const next = applyRefreshItems(rows, [
      { orgId: A, state: 'ok', status: 'SYNCED', name: 'A renamed', checkedAt: 9, seq: 3 },
      { orgId: B, state: 'failed', error: { kind: 'rate-limited' }, checkedAt: 8, seq: 4 },
      { orgId: C, state: 'running', seq: 5 },
    ]);
    expect(next[0]).toEqual({ orgId: A, name: 'A renamed', status: 'SYNCED', checkedAt: 9 });
    expect(next[1]).toMatchObject({ status: 'SYNCED', error: { kind: 'rate-limited' }, checkedAt: 8 });
    expect(next[2]).toBe(rows[2]); // untouched rows keep their identity: they are not re-rendered
  });

  it('returns the same array when nothing finished', () => {
    expect(applyRefreshItems(rows, [{ orgId: A, state: 'queued', seq: 1 }])).toBe(rows);
  });
});

describe('applyRecord', () => {
  it('updates only the row of that org', () => {
    const next = applyRecord(rows, { orgId: A, status: 'NOT_SYNCED', checkedAt: 5 });
    expect(next[0]).toEqual({ orgId: A, name: 'A', status: 'NOT_SYNCED', checkedAt: 5 });
    expect(next[1]).toBe(rows[1]);
  });
});
