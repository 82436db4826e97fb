// Recognises a Cloud Manager 429 among the errors a bulk task throws, with the wait the server asked for.
// Duck-typed on `kind` so it also reads errors that crossed a message boundary as plain objects.
import type { RateLimitSignal } from './run-bulk';

export function cloudManagerRateLimit(error: unknown): RateLimitSignal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { kind, retryAfterSeconds, params } = error as {
    kind?: unknown;
    retryAfterSeconds?: unknown;
    params?: { seconds?: unknown };
  };
  if (kind !== 'rate-limited') return undefined;
  if (typeof retryAfterSeconds === 'number') return { retryAfterSeconds };
  const seconds = Number(params?.seconds);
  return typeof params?.seconds === 'string' && Number.isFinite(seconds) ? { retryAfterSeconds: seconds } : {};
}
