// The table as the tracker a consultant hands to a client: exactly the rows shown (filtered and sorted), each with its
// client, Atlas target (name and id), status, the error as a sentence in the page's language beside its code, the
// note, and full UTC times (ISO 8601, Z) instead of "5 min ago". Cells go through csv.ts's formula guard.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { downloadText } from '../download';
import { toCsv } from './csv';
import { clientText, lastActionText, statusName } from './row-text';
import { statusCategory } from './table-model';

const iso = (time: number | undefined) => (time ? new Date(time).toISOString() : '');

/** An Atlas org's name, as its Atlas key pair was told it; undefined when no saved key pair serves it. */
const atlasOrgName = (profiles: readonly ProfileView[], atlasOrgId: string) =>
  profiles.find((p) => p.side === 'atlas' && p.org?.id === atlasOrgId)?.org?.name;

export function rowsToCsv(rows: readonly DashboardRow[], profiles: readonly ProfileView[]): string {
  const header = [
    t('dash_column_name'),
    t('dash_column_orgId'),
    t('dash_column_client'),
    t('dashAtlas_column'),
    t('dash_column_atlasOrgId'),
    t('dash_column_status'),
    t('dash_column_error'),
    t('dash_column_errorCode'),
    t('audit_columnNote'),
    t('dash_column_checkedUtc'),
    t('dash_column_lastAction'),
    t('dash_column_lastActionAt'),
  ];
  const records = rows.map((row) => [
    row.name ?? '',
    row.orgId,
    row.profileLabel ? clientText(row) : '',
    row.atlasOrgId ? (atlasOrgName(profiles, row.atlasOrgId) ?? '') : '',
    row.atlasOrgId ?? '',
    statusName(statusCategory(row)),
    row.error ? errorText(row.error).message : '',
    row.error?.kind ?? '',
    row.note ?? '',
    iso(row.checkedAt),
    lastActionText(row),
    iso(row.lastAction?.time),
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
