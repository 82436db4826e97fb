// Atlas's rate limiting as its docs describe it: a token bucket per scope (here, per Atlas org on the link-token
// endpoints); an empty bucket answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After in whole seconds.

export interface RateLimit {
  /** Requests a full bucket allows at once. */
  capacity: number;
  /** Tokens added back per second, up to `capacity`. */
  refillPerSecond: number;
}

function checked(limit: RateLimit | null): RateLimit | null {
  if (limit && !(limit.capacity >= 1 && limit.refillPerSecond > 0)) {
    throw new Error('atlasRateLimit: capacity must be at least 1 and refillPerSecond above 0');
  }
  return limit;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  private limit: RateLimit | null;

  constructor(
    limit: RateLimit | null,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = checked(limit);
  }

  /** null switches limiting off; a new limit starts every bucket full. */
  setLimit(limit: RateLimit | null): void {
    this.limit = checked(limit);
    this.buckets.clear();
  }

  /** Takes one token from the scope's bucket: undefined when allowed, else the seconds until one is back. */
  take(scope: string): number | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    const now = this.now();
    const bucket = this.buckets.get(scope) ?? { tokens: limit.capacity, at: now };
    bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit.refillPerSecond);
    bucket.at = now;
    this.buckets.set(scope, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    // Retry-After is whole seconds; round up so a client that waits exactly that long finds a token.
    return Math.ceil((1 - bucket.tokens) / limit.refillPerSecond);
  }
}

/**
 * The `Ratelimit-Limit` / `Ratelimit-Remaining` headers Atlas sends on its answers (recorded: 500 on an org's and
 * its link tokens' routes, 300 on the org list). Remaining counts the caller's requests to routes of that limit in
 * the current minute; the real window is not published, and nothing here refuses a request.
 */
export class RateLimitHeaders {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  count(limit: number, caller: string): Record<string, string> {
    const now = this.now();
    const scope = `${limit}|${caller}`;
    const times = (this.sent.get(scope) ?? []).filter((t) => t > now - 60_000);
    times.push(now);
    this.sent.set(scope, times);
    return { 'Ratelimit-Limit': String(limit), 'Ratelimit-Remaining': String(Math.max(0, limit - times.length)) };
  }
}
