// Which running migration the watch asks first: the one asked longest ago. A round that a 429 cuts short then
// leaves the same ones unasked only once: the next round starts with them, so no migration goes unwatched for long.
import type { MigrationRecord } from '../../shared/migration-messages';

/** The records, least recently checked first (ties keep their order). */
export function askingOrder<T extends Pick<MigrationRecord, 'checkedAt'>>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.checkedAt - b.checkedAt);
}
