// What the dashboard table shows, decided without the DOM: each row's status category, the filters (text, client,
// status) and a stable sort by any column. Pure functions, so 500 rows filter and sort in well under a frame.
import { sameLabel } from '../../core/vault/profile-rules';
import type { DashboardRow } from '../../shared/dashboard-messages';

export type StatusCategory = 'SYNCED' | 'NOT_SYNCED' | 'NOT_LINKED' | 'error' | 'unknown';
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['SYNCED', 'NOT_SYNCED', 'NOT_LINKED', 'error', 'unknown'];

export type SortColumn = 'name' | 'client' | 'status' | 'checked' | 'lastAction';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

/** '' = every client; NO_CLIENT = orgs bound to none; otherwise a client's name (all its key pairs' rows). */
export const NO_CLIENT = '-';

export interface TableFilter {
  text: string;
  client: string;
  status: StatusCategory | '';
}

export const EMPTY_FILTER: TableFilter = { text: '', client: '', status: '' };

/** A failed last check wins over the status it had before: the status shown may be stale. */
export function statusCategory(row: Pick<DashboardRow, 'status' | 'error'>): StatusCategory {
  if (row.error) return 'error';
  return row.status ?? 'unknown';
}

export function isFiltered(filter: TableFilter): boolean {
  return filter.text.trim() !== '' || filter.client !== '' || filter.status !== '';
}

export function filterRows(rows: readonly DashboardRow[], filter: TableFilter): DashboardRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.client === NO_CLIENT) {
      if (row.profileId !== undefined) return false;
    } else if (filter.client && !sameLabel(row.profileLabel ?? '', filter.client)) return false;
    if (filter.status && statusCategory(row) !== filter.status) return false;
    if (words.length === 0) return true;
    const haystack = `${row.name ?? ''} ${row.orgId} ${row.profileLabel ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

// Linked-and-synced first, then the ones needing attention, then the unknown.
const STATUS_RANK: Record<StatusCategory, number> = { SYNCED: 0, NOT_SYNCED: 1, NOT_LINKED: 2, error: 3, unknown: 4 };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

type Key = string | number | undefined;

function keyOf(row: DashboardRow, column: SortColumn): Key {
  switch (column) {
    case 'name':
      return row.name;
    case 'client':
      return row.profileLabel;
    case 'status':
      return STATUS_RANK[statusCategory(row)];
    case 'checked':
      return row.checkedAt;
    case 'lastAction':
      return row.lastAction?.time;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Sorted copy; rows without a value go last in either direction; ties fall back to the org id (stable). */
export function sortRows(rows: readonly DashboardRow[], order: SortOrder): DashboardRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: keyOf(row, order.column) }));
  keyed.sort((a, b) => {
    const aMissing = a.key === undefined || a.key === '';
    const bMissing = b.key === undefined || b.key === '';
    if (aMissing !== bMissing) return aMissing ? 1 : -1;
    const byKey = aMissing ? 0 : sign * compareKeys(a.key, b.key);
    return byKey || (a.row.orgId < b.row.orgId ? -1 : a.row.orgId > b.row.orgId ? 1 : 0);
  });
  return keyed.map(({ row }) => row);
}

/** Clicking a column's header: sorts by it ascending, or flips the direction when it already sorts by it. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  // Time columns start with the most recent, the way people read them.
  const timeColumn = column === 'checked' || column === 'lastAction';
  if (current.column !== column) return { column, direction: timeColumn ? 'descending' : 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
