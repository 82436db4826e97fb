// Runs one async task per item with bounded concurrency, slowing down on 429 (see pacer.ts) and retrying a
// rate-limited item a bounded number of times. A failing item never stops the others; cancel stops new starts
// and lets calls already in flight finish. Pure: timers and the clock are the only outside things it touches.
import { Pacer } from './pacer';

export interface RateLimitSignal {
  retryAfterSeconds?: number;
}

export type BulkEvent<T, R> =
  | { type: 'start'; item: T; attempt: number }
  | { type: 'success'; item: T; value: R }
  | { type: 'failure'; item: T; error: unknown }
  /** The item was answered 429; it is retried after the pause unless `retrying` is false. */
  | { type: 'rate-limited'; item: T; pauseMs: number; retrying: boolean; error: unknown }
  | { type: 'skipped'; item: T };

export interface BulkOptions<T, R> {
  /** Most calls in flight at once; 4 by default. */
  concurrency?: number;
  /** Tells a rate-limited failure (and its Retry-After) from any other; by default nothing is one. */
  rateLimitOf?: (error: unknown) => RateLimitSignal | undefined;
  /** Retries per item after a 429 before it is recorded as failed; 3 by default. */
  maxRateLimitRetries?: number;
  rampUpAfter?: number;
  basePauseMs?: number;
  maxPauseMs?: number;
  onEvent?: (event: BulkEvent<T, R>) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BulkProgress {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  running: number;
  queued: number;
  /** The concurrency allowed right now (lower than `maxConcurrency` after a 429). */
  concurrency: number;
  maxConcurrency: number;
  /** Epoch ms until which no call starts, when paused after a 429. */
  pausedUntil?: number;
  /** How many 429 answers were seen. */
  rateLimited: number;
  cancelled: boolean;
  finished: boolean;
}

export interface BulkRun {
  readonly done: Promise<BulkProgress>;
  cancel(): void;
  progress(): BulkProgress;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_RATE_LIMIT_RETRIES = 3;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Entry<T> {
  item: T;
  attempts: number;
  rateRetries: number;
}

export function runBulk<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  options: BulkOptions<T, R> = {},
): BulkRun {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const emit = options.onEvent ?? (() => undefined);
  const rateLimitOf = options.rateLimitOf ?? (() => undefined);
  const maxRetries = Math.max(0, options.maxRateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES);
  const pacer = new Pacer({
    max: options.concurrency ?? DEFAULT_CONCURRENCY,
    rampUpAfter: options.rampUpAfter,
    basePauseMs: options.basePauseMs,
    maxPauseMs: options.maxPauseMs,
    now,
  });

  const queue: Entry<T>[] = items.map((item) => ({ item, attempts: 0, rateRetries: 0 }));
  const counts = { succeeded: 0, failed: 0, skipped: 0, running: 0, rateLimited: 0 };
  let cancelled = false;
  let finished = false;

  // Lanes wait for "something changed" (a call ended, the limit rose, cancel) or for a pause to end.
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const nextChange = (timeoutMs?: number) =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
      if (timeoutMs !== undefined) sleep(timeoutMs).then(resolve);
    });

  const progress = (): BulkProgress => {
    const paused = pacer.pausedUntil > now();
    return {
      total: items.length,
      ...counts,
      queued: queue.length,
      concurrency: pacer.limit,
      maxConcurrency: pacer.max,
      pausedUntil: paused && !finished ? pacer.pausedUntil : undefined,
      cancelled,
      finished,
    };
  };

  async function attempt(entry: Entry<T>): Promise<void> {
    entry.attempts += 1;
    const startedAt = now();
    emit({ type: 'start', item: entry.item, attempt: entry.attempts });
    let outcome: { ok: true; value: R } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await task(entry.item) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (outcome.ok) {
      pacer.onAnswered();
      counts.succeeded += 1;
      emit({ type: 'success', item: entry.item, value: outcome.value });
      return;
    }
    const { error } = outcome;
    const signal = rateLimitOf(error);
    if (!signal) {
      pacer.onAnswered();
      counts.failed += 1;
      emit({ type: 'failure', item: entry.item, error });
      return;
    }
    counts.rateLimited += 1;
    const pauseMs = pacer.onRateLimited(signal.retryAfterSeconds, startedAt);
    const retrying = entry.rateRetries < maxRetries && !cancelled;
    emit({ type: 'rate-limited', item: entry.item, pauseMs, retrying, error });
    if (retrying) {
      entry.rateRetries += 1;
      queue.unshift(entry); // first in line once the pause ends: it has waited longest
    } else {
      counts.failed += 1;
      emit({ type: 'failure', item: entry.item, error });
    }
  }

  async function lane(index: number): Promise<void> {
    for (;;) {
      if (cancelled) return;
      if (queue.length === 0) {
        // A call still in flight may put its item back after a 429: stay until nothing can come back.
        if (counts.running === 0) return;
        await nextChange();
        continue;
      }
      const wait = pacer.pausedUntil - now();
      if (wait > 0) {
        await nextChange(wait);
        continue;
      }
      if (index >= pacer.limit) {
        await nextChange();
        continue;
      }
      const entry = queue.shift()!;
      counts.running += 1;
      try {
        await attempt(entry);
      } finally {
        counts.running -= 1;
        wake();
      }
    }
  }

  const done = (async () => {
    await Promise.all(Array.from({ length: pacer.max }, (_, index) => lane(index)));
    for (const entry of queue.splice(0)) {
      counts.skipped += 1;
      emit({ type: 'skipped', item: entry.item });
    }
    finished = true;
    return progress();
  })();

  return {
    done,
    cancel() {
      if (cancelled || finished) return;
      cancelled = true;
      wake();
    },
    progress,
  };
}
