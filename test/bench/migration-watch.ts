// "Watch 50 running migrations" (#34, Measured): the worker's own watch (src/background/migrations/migration-watch.ts,
// checkMigration, the Digest layer and the Atlas client, unchanged) against the sandbox with 100 ms added per request,
// counting what the sandbox receives per minute. The worker runs in Node on the unit tests' fake browser (given to
// webextension-polyfill as globalThis.browser, which it then passes through); its migrations are started through its
// own messages (test/support/migration-worker.ts). Time is simulated: each minute moves the sandbox's migration clock
// and the watch's clock by 60 s and fires the watch's alarm when its period is due, as the worker's entry does
// (src/background/index.ts). All 50 run into one Atlas project under one Atlas key pair: whatever Atlas's scope
// (project, org or key), one bucket gets every GET, the worst case. The sandbox runs in this process: only request
// counts are measured, never time, so sharing the event loop changes nothing (sandbox-process.ts is for timings).
import type { FakeBrowser } from '../support/fake-browser.ts';

/**
 * The Atlas budget the watch's GETs are held against. MongoDB publishes no rate limit for
 * `GET /api/atlas/v2/groups/{groupId}/liveMigrations/{liveMigrationId}` (getPushMigration): its rate-limiting page
 * (https://www.mongodb.com/docs/atlas/api/api-rate-limit/) says limits vary per endpoint set and scope and are read
 * from `GET /api/atlas/v2/rateLimits`. The closest published figure is the bucket Atlas's own service names on the
 * v2 org routes, `RateLimit-Limit: 500`, recorded in MongoDB's Atlas CLI tests
 * (https://github.com/mongodb/mongodb-atlas-cli, test/e2e/atlas/iam/atlasorgs/testdata/.snapshots/TestAtlasOrgs/
 * Describe/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_1.snaphost, and the linkTokens POST and DELETE beside it):
 * a token bucket of 500 requests, its refill not published, read here as 500 a minute (docs/figures.md).
 */
export const ATLAS_BUDGET_PER_MINUTE = 500;

export interface WatchFigures {
  migrations: number;
  latency_ms: number;
  /** The watch's alarm period, as the worker set it. */
  period_minutes: number;
  minutes: number;
  /** Requests the sandbox received in each simulated minute (Digest challenges included). */
  per_minute: number[];
  /** The busiest minute: the figure held against the budget. */
  requests_per_minute: number;
  budget_per_minute: number;
  /** What the budget leaves for the user's own clicks in the busiest minute. */
  headroom: number;
  /** After every migration ended: requests in each of the following minutes, the watch fired every minute anyway. */
  idle_per_minute: number[];
  /** Whether the watch's alarm is still set once nothing runs. */
  idle_alarm_set: boolean;
}

const MINUTE = 60_000;

export async function benchMigrationWatch(
  options: { migrations?: number; minutes?: number; latencyMs?: number } = {},
): Promise<WatchFigures> {
  const migrations = options.migrations ?? 50;
  const minutes = options.minutes ?? 5;
  const latency = options.latencyMs ?? 100;
  // The browser seam first: webextension-polyfill hands a present globalThis.browser through unchanged.
  const { createFakeBrowser } = await import('../support/fake-browser.ts');
  const fake: FakeBrowser = createFakeBrowser();
  const global = globalThis as Record<string, unknown>;
  const { fetch: realFetch } = globalThis;
  global.chrome = { runtime: { id: fake.browser.runtime.id } };
  global.browser = fake.browser;
  const { startSandbox } = await import('../../sandbox/server.ts');
  const { MIGRATION_TIMELINE } = await import('../../sandbox/migration-store.ts');
  const { sandboxFetch } = await import('../support/sandbox-fetch.ts');
  const { migrationWorker } = await import('../support/migration-worker.ts');
  const sb = await startSandbox({ httpsPort: 0, httpPort: 0, latencyMs: 0, noncesOnMigrationClock: true });
  globalThis.fetch = sandboxFetch(() => sb);
  try {
    const w = await migrationWorker(sb, 'bench passphrase 34');
    await w.startMigrations(migrations);
    const alarm = (await fake.browser.alarms.get(w.watch.MIGRATION_WATCH_ALARM)) as { periodInMinutes: number };
    const period = alarm.periodInMinutes;
    sb.setLatency(latency);
    let time = Date.now();
    const now = () => time;

    /** One simulated minute: both clocks move, the alarm fires if due (or always, when `fire` says so). */
    const minute = async (index: number, fire: (due: boolean) => boolean) => {
      time += MINUTE;
      sb.advanceClock(MINUTE);
      const before = sb.log.length;
      const set = (await fake.browser.alarms.get(w.watch.MIGRATION_WATCH_ALARM)) !== undefined;
      if (fire(set && index % period === 0)) await w.watch.watchRound(now);
      return sb.log.length - before;
    };

    const perMinute: number[] = [];
    for (let m = 1; m <= minutes; m++) perMinute.push(await minute(m, (due) => due));
    const busiest = Math.max(...perMinute);

    // Every migration past its 120-hour cutover window: the next round learns they expired and clears the alarm.
    time += MIGRATION_TIMELINE.cutoverWindowMs;
    sb.advanceClock(MIGRATION_TIMELINE.cutoverWindowMs);
    await w.watch.watchRound(now);
    const idle: number[] = [];
    for (let m = 1; m <= 3; m++) idle.push(await minute(m, () => true));
    return {
      migrations,
      latency_ms: latency,
      period_minutes: period,
      minutes,
      per_minute: perMinute,
      requests_per_minute: busiest,
      budget_per_minute: ATLAS_BUDGET_PER_MINUTE,
      headroom: ATLAS_BUDGET_PER_MINUTE - busiest,
      idle_per_minute: idle,
      idle_alarm_set: (await fake.browser.alarms.get(w.watch.MIGRATION_WATCH_ALARM)) !== undefined,
    };
  } finally {
    globalThis.fetch = realFetch;
    delete global.browser;
    delete global.chrome;
    await sb.close();
  }
}
