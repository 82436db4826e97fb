// The dashboard's rows: one per org known from a binding or a stored status, with its client, status and last action.
import { describe, expect, it } from 'vitest';
import { buildDashboardRows } from '../../../../src/background/dashboard/rows';
import type { HistoryEntry, OrgStatusRecord } from '../../../../src/shared/domain';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);

describe('buildDashboardRows', () => {
  it('lists each org once: bound to a profile, visited, or added, with its client, status and last action', () => {
    const profiles = [
      { id: 'p1', label: 'Acme', orgIds: [A, B] },
      { id: 'p2', label: 'Globex', orgIds: [] },
    ];
    const statuses: Record<string, OrgStatusRecord> = {
      [B]: { orgId: B, name: 'Acme staging', status: 'NOT_LINKED', checkedAt: 10 },
      [C]: { orgId: C }, // added by id, never checked
    };
    const history: HistoryEntry[] = [
      { time: 1, orgId: A, orgName: 'Acme prod', operation: 'link', result: 'SYNCED', ok: true, profileLabel: 'Acme' },
      {
        time: 2,
        orgId: A,
        orgName: 'Acme prod',
        operation: 'unlink',
        result: 'network',
        ok: false,
        profileLabel: 'Acme',
      },
    ];
    const rows = buildDashboardRows(profiles, statuses, history);
    expect(rows.map((r) => r.orgId).sort()).toEqual([A, B, C]);
    const byId = Object.fromEntries(rows.map((r) => [r.orgId, r]));
    expect(byId[A]).toStrictEqual({
      orgId: A,
      name: 'Acme prod',
      profileId: 'p1',
      profileLabel: 'Acme',
      lastAction: { time: 2, operation: 'unlink', result: 'network', ok: false },
    });
    expect(byId[B]).toMatchObject({ name: 'Acme staging', profileLabel: 'Acme', status: 'NOT_LINKED', checkedAt: 10 });
    expect(byId[C]).toStrictEqual({ orgId: C });
  });

  it('without the vault (locked) still lists the visited orgs, with no client', () => {
    const rows = buildDashboardRows([], { [A]: { orgId: A, status: 'SYNCED' } }, []);
    expect(rows).toStrictEqual([{ orgId: A, status: 'SYNCED' }]);
  });

  it('names the first profile bound to an org as its client, and sets only the fields it knows', () => {
    const profiles = [
      { id: 'p1', label: 'Acme', orgIds: [A] },
      { id: 'p2', label: 'Acme again', orgIds: [B, A] },
    ];
    const statuses: Record<string, OrgStatusRecord> = {
      [A]: { orgId: A, base: 'https://ops.example.com', error: { kind: 'network' }, checkedAt: 7 },
    };
    const rows = buildDashboardRows(profiles, statuses, []);
    expect(rows).toStrictEqual([
      {
        orgId: A,
        profileId: 'p1',
        profileLabel: 'Acme',
        checkedAt: 7,
        error: { kind: 'network' },
        base: 'https://ops.example.com',
      },
      { orgId: B, profileId: 'p2', profileLabel: 'Acme again' },
    ]);
  });
});

describe('buildDashboardRows: which call answered the status', () => {
  it("carries it to the row, so a status check's NOT_SYNCED is not worded as a link", () => {
    const statuses: Record<string, OrgStatusRecord> = {
      [A]: { orgId: A, status: 'NOT_SYNCED', statusFrom: 'status' },
      [B]: { orgId: B, status: 'NOT_SYNCED', statusFrom: 'link' },
      [C]: { orgId: C, status: 'NOT_SYNCED' },
    };
    const rows = buildDashboardRows([], statuses, []);
    expect(rows.map((r) => [r.orgId, r.statusFrom])).toEqual([
      [A, 'status'],
      [B, 'link'],
      [C, undefined],
    ]);
    expect('statusFrom' in rows[2]!).toBe(false);
  });
});
