// Whether the watch's alarm should run: set while a migration the extension started still runs, cleared when none
// does. Apart from the watch itself (migration-watch.ts) because the worker's start asks it every time, and the
// watch's round is loaded only when its alarm first fires (background/extras.ts).
import type { MigrationRecord } from '../../shared/migration-messages';
import { browser } from '../platform/browser';
import { isSettled, migrationsItem } from './migration-store';

export const MIGRATION_WATCH_ALARM = 'migrations-watch';
/** Once a minute: the lag moves in minutes, and 50 migrations stay far below Atlas's per-minute limits. */
export const WATCH_PERIOD_MINUTES = 1;

export async function runningMigrations(): Promise<MigrationRecord[]> {
  return Object.values(await migrationsItem.get()).filter((record) => !isSettled(record));
}

/** Sets the alarm while something runs and clears it when nothing does (no request either way). */
export async function followRunning(): Promise<boolean> {
  const running = (await runningMigrations()).length > 0;
  if (!running) await browser.alarms.clear(MIGRATION_WATCH_ALARM);
  else if (!(await browser.alarms.get(MIGRATION_WATCH_ALARM))) {
    await browser.alarms.create(MIGRATION_WATCH_ALARM, { periodInMinutes: WATCH_PERIOD_MINUTES });
  }
  return running;
}
