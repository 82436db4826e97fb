// The hand-over's data as the page reads it: the kept plans in the export's order, and a client's report built here
// by core's buildClientReport from what the worker keeps, as of the page's own clock.
import { buildClientReport, keptPlans } from '../../core/atlas/migration-report';
import type { ClientReportView } from '../../shared/migration-report-messages';
import { send } from '../../shared/send';

export const readPlans = async () => keptPlans(await send('migrations/plans', {}));

export async function readClientReport(client: string): Promise<ClientReportView> {
  return buildClientReport(await send('migrations/report', { client }), Date.now());
}
