// The hand-over's CSV files: every kept plan, and one client's report (a row per deployment, its org's cells on
// each, then after an empty line the client's migration history). Written by the dashboard's CSV writer, whose
// formula guard covers every cell (names come from outside).
import type { KeptDeployment } from '../../core/atlas/migration-report';
import type { ClientReportView } from '../../shared/migration-report-messages';
import { toCsv } from '../dashboard/csv';
import {
  cellsOf,
  deploymentColumns,
  headersOf,
  historyColumns,
  isoText,
  orgColumns,
  planColumns,
} from './report-columns';

export function plansCsv(plans: readonly KeptDeployment[]): string {
  return toCsv(
    headersOf(planColumns),
    plans.map((plan) => cellsOf(planColumns, plan, isoText)),
  );
}

export function reportCsv(report: ClientReportView): string {
  const rows = report.orgs.flatMap(({ org, deployments }) => {
    const orgCells = cellsOf(orgColumns, org, isoText);
    if (deployments.length === 0) return [orgCells];
    return deployments.map((d) => [...orgCells, ...cellsOf(deploymentColumns, d, isoText)]);
  });
  const history = report.history.map((entry) => cellsOf(historyColumns, entry, isoText));
  return toCsv(
    [...headersOf(orgColumns), ...headersOf(deploymentColumns)],
    [...rows, [], headersOf(historyColumns), ...history],
  );
}

const day = (now: Date) => now.toISOString().slice(0, 10);

export const plansFileName = (now: Date) => `atlas-migration-plans-${day(now)}.csv`;

/** The client's name as a file name can hold it. */
export function reportFileName(client: string, now: Date): string {
  const name =
    client
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'client';
  return `atlas-migration-report-${name}-${day(now)}.csv`;
}
