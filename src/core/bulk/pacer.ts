// How fast a bulk run may go right now: a concurrency limit that drops to 1 and a pause for every lane when the
// server says 429, then climbs back one step at a time after successes (additive increase, sharp decrease).

export interface PacerOptions {
  /** The configured concurrency: the limit never goes above it. */
  max: number;
  /** Successes at the current limit before it rises by one. */
  rampUpAfter?: number;
  /** Pause when a 429 carries no Retry-After; doubles for each further 429 in a row. */
  basePauseMs?: number;
  /** No pause is longer than this, whatever the server asks. */
  maxPauseMs?: number;
  now?: () => number;
}

// Atlas's rate-limiting page advises backing off 10 s, 20 s, 40 s when the server names no wait.
export const DEFAULT_BASE_PAUSE_MS = 10_000;
export const DEFAULT_MAX_PAUSE_MS = 120_000;
export const DEFAULT_RAMP_UP_AFTER = 4;

export class Pacer {
  readonly max: number;
  private readonly rampUpAfter: number;
  private readonly basePauseMs: number;
  private readonly maxPauseMs: number;
  private readonly now: () => number;
  private currentLimit: number;
  private pauseEnd = 0;
  private pauseStartedAt = Number.NEGATIVE_INFINITY;
  private streak = 0;
  private successes = 0;

  constructor(options: PacerOptions) {
    this.max = Math.max(1, Math.floor(options.max));
    this.rampUpAfter = Math.max(1, options.rampUpAfter ?? DEFAULT_RAMP_UP_AFTER);
    this.basePauseMs = Math.max(0, options.basePauseMs ?? DEFAULT_BASE_PAUSE_MS);
    this.maxPauseMs = Math.max(0, options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS);
    this.now = options.now ?? Date.now;
    this.currentLimit = this.max;
  }

  /** How many calls may be in flight now. */
  get limit(): number {
    return this.currentLimit;
  }

  /** Until when (epoch ms) no lane may start a call; in the past when not paused. */
  get pausedUntil(): number {
    return this.pauseEnd;
  }

  /**
   * A call that started at `startedAt` was answered 429. Returns the pause in ms from now.
   * Calls already in flight when a pause began answer 429 too: they belong to the same episode, so they may lengthen
   * the pause to their own Retry-After but do not count as a further 429 in a row.
   */
  onRateLimited(retryAfterSeconds: number | undefined, startedAt: number): number {
    const now = this.now();
    const sameEpisode = startedAt < this.pauseStartedAt;
    if (!sameEpisode) {
      this.streak += 1;
      this.pauseStartedAt = now;
    }
    const told = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0;
    // Without Retry-After, the episode's first 429 decides the pause; later ones in it only confirm it.
    if (told || !sameEpisode) {
      const asked = told ? retryAfterSeconds * 1000 : this.basePauseMs * 2 ** (this.streak - 1);
      this.pauseEnd = Math.max(this.pauseEnd, now + Math.min(asked, this.maxPauseMs));
    }
    this.currentLimit = 1;
    this.successes = 0;
    return Math.max(0, this.pauseEnd - now);
  }

  /** A call succeeded (or failed for a reason other than rate limiting): the server is keeping up. */
  onAnswered(): void {
    this.streak = 0;
    if (this.currentLimit >= this.max) return;
    this.successes += 1;
    if (this.successes >= this.rampUpAfter) {
      this.currentLimit += 1;
      this.successes = 0;
    }
  }
}
