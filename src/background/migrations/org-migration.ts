// The migration a Cloud Manager org's badges show (the dashboard row, the popup, the toolbar): of the migrations the
// extension started from that org, the most pressing one (core/atlas/migration-glance), with the fields a page needs
// to word it at its own time. Read from storage only: no call.
import { type MigrationGlanceFields, mostPressingMigration } from '../../core/atlas/migration-glance';
import type { MigrationRecord } from '../../shared/migration-messages';
import { migrationsItem } from './migration-store';

export type OrgMigration = MigrationGlanceFields & { others: number };

const fieldsOf = (m: MigrationRecord, others: number): OrgMigration => ({
  id: m.id,
  status: m.status,
  readyForCutover: m.readyForCutover,
  startedAt: m.startedAt,
  ...(m.lagTimeSeconds === undefined ? {} : { lagTimeSeconds: m.lagTimeSeconds }),
  ...(m.readySince === undefined ? {} : { readySince: m.readySince }),
  ...(m.cutoverAt === undefined ? {} : { cutoverAt: m.cutoverAt }),
  others,
});

/** Each org's badge migration, by Cloud Manager org id. */
export async function orgMigrations(now = Date.now()): Promise<Map<string, OrgMigration>> {
  const byOrg = new Map<string, MigrationRecord[]>();
  for (const m of Object.values(await migrationsItem.get())) {
    byOrg.set(m.cloudManagerOrgId, [...(byOrg.get(m.cloudManagerOrgId) ?? []), m]);
  }
  const shown = new Map<string, OrgMigration>();
  for (const [orgId, records] of byOrg) {
    const pressing = mostPressingMigration(records, now);
    if (pressing) shown.set(orgId, fieldsOf(pressing.record, pressing.others));
  }
  return shown;
}

export async function orgMigration(orgId: string, now = Date.now()): Promise<OrgMigration | undefined> {
  return (await orgMigrations(now)).get(orgId);
}
