// Everything the dashboard shows, in one answer: vault state, public profiles, one row per known org, the
// refresh concurrency to offer, and the current refresh run. Clients are known only while the vault is open.
import { publicProfile } from '../../core/vault';
import type { DashboardRow, DashboardView } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { type OrgMigration, orgMigrations } from '../migrations/org-migration';
import { readHistory } from '../orgs/history';
import { allOrgStatuses } from '../orgs/org-state';
import { readContents, vaultState } from '../vault/vault-store';
import { refreshProgress } from './refresh-run';
import { readConcurrency } from './refresh-store';
import { buildDashboardRows } from './rows';

async function openProfiles(): Promise<{ vault: DashboardView['vault']; profiles: ProfileView[] }> {
  const vault = await vaultState();
  if (vault !== 'unlocked') return { vault, profiles: [] };
  return { vault, profiles: (await readContents()).profiles.map(publicProfile) };
}

/** The rows with each org's migration badge. */
function withMigrations(rows: DashboardRow[], migrations: Map<string, OrgMigration>): DashboardRow[] {
  return rows.map((row) => {
    const migration = migrations.get(row.orgId);
    return migration ? { ...row, migration } : row;
  });
}

export async function knownRows(): Promise<DashboardRow[]> {
  const [{ profiles }, statuses, history] = await Promise.all([openProfiles(), allOrgStatuses(), readHistory()]);
  return buildDashboardRows(profiles, statuses, history);
}

export async function dashboardView(): Promise<DashboardView> {
  const [{ vault, profiles }, statuses, history, concurrency, progress, migrations] = await Promise.all([
    openProfiles(),
    allOrgStatuses(),
    readHistory(),
    readConcurrency(),
    refreshProgress(),
    orgMigrations(),
  ]);
  return {
    vault,
    profiles,
    rows: withMigrations(buildDashboardRows(profiles, statuses, history), migrations),
    concurrency,
    refresh: progress ?? undefined,
  };
}
