// The cockpit's hand-over messages (#34 items 2 and 5): the plans kept per deployment, for the plan export, and one
// client's report, for its CSV and its printable page. Read from storage only: nothing is asked of Atlas, and
// neither answer holds a secret (no source credential is ever kept).
import type { ClientReport, KeptDeployment } from '../core/atlas/migration-report';
import type { DashboardRow } from './dashboard-messages';
import type { HistoryEntry } from './domain';
import type { MigrationRecord } from './migration-messages';

/** An org of the client as the report shows it: its link status and Atlas target, with the target's name. */
export type ReportOrgView = Pick<
  DashboardRow,
  'orgId' | 'name' | 'status' | 'statusFrom' | 'checkedAt' | 'error' | 'atlasOrgId' | 'atlasTarget'
> & { atlasOrgName?: string };

export type ReportHistoryEntry = Pick<HistoryEntry, 'time' | 'orgId' | 'orgName' | 'operation' | 'ok' | 'result'>;

export type ClientReportView = ClientReport<ReportOrgView, ReportHistoryEntry, MigrationRecord>;

export interface MigrationReportMessages {
  /** Every kept plan of every client, with its deployment's verdict and the plan's last validation. */
  'migrations/plans': { request: Record<string, never>; response: KeptDeployment[] };
  /** One client's report, as of now. */
  'migrations/report': { request: { client: string }; response: ClientReportView };
}
