// The hand-over's columns, in the page's language: one definition per column, read by the CSV and by the printable
// page alike, so both say the same. Times are UTC, written by the caller's `time` (ISO in a CSV, "2025-03-01 14:05
// UTC" on the page).
import type { KeptDeployment, ReportDeployment } from '../../core/atlas/migration-report';
import type { MigrationRecord } from '../../shared/migration-messages';
import type { ReportHistoryEntry, ReportOrgView } from '../../shared/migration-report-messages';
import { type MessageKey, t } from '../../shared/text/i18n';
import { OPERATION_KEYS } from '../../shared/text/keys';
import { reasonText } from '../../ui/readiness-words';
import { rowStatusText } from '../dashboard/row-text';
import { lagText, statusText, windowWords } from './migration-words';

export type TimeText = (ms: number | undefined) => string;
export type Cell<R> = (row: R, time: TimeText) => string;
/** A column: its header's key and its cell's words. The tables below spell the type out, so the catalogue test
 * reads their keys as keys. */
export type Column<R> = { header: MessageKey; cell: Cell<R>; fit?: CellFit };
/** How the printable page fits a cell: an id may break anywhere, a sentence gets room. */
export type CellFit = 'id' | 'prose';

/** "2025-03-01 14:05 UTC": the printable page's times. */
export const utcText: TimeText = (ms) => {
  if (ms === undefined) return '';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
};

/** ISO 8601 with Z: the CSV's times, as the dashboard's export writes them. */
export const isoText: TimeText = (ms) => (ms === undefined ? '' : new Date(ms).toISOString());

const yesNo = (flag: boolean | undefined) => (flag === undefined ? '' : t(flag ? 'migReport_yes' : 'migReport_no'));

const readinessText = (kept: KeptDeployment | undefined) =>
  kept?.readiness ? t(kept.readiness.ready ? 'mig_ready' : 'mig_not_ready') : '';
/** The reasons, each a sentence of its own. */
const reasonsText = (kept: KeptDeployment | undefined) => (kept?.readiness?.reasons ?? []).map(reasonText).join(' ');

function validationText(kept: KeptDeployment | undefined): string {
  const v = kept?.validation;
  if (!v) return '';
  if (v.outcome === 'passed') return t('migReport_validation_passed');
  if (v.outcome === 'failed') return t('migReport_validation_failed', v.errorMessage ?? v.status);
  return t('migReport_validation_pending');
}

/** A deployment's columns, shared by the plan export (a kept deployment) and the report (its row's `kept`). */
const keptColumns: { header: MessageKey; cell: Cell<KeptDeployment | undefined>; fit?: CellFit }[] = [
  { header: 'migReport_col_readiness', cell: readinessText },
  { header: 'migReport_col_reasons', cell: reasonsText, fit: 'prose' },
];

const on = <R, S>(columns: Column<S>[], pick: (row: R) => S): Column<R>[] =>
  columns.map((c) => ({ ...c, cell: (row, time) => c.cell(pick(row), time) }));

export const planColumns: { header: MessageKey; cell: Cell<KeptDeployment>; fit?: CellFit }[] = [
  { header: 'dash_column_client', cell: (d) => d.client },
  { header: 'dash_column_name', cell: (d) => d.orgName ?? '' },
  { header: 'dash_column_orgId', cell: (d) => d.cloudManagerOrgId, fit: 'id' },
  { header: 'migReport_col_project', cell: (d) => d.sourceProjectName ?? '' },
  { header: 'migReport_col_projectId', cell: (d) => d.sourceProjectId, fit: 'id' },
  { header: 'migReport_col_deployment', cell: (d) => d.deployment },
  { header: 'dashAtlas_column', cell: (d) => d.atlasOrgName ?? '' },
  { header: 'dash_column_atlasOrgId', cell: (d) => d.atlasOrgId, fit: 'id' },
  { header: 'migReport_col_atlasProject', cell: (d) => d.plan?.atlasProjectName ?? '' },
  { header: 'migReport_col_atlasProjectId', cell: (d) => d.plan?.atlasProjectId ?? '', fit: 'id' },
  { header: 'migReport_col_atlasCluster', cell: (d) => d.plan?.destinationCluster ?? '' },
  { header: 'migReport_col_host', cell: (d) => d.plan?.migrationHost ?? '' },
  { header: 'migReport_col_managedAuth', cell: (d) => yesNo(d.plan?.managedAuthentication) },
  { header: 'migReport_col_tls', cell: (d) => yesNo(d.plan?.ssl) },
  { header: 'mig_hostname_type', cell: (d) => d.plan?.hostnameSchemaType ?? '' },
  { header: 'migReport_col_drop', cell: (d) => yesNo(d.plan?.dropDestinationData) },
  ...on(keptColumns, (d: KeptDeployment) => d),
  { header: 'migReport_col_validation', cell: validationText },
  { header: 'migReport_col_validatedAt', cell: (d, time) => time(d.validation?.checkedAt) },
];

