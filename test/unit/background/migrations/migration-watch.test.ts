// The migration watch under Atlas's rate limit (#34), through the real worker, Digest layer and API clients against
// the real sandbox over HTTP: a 429 ends the round at once and no round asks anything until its Retry-After has
// passed (also after the worker restarts), the migrations a cut-short round did not ask are asked first next time,
// and a round still under way is joined, not doubled, when the alarm fires again.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { migrationWorker } from '../../../support/migration-worker';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  vi.stubGlobal(
    'fetch',
    sandboxFetch(() => sb),
  );
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});
beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.alarms.clear();
  sb.clearFaults();
  vi.resetModules();
});

/** The Atlas migration ids the sandbox was asked for (GET of one migration), in the order it saw them. */
const asked = (status?: number) =>
  sb.log
    .filter((e) => e.method === 'GET' && (status === undefined || e.status === status))
    .flatMap((e) => /\/liveMigrations\/([0-9a-f]{24})$/.exec(e.path)?.[1] ?? []);
const RATE_LIMITED = { match: { method: 'GET', pathIncludes: '/liveMigrations/' }, kind: 'rate-limit' as const };

describe('the migration watch under a rate limit', () => {
  it('a 429 ends the round; nothing is asked until its Retry-After passed; the ones left out are asked first', async () => {
    const w = await migrationWorker(sb, 'a passphrase 123');
    const ids = await w.startMigrations(6);
    let time = Date.now() + 1000;
    const now = () => time;

    sb.setFaults([{ ...RATE_LIMITED, retryAfterSeconds: 60 }]);
    sb.clearLog();
    const first = await w.watch.watchRound(now);
    // Only the calls already in flight when the first 429 came: the round did not wait out the minute.
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(w.watch.WATCH_CONCURRENCY);
    expect(sb.log.map((e) => e.status)).toEqual(Array(first).fill(429));
    const leftOut = ids.filter((id) => !asked().includes(id));

    // 30 s later, and after a worker restart (fresh modules, storage kept): still waiting, nothing sent.
    sb.clearFaults();
    sb.clearLog();
    time += 30_000;
    expect(await w.watch.watchRound(now)).toBe(0);
    vi.resetModules();
    const restarted = await import('../../../../src/background/migrations/migration-watch');
    expect(await restarted.watchRound(now)).toBe(0);
    expect(sb.log).toEqual([]);

    // Past the wait, and refused again: the ones the first round left out are among the first asked.
    time += 31_000;
    sb.setFaults([{ ...RATE_LIMITED, retryAfterSeconds: 60 }]);
    await restarted.watchRound(now);
    expect(asked()).toEqual(expect.arrayContaining(leftOut));

    // And once Atlas answers again, every running migration is asked once.
    sb.clearFaults();
    sb.clearLog();
    time += 61_000;
    expect(await restarted.watchRound(now)).toBe(6);
    // (A Digest re-challenge after the restart may repeat a GET unsigned-then-signed: the answers are what count.)
    expect(asked(200).sort()).toEqual([...ids].sort());
    expect(sb.log.filter((e) => e.status === 429)).toEqual([]);
  });

  it('a round still under way is joined when the alarm fires again: one GET per running migration', async () => {
    const w = await migrationWorker(sb, 'a passphrase 123');
    await w.startMigrations(3);
    sb.clearLog();
    expect(await Promise.all([w.watch.watchRound(), w.watch.watchRound()])).toEqual([3, 3]);
    expect(asked()).toHaveLength(3);
  });
});
