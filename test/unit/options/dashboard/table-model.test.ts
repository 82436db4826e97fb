import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  filterRows,
  isFiltered,
  NO_CLIENT,
  nextSort,
  sortRows,
  statusCategory,
} from '../../../../src/options/dashboard/table-model';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';

const id = (n: number) => n.toString(16).padStart(24, '0');

const rows: DashboardRow[] = [
  { orgId: id(1), name: 'Acme Prod', profileId: 'p1', profileLabel: 'Acme', status: 'SYNCED', checkedAt: 300 },
  // Another key pair of the same client (each org has its own).
  { orgId: id(2), name: 'acme staging', profileId: 'p1b', profileLabel: 'Acme', status: 'NOT_LINKED', checkedAt: 100 },
  {
    orgId: id(3),
    name: 'Globex',
    profileId: 'p2',
    profileLabel: 'Globex Corp',
    status: 'SYNCED',
    error: { kind: 'rate-limited' },
    checkedAt: 200,
    lastAction: { time: 50, operation: 'link', result: 'SYNCED', ok: true },
  },
  { orgId: id(4), name: 'Initech 10', lastAction: { time: 80, operation: 'unlink', result: 'network', ok: false } },
  { orgId: id(5), name: 'Initech 9', status: 'NOT_SYNCED' },
  { orgId: id(6) },
];
const ids = (list: DashboardRow[]) => list.map((r) => Number.parseInt(r.orgId, 16));

describe('statusCategory', () => {
  it('shows a failed last check as an error even when an older status is known', () => {
    expect(statusCategory(rows[2]!)).toBe('error');
    expect(statusCategory(rows[0]!)).toBe('SYNCED');
    expect(statusCategory(rows[5]!)).toBe('unknown');
  });
});

describe('filterRows', () => {
  it('keeps everything with no filter', () => {
    expect(filterRows(rows, EMPTY_FILTER)).toHaveLength(6);
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('matches every word of the search, case-insensitively, in name, org id or client', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'ACME' }))).toEqual([1, 2]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'acme prod' }))).toEqual([1]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: 'corp' }))).toEqual([3]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, text: id(5).slice(-6) }))).toEqual([5]);
    expect(isFiltered({ ...EMPTY_FILTER, text: ' x ' })).toBe(true);
  });

  it("filters by client name (every key pair's rows of that client), including orgs bound to no client", () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, client: 'Globex Corp' }))).toEqual([3]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, client: 'Acme' }))).toEqual([1, 2]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, client: NO_CLIENT }))).toEqual([4, 5, 6]);
  });

  it('filters by status category and combines filters', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'SYNCED' }))).toEqual([1]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'error' }))).toEqual([3]);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'unknown' }))).toEqual([4, 6]);
    expect(ids(filterRows(rows, { text: 'acme', client: 'Acme', status: 'NOT_LINKED' }))).toEqual([2]);
  });
});

describe('sortRows', () => {
  it('sorts names naturally and case-insensitively, missing names last in both directions', () => {
    expect(ids(sortRows(rows, { column: 'name', direction: 'ascending' }))).toEqual([1, 2, 3, 5, 4, 6]);
    expect(ids(sortRows(rows, { column: 'name', direction: 'descending' }))).toEqual([4, 5, 3, 2, 1, 6]);
  });

  it('sorts by status from synced to unknown', () => {
    expect(ids(sortRows(rows, { column: 'status', direction: 'ascending' }))).toEqual([1, 5, 2, 3, 4, 6]);
  });

  it('sorts by time checked and by last action, ties broken by org id', () => {
    expect(ids(sortRows(rows, { column: 'checked', direction: 'descending' }))).toEqual([1, 3, 2, 4, 5, 6]);
    expect(ids(sortRows(rows, { column: 'lastAction', direction: 'ascending' }))).toEqual([3, 4, 1, 2, 5, 6]);
    expect(ids(sortRows(rows, { column: 'client', direction: 'ascending' }))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, { column: 'name', direction: 'descending' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending (time columns newest first) and flips on a second click', () => {
    const byName = nextSort({ column: 'status', direction: 'ascending' }, 'name');
    expect(byName).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort(byName, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort(byName, 'checked')).toEqual({ column: 'checked', direction: 'descending' });
  });
});