/** The org's cells on each of its report rows (the CSV; the page shows them once above its table). */
export const orgColumns: { header: MessageKey; cell: Cell<ReportOrgView>; fit?: CellFit }[] = [
  { header: 'dash_column_name', cell: (o) => o.name ?? '' },
  { header: 'dash_column_orgId', cell: (o) => o.orgId, fit: 'id' },
  { header: 'dash_column_status', cell: (o) => rowStatusText(o) },
  { header: 'dashAtlas_column', cell: (o) => o.atlasOrgName ?? '' },
  { header: 'dash_column_atlasOrgId', cell: (o) => o.atlasOrgId ?? '', fit: 'id' },
];

export const deploymentColumns: { header: MessageKey; cell: Cell<ReportDeployment<MigrationRecord>>; fit?: CellFit }[] =
  [
    { header: 'migReport_col_project', cell: (d) => d.sourceProjectName ?? '' },
    { header: 'migReport_col_projectId', cell: (d) => d.sourceProjectId, fit: 'id' },
    { header: 'migReport_col_deployment', cell: (d) => d.deployment },
    ...on(keptColumns, (d: ReportDeployment<MigrationRecord>) => d.kept),
    {
      header: 'migReport_col_atlasProject',
      cell: (d) => d.kept?.plan?.atlasProjectName ?? d.migration?.atlasProjectName ?? '',
    },
    {
      header: 'migReport_col_atlasProjectId',
      cell: (d) => d.kept?.plan?.atlasProjectId ?? d.migration?.atlasProjectId ?? '',
      fit: 'id',
    },
    {
      header: 'migReport_col_atlasCluster',
      cell: (d) => d.kept?.plan?.destinationCluster ?? d.migration?.destinationCluster ?? '',
    },
    { header: 'migReport_col_host', cell: (d) => d.kept?.plan?.migrationHost ?? '' },
    { header: 'migReport_col_validation', cell: (d) => validationText(d.kept) },
    { header: 'migReport_col_status', cell: (d) => (d.migration ? statusText(d.migration) : '') },
    { header: 'mig_col_lag', cell: (d) => (d.migration ? lagText(d.migration) : '') },
    { header: 'migReport_col_left', cell: (d) => (d.window ? windowWords(d.window) : '') },
    { header: 'migReport_col_windowEnds', cell: (d, time) => time(d.window?.endsAt) },
    { header: 'migReport_col_startedAt', cell: (d, time) => time(d.migration?.startedAt) },
    { header: 'migReport_col_cutoverAt', cell: (d, time) => time(d.migration?.cutoverAt) },
  ];

export const historyColumns: { header: MessageKey; cell: Cell<ReportHistoryEntry>; fit?: CellFit }[] = [
  { header: 'migReport_col_time', cell: (e, time) => time(e.time) },
  { header: 'dash_column_name', cell: (e) => e.orgName ?? e.orgId },
  { header: 'historyOperation', cell: (e) => t(OPERATION_KEYS[e.operation]) },
  {
    header: 'historyResult',
    cell: (e) => t(e.ok ? 'migReport_done' : 'migReport_failed', e.result),
  },
];

export const headersOf = <R>(columns: readonly Column<R>[]) => columns.map((c) => t(c.header));
export const cellsOf = <R>(columns: readonly Column<R>[], row: R, time: TimeText) =>
  columns.map((c) => c.cell(row, time));
