// What the worker keeps of the migration cockpit in storage.local: each plan's last validation (by plan key) and
// every migration it started, as last seen. Ids, names and statuses only: a source credential is never kept.
import type { MigrationRecord, ValidationView } from '../../shared/migration-messages';
import { item } from '../storage/item';
import { tableOf } from '../storage/items';

export type StoredValidation = ValidationView & { atlasProjectId: string };

export const validationsItem = item<Record<string, StoredValidation>>('migrationValidations', {
  fallback: {},
  read: tableOf((v) => typeof v.id === 'string' && typeof v.atlasProjectId === 'string'),
});

export const migrationsItem = item<Record<string, MigrationRecord>>('migrations', {
  fallback: {},
  read: tableOf((m) => typeof m.id === 'string' && typeof m.status === 'string'),
});

/** A status after which Atlas does nothing more with the migration (the watch stops asking). */
export const isSettled = (record: Pick<MigrationRecord, 'status'>) =>
  record.status === 'COMPLETE' || record.status === 'FAILED' || record.status === 'EXPIRED';

export async function saveMigration(record: MigrationRecord): Promise<MigrationRecord> {
  await migrationsItem.update((all) => ({ ...all, [record.id]: record }));
  return record;
}
