// The cockpit's hand-over messages (#34 items 2 and 5): the plans kept per deployment, for the plan export, and what
// one client's report is made of, for its CSV and its printable page. Read from storage only: nothing is asked of
// Atlas, and neither answer holds a secret (no source credential is ever kept).
import type { ClientReport, ClientReportInput, KeptDeployment } from '../core/atlas/migration-report';
import type { DashboardRow } from './dashboard-messages';
import type { HistoryEntry } from './domain';
import type { MigrationRecord } from './migration-messages';

/** An org of the client as the report shows it: its link status and Atlas target, with the target's name. */
export type ReportOrgView = Pick<
  DashboardRow,
  'orgId' | 'name' | 'status' | 'statusFrom' | 'checkedAt' | 'error' | 'atlasOrgId' | 'atlasTarget'
> & { atlasOrgName?: string };

export type ReportHistoryEntry = Pick<HistoryEntry, 'time' | 'orgId' | 'orgName' | 'operation' | 'ok' | 'result'>;

/** What one client's report is made of: its orgs and only their kept deployments, migrations and history. */
export type ClientReportData = ClientReportInput<ReportOrgView, ReportHistoryEntry, MigrationRecord>;
/** The report as the page shows it and writes its CSV (core's buildClientReport of the data). */
export type ClientReportView = ClientReport<ReportOrgView, ReportHistoryEntry, MigrationRecord>;

export interface MigrationReportMessages {
  /** Every kept deployment of every client: its verdict, and its plan with the last validation when it has one. */
  'migrations/plans': { request: Record<string, never>; response: KeptDeployment[] };
  /** What one client's report is made of. */
  'migrations/report': { request: { client: string }; response: ClientReportData };
}
