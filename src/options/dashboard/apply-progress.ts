// Folds a refresh run's per-org changes into the table: a checked org takes its new status, a failed one its
// error. Rows that did not change keep their identity, so only they re-render.
import type { DashboardRow, RefreshItem } from '../../shared/dashboard-messages';
import type { OrgStatusRecord } from '../../shared/domain';

export function applyRefreshItems(rows: readonly DashboardRow[], items: readonly RefreshItem[]): DashboardRow[] {
  const changes = new Map<string, RefreshItem>();
  for (const item of items) if (item.state === 'ok' || item.state === 'failed') changes.set(item.orgId, item);
  if (changes.size === 0) return rows as DashboardRow[];
  return rows.map((row) => {
    const item = changes.get(row.orgId);
    if (!item) return row;
    if (item.state === 'ok') {
      // A run's item does not say which call answered (a link run may have checked instead): the words stay neutral.
      const { error: _stale, statusFrom: _from, ...rest } = row;
      return { ...rest, status: item.status, name: item.name ?? row.name, checkedAt: item.checkedAt ?? row.checkedAt };
    }
    return { ...row, error: item.error, checkedAt: item.checkedAt ?? row.checkedAt };
  });
}

/** A row after a single link, unlink or check from the page. */
export function applyRecord(rows: readonly DashboardRow[], record: OrgStatusRecord): DashboardRow[] {
  return rows.map((row) => {
    if (row.orgId !== record.orgId) return row;
    const { error: _stale, statusFrom: _from, ...rest } = row;
    const next: DashboardRow = { ...rest, status: record.status, name: record.name ?? row.name };
    if (record.statusFrom) next.statusFrom = record.statusFrom;
    if (record.checkedAt) next.checkedAt = record.checkedAt;
    if (record.error) next.error = record.error;
    return next;
  });
}
