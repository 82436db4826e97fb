// The table as CSV, exactly the rows shown (filtered and sorted), with full dates instead of "5 min ago", and each
// org's note as the last column.
import type { DashboardRow } from '../../shared/dashboard-messages';
import { t } from '../../shared/text/i18n';
import { downloadText } from '../download';
import { toCsv } from './csv';
import { clientText, lastActionText, statusName } from './row-text';
import { statusCategory } from './table-model';

const iso = (time: number | undefined) => (time ? new Date(time).toISOString() : '');

export function rowsToCsv(rows: readonly DashboardRow[]): string {
  const header = [
    t('dash_column_name'),
    t('dash_column_orgId'),
    t('dash_column_client'),
    t('dash_column_status'),
    t('dash_column_checked'),
    t('dash_column_error'),
    t('dash_column_lastAction'),
    t('dash_column_lastActionAt'),
    t('audit_columnNote'),
  ];
  const records = rows.map((row) => [
    row.name ?? '',
    row.orgId,
    row.profileLabel ? clientText(row) : '',
    statusName(statusCategory(row)),
    iso(row.checkedAt),
    row.error?.kind ?? '',
    lastActionText(row),
    iso(row.lastAction?.time),
    row.note ?? '',
  ]);
  return toCsv(header, records);
}

export function csvFileName(now: Date): string {
  return `atlas-link-orgs-${now.toISOString().slice(0, 10)}.csv`;
}

/** Hands the CSV to the browser's download, from the page itself: nothing leaves the machine. */
export function downloadCsv(text: string, fileName: string): void {
  downloadText(text, fileName, 'text/csv');
}
