// The watch: while a migration the extension started still runs, an alarm asks Atlas for each one once a minute
// (4 at a time, waiting as a 429 asks); when none runs the alarm is cleared and nothing is sent. With the vault
// locked a round sends nothing either. 50 running migrations make 50 GETs a minute (npm run bench).
import { cloudManagerRateLimit, runBulk } from '../../core/bulk';
import type { MigrationRecord } from '../../shared/migration-messages';
import { browser } from '../platform/browser';
import { readContents } from '../vault/vault-store';
import { checkMigration } from './migration-check';
import { isSettled, migrationsItem } from './migration-store';

export const MIGRATION_WATCH_ALARM = 'migrations-watch';
/** Once a minute: the lag moves in minutes, and 50 migrations stay far below Atlas's per-minute limits. */
export const WATCH_PERIOD_MINUTES = 1;
export const WATCH_CONCURRENCY = 4;

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

/** One round: every running migration asked once (a locked vault: none). Answers how many were asked. */
export async function watchRound(): Promise<number> {
  const running = await runningMigrations();
  if (running.length === 0) {
    await followRunning();
    return 0;
  }
  try {
    await readContents();
  } catch {
    return 0; // locked: the next round after an unlock asks again
  }
  const run = runBulk(running, (record) => checkMigration(record), {
    concurrency: WATCH_CONCURRENCY,
    rateLimitOf: cloudManagerRateLimit,
    maxRateLimitRetries: 1,
  });
  const progress = await run.done;
  await followRunning();
  return progress.succeeded + progress.failed;
}
