import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BulkEvent, cloudManagerRateLimit, runBulk } from '../../../../src/core/bulk';
import { CloudManagerError } from '../../../../src/core/cloudmanager';

const CALL_MS = 100;

/** A fake server: each call takes CALL_MS; `answer` decides per item and attempt whether it fails. */
function fakeServer(answer: (item: number, attempt: number) => Error | undefined = () => undefined) {
  const attempts = new Map<number, number>();
  const starts: { item: number; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const task = async (item: number) => {
    const attempt = (attempts.get(item) ?? 0) + 1;
    attempts.set(item, attempt);
    starts.push({ item, at: Date.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, CALL_MS));
      const error = answer(item, attempt);
      if (error) throw error;
      return `status of ${item}`;
    } finally {
      inFlight -= 1;
    }
  };
  return {
    task,
    starts,
    attempts,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

const rateLimited = (seconds?: number) => new CloudManagerError('rate-limited', { retryAfterSeconds: seconds });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runBulk', () => {
  it('keeps at most 4 calls in flight by default and finishes every item', async () => {
    const server = fakeServer();
    const run = runBulk(range(50), server.task);
    await vi.runAllTimersAsync();
    const summary = await run.done;
    expect(server.maxInFlight).toBe(4);
    expect(summary).toMatchObject({ total: 50, succeeded: 50, failed: 0, skipped: 0, finished: true });
    // 50 calls four at a time: 13 rounds of one call each, not 50.
    expect(Date.now() - 1_000_000).toBe(13 * CALL_MS);
  });

  it('honours a configured concurrency', async () => {
    const server = fakeServer();
    const run = runBulk(range(10), server.task, { concurrency: 2 });
    await vi.runAllTimersAsync();
    await run.done;
    expect(server.maxInFlight).toBe(2);
  });

  it('records a failing item and carries on with the rest', async () => {
    const server = fakeServer((item) => (item % 5 === 0 ? new CloudManagerError('bad-credentials') : undefined));
    const events: BulkEvent<number, string>[] = [];
    const run = runBulk(range(20), server.task, { onEvent: (e) => events.push(e) });
    await vi.runAllTimersAsync();
    const summary = await run.done;
    expect(summary).toMatchObject({ succeeded: 16, failed: 4 });
    const failed = events.filter((e) => e.type === 'failure').map((e) => e.item);
    expect(failed.sort((a, b) => a - b)).toEqual([0, 5, 10, 15]);
    // A plain failure is never retried.
    expect(server.attempts.get(5)).toBe(1);
  });

  it('on 429 drops to one call at a time, pauses every lane for Retry-After, retries the item, then ramps up', async () => {
    // Item 6's first attempt is refused with Retry-After: 3.
    const server = fakeServer((item, attempt) => (item === 6 && attempt === 1 ? rateLimited(3) : undefined));
    const events: BulkEvent<number, string>[] = [];
    const run = runBulk(range(40), server.task, { rateLimitOf: cloudManagerRateLimit, onEvent: (e) => events.push(e) });
    const limits: number[] = [];
    // Sample the progress every 50 ms of fake time.
    for (let i = 0; i < 200 && !run.progress().finished; i++) {
      await vi.advanceTimersByTimeAsync(50);
      limits.push(run.progress().concurrency);
    }
    const summary = await run.done;

    const refusal = events.find((e) => e.type === 'rate-limited');
    expect(refusal).toMatchObject({ item: 6, retrying: true, pauseMs: 3000 });
    // Item 6 started in round 2 (t = 100 ms) and was refused at t = 200 ms: nothing starts in the next 3 s.
    const refusedAt = 1_000_000 + 2 * CALL_MS;
    const startsInPause = server.starts.filter((s) => s.at > refusedAt && s.at < refusedAt + 3000);
    expect(startsInPause).toEqual([]);
    // The refused item goes first after the pause, and succeeds.
    expect(server.starts.find((s) => s.at >= refusedAt + 3000)?.item).toBe(6);
    expect(server.attempts.get(6)).toBe(2);
    expect(summary).toMatchObject({ succeeded: 40, failed: 0, rateLimited: 1 });
    // Down to 1, then back up to 4 before the end.
    expect(Math.min(...limits)).toBe(1);
    expect(limits.at(-1)).toBe(4);
    expect(limits.indexOf(4, limits.indexOf(1))).toBeGreaterThan(limits.indexOf(1));
  });

  it('gives up on an item after the bounded number of 429 retries without stopping the others', async () => {
    const server = fakeServer((item) => (item === 2 ? rateLimited(1) : undefined));
    const events: BulkEvent<number, string>[] = [];
    const run = runBulk(range(8), server.task, {
      rateLimitOf: cloudManagerRateLimit,
      maxRateLimitRetries: 2,
      onEvent: (e) => events.push(e),
    });
    await vi.runAllTimersAsync();
    const summary = await run.done;
    expect(server.attempts.get(2)).toBe(3);
    expect(summary).toMatchObject({ succeeded: 7, failed: 1, rateLimited: 3 });
    const failure = events.find((e) => e.type === 'failure');
    expect(failure?.item).toBe(2);
    expect((failure as { error: CloudManagerError }).error.kind).toBe('rate-limited');
  });

  it('counts 429s of calls already in flight as one episode: no doubled pause without Retry-After', async () => {
    // All four calls of the first round are refused, with no Retry-After.
    const server = fakeServer((item, attempt) => (item < 4 && attempt === 1 ? rateLimited() : undefined));
    const events: BulkEvent<number, string>[] = [];
    const run = runBulk(range(4), server.task, {
      rateLimitOf: cloudManagerRateLimit,
      basePauseMs: 1000,
      onEvent: (e) => events.push(e),
    });
    await vi.runAllTimersAsync();
    await run.done;
    const pauses = events.filter((e) => e.type === 'rate-limited').map((e) => (e as { pauseMs: number }).pauseMs);
    expect(pauses).toEqual([1000, 1000, 1000, 1000]);
    const retries = server.starts.slice(4);
    expect(retries[0]!.at - 1_000_000).toBe(CALL_MS + 1000);
  });

  it('cancel stops new calls, lets calls in flight finish and reports the rest as skipped', async () => {
    const server = fakeServer();
    const events: BulkEvent<number, string>[] = [];
    const run = runBulk(range(30), server.task, { onEvent: (e) => events.push(e) });
    await vi.advanceTimersByTimeAsync(CALL_MS * 2 + 10); // two rounds done, the third in flight
    expect(server.inFlight).toBe(4);
    run.cancel();
    expect(run.progress()).toMatchObject({ cancelled: true, running: 4, finished: false });
    await vi.runAllTimersAsync();
    const summary = await run.done;
    expect(summary).toMatchObject({ succeeded: 12, skipped: 18, failed: 0, cancelled: true, finished: true });
    expect(server.starts).toHaveLength(12);
    expect(events.filter((e) => e.type === 'skipped')).toHaveLength(18);
  });

  it('cancel during a 429 pause ends the run at once', async () => {
    const server = fakeServer((item, attempt) => (item === 0 && attempt === 1 ? rateLimited(60) : undefined));
    const run = runBulk(range(10), server.task, { rateLimitOf: cloudManagerRateLimit });
    await vi.advanceTimersByTimeAsync(CALL_MS + 10);
    expect(run.progress().pausedUntil).toBe(1_000_000 + CALL_MS + 60_000);
    run.cancel();
    await vi.advanceTimersByTimeAsync(0);
    const summary = await run.done;
    expect(Date.now() - 1_000_000).toBeLessThan(1000);
    expect(summary).toMatchObject({ succeeded: 3, skipped: 7, cancelled: true });
    expect(summary.pausedUntil).toBeUndefined();
  });

  it('finishes at once with nothing to do', async () => {
    const summary = await runBulk([], async () => 1).done;
    expect(summary).toMatchObject({ total: 0, finished: true });
  });
});

describe('cloudManagerRateLimit', () => {
  it('reads the Retry-After of a 429 and ignores other errors', () => {
    expect(cloudManagerRateLimit(rateLimited(7))).toEqual({ retryAfterSeconds: 7 });
    expect(cloudManagerRateLimit(rateLimited())).toEqual({});
    expect(cloudManagerRateLimit({ kind: 'rate-limited', params: { seconds: '5' } })).toEqual({ retryAfterSeconds: 5 });
    expect(cloudManagerRateLimit(new CloudManagerError('server-error'))).toBeUndefined();
    expect(cloudManagerRateLimit(new Error('rate-limited'))).toBeUndefined();
    expect(cloudManagerRateLimit(undefined)).toBeUndefined();
  });
});
