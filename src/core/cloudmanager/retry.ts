// When an idempotent call (GET, DELETE) is worth another attempt, and how long to wait first: bounded exponential
// backoff, or the server's Retry-After for 429 unless that is longer than we are willing to wait.
import type { CloudManagerError } from './cloud-manager-error';

export type RetryPolicy = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The first wait after a 429 that names no wait (no Retry-After, no figure in its detail), doubled after each
   * further one: Atlas's rate-limiting page advises 10 s, 20 s, 40 s. Not bounded by maxDelayMs, which bounds
   * the waits a server asks for.
   */
  rateLimitDelayMs?: number;
};

export const RATE_LIMIT_FIRST_WAIT_MS = 10_000;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  rateLimitDelayMs: RATE_LIMIT_FIRST_WAIT_MS,
};

function retryable(error: CloudManagerError): boolean {
  // A timeout is not retried: the user already waited the whole timeout once. A cancelled request was meant to stop.
  // A lost connection is worded 'default' on Cloud Manager calls and 'atlas' on Atlas calls.
  if (error.kind === 'network') return error.variant === 'default' || error.variant === 'atlas';
  // A service account at its cap of live tokens gets no new one by asking again soon: that wait is the user's to make.
  if (error.kind === 'rate-limited') return !error.variant.startsWith('service-account-tokens');
  return error.kind === 'server-error';
}

/** Milliseconds to wait before attempt number `failedAttempts + 1`, or null to give up with `error`. */
export function retryDelay(error: CloudManagerError, policy: RetryPolicy, failedAttempts: number): number | null {
  const attempts = Number.isFinite(policy.attempts) ? policy.attempts : 1;
  if (failedAttempts >= attempts || !retryable(error)) return null;
  const maxDelay = Math.max(0, policy.maxDelayMs || 0);
  if (error.kind === 'rate-limited' && error.retryAfterSeconds !== undefined) {
    const wait = error.retryAfterSeconds * 1000;
    return wait > maxDelay ? null : wait;
  }
  if (error.kind === 'rate-limited') {
    return Math.max(0, policy.rateLimitDelayMs ?? RATE_LIMIT_FIRST_WAIT_MS) * 2 ** (failedAttempts - 1);
  }
  const exponential = Math.max(0, policy.baseDelayMs || 0) * 2 ** (failedAttempts - 1);
  return Math.min(exponential, maxDelay);
}
