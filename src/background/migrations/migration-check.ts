// One migration asked of Atlas now, with the Atlas key pair of the client that started it (the org's target may
// have changed since): the record keeps the answer, or the failure beside its last known status. The first answer
// that says readyForCutover starts the 120-hour window's clock (Atlas does not give its start).
import type { LiveMigration } from '../../core/atlas';
import type { MigrationRecord } from '../../shared/migration-messages';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { paintOrgTabs } from '../orgs/badge';
import { atlasMigrationApiFor } from './migration-api';
import { migrationSource } from './migration-source';
import { migrationsItem, saveMigration } from './migration-store';

/** The record with Atlas's answer of `now`. */
export function withAnswer(record: MigrationRecord, answer: LiveMigration, now: number): MigrationRecord {
  const { error: _dropped, lagTimeSeconds: _old, ...rest } = record;
  const readySince = record.readySince ?? (answer.readyForCutover ? now : undefined);
  return {
    ...rest,
    status: answer.status,
    readyForCutover: answer.readyForCutover,
    ...(answer.lagTimeSeconds === undefined ? {} : { lagTimeSeconds: answer.lagTimeSeconds }),
    ...(readySince === undefined ? {} : { readySince }),
    checkedAt: now,
  };
}

export async function storedMigration(migrationId: unknown): Promise<MigrationRecord> {
  const record = typeof migrationId === 'string' ? (await migrationsItem.get())[migrationId] : undefined;
  if (!record) throw new WorkerError('invalid-input', { variant: 'migration' });
  return record;
}

/** The org's tabs show its migration on the toolbar badge: repainted after each answer (a closed tab is no error). */
export const repaintOrg = (record: MigrationRecord) => paintOrgTabs(record.cloudManagerOrgId).catch(() => undefined);

/** Asks Atlas for the migration and keeps the answer; a failure is kept on the record and thrown. */
export async function checkMigration(record: MigrationRecord, now = Date.now): Promise<MigrationRecord> {
  try {
    const { atlas } = await migrationSource(record.cloudManagerOrgId, record.atlasOrgId);
    const answer = await atlasMigrationApiFor(atlas).migration(record.atlasProjectId, record.id);
    const saved = await saveMigration(withAnswer(record, answer, now()));
    await repaintOrg(saved);
    return saved;
  } catch (error) {
    await saveMigration({ ...record, error: toErrorView(error), checkedAt: now() });
    throw error;
  }
}
