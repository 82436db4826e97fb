// The watch: while a migration the extension started still runs, an alarm asks Atlas for each one once a minute
// (4 at a time, the one asked longest ago first); when none runs the alarm is cleared and nothing is sent. With the
// vault locked a round sends nothing either. One round at a time: a round still under way when the alarm fires again
// is not doubled. A 429 ends the round at once (the calls in flight finish) and no round asks anything until the
// wait Atlas named is over, kept in storage.session so a restarted worker waits too. 50 running migrations make 50
// GETs a minute (npm run bench).
import { cloudManagerRateLimit, runBulk } from '../../core/bulk';
import { item } from '../storage/item';
import { readContents } from '../vault/vault-store';
import { checkMigration } from './migration-check';
import { followRunning, runningMigrations } from './migration-follow';
import { askingOrder } from './watch-order';

export { followRunning, MIGRATION_WATCH_ALARM, runningMigrations, WATCH_PERIOD_MINUTES } from './migration-follow';
export const WATCH_CONCURRENCY = 4;
/** The longest wait a 429 can impose on the watch: a Retry-After beyond it is taken as this. */
export const WATCH_LONGEST_PAUSE_MS = 3_600_000;

/** Until when (epoch ms) the watch sends nothing: a 429's Retry-After, or Atlas's advised first wait without one. */
export const watchPauseItem = item<{ until: number }>('migrationWatch', {
  fallback: { until: 0 },
  read: (s) => (typeof (s as { until?: unknown })?.until === 'number' ? (s as { until: number }) : undefined),
});

let roundUnderWay: Promise<number> | undefined;

/**
 * One round: every running migration asked once (a locked vault, or a wait Atlas asked for: none). Answers how many
 * were asked. A call while a round is under way joins that round.
 */
export function watchRound(now: () => number = Date.now): Promise<number> {
  roundUnderWay ??= askRunning(now).finally(() => {
    roundUnderWay = undefined;
  });
  return roundUnderWay;
}

async function askRunning(now: () => number): Promise<number> {
  const running = await runningMigrations();
  if (running.length === 0) {
    await followRunning();
    return 0;
  }
  if ((await watchPauseItem.get()).until > now()) return 0;
  try {
    await readContents();
  } catch {
    return 0; // locked: the next round after an unlock asks again
  }
  let pauseMs = 0;
  const run = runBulk(askingOrder(running), (record) => checkMigration(record, now), {
    concurrency: WATCH_CONCURRENCY,
    rateLimitOf: cloudManagerRateLimit,
    maxRateLimitRetries: 0,
    maxPauseMs: WATCH_LONGEST_PAUSE_MS,
    now,
    onEvent: (event) => {
      if (event.type !== 'rate-limited') return;
      pauseMs = Math.max(pauseMs, event.pauseMs);
      run.cancel();
    },
  });
  const progress = await run.done;
  if (pauseMs > 0) await watchPauseItem.set({ until: now() + pauseMs });
  await followRunning();
  return progress.succeeded + progress.failed;
}
