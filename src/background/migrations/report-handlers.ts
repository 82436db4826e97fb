// The hand-over's messages (#34 items 2 and 5): every kept plan, and what one client's report is made of (its orgs'
// rows, its kept deployments, migrations and migration history), which the page turns into the report with core's
// buildClientReport: the worker, which cannot load code later (MV3), carries none of the report's making. Nothing is
// asked of Atlas. The client's orgs are known only while the vault is open, as on the dashboard.
import { profileSide, sameLabel } from '../../core/vault';
import type { HandlersOf } from '../../shared/messages';
import type { ClientReportData, MigrationReportMessages, ReportOrgView } from '../../shared/migration-report-messages';
import { knownRows } from '../dashboard/view';
import { WorkerError } from '../messaging/worker-error';
import { readHistory } from '../orgs/history';
import { readContents } from '../vault/vault-store';
import { keptDeployments } from './migration-plans';
import { migrationsItem } from './migration-store';

async function clientReportData(client: unknown): Promise<ClientReportData> {
  if (typeof client !== 'string' || !client.trim()) {
    throw new WorkerError('invalid-input', { variant: 'client' });
  }
  const [contents, rows, kept, migrations, history] = await Promise.all([
    readContents(),
    knownRows(),
    keptDeployments(),
    migrationsItem.get(),
    readHistory(),
  ]);
  const ofClient = (label: string | undefined) => label !== undefined && sameLabel(label, client);
  const cloudManagerProfiles = new Set(
    contents.profiles.filter((p) => profileSide(p) !== 'atlas' && ofClient(p.label)).map((p) => p.id),
  );
  const atlasOrgName = (id: string | undefined) =>
    contents.profiles.find((p) => profileSide(p) === 'atlas' && p.org?.id === id)?.org?.name;
  const orgs = new Map<string, ReportOrgView>();
  for (const row of rows) {
    if (!row.profileId || !cloudManagerProfiles.has(row.profileId)) continue;
    const { orgId, name, status, statusFrom, checkedAt, error, atlasOrgId, atlasTarget } = row;
    const targetName = atlasOrgName(atlasOrgId);
    orgs.set(orgId, {
      ...{ orgId, name, status, statusFrom, checkedAt, error, atlasOrgId, atlasTarget },
      ...(targetName ? { atlasOrgName: targetName } : {}),
    });
  }
  // An org the client migrated from that is no longer bound to its key pair still belongs in its report.
  const records = Object.values(migrations);
  for (const m of [...kept, ...records]) {
    if (ofClient(m.client) && !orgs.has(m.cloudManagerOrgId)) {
      orgs.set(m.cloudManagerOrgId, { orgId: m.cloudManagerOrgId, ...(m.orgName ? { name: m.orgName } : {}) });
    }
  }
  // Only the client's own: the page never receives another client's orgs, plans, migrations or history.
  const ours = (orgId: string) => orgs.has(orgId);
  return {
    client: client.trim(),
    orgs: [...orgs.values()],
    kept: kept.filter((k) => ours(k.cloudManagerOrgId)),
    migrations: records.filter((m) => ours(m.cloudManagerOrgId)),
    history: history
      .filter((e) => ours(e.orgId) && e.operation.startsWith('migration-'))
      .map(({ time, orgId, orgName, operation, ok, result }) => ({
        time,
        orgId,
        ...(orgName ? { orgName } : {}),
        operation,
        ok,
        result,
      })),
  };
}

export const migrationReportHandlers: HandlersOf<MigrationReportMessages> = {
  'migrations/plans': keptDeployments,
  'migrations/report': ({ client }) => clientReportData(client),
};
