// Bulk calls to Cloud Manager: bounded concurrency that slows down on 429 and recovers.
export { DEFAULT_BASE_PAUSE_MS, DEFAULT_MAX_PAUSE_MS, DEFAULT_RAMP_UP_AFTER, Pacer, type PacerOptions } from './pacer';
export { cloudManagerRateLimit } from './rate-limit';
export {
  type BulkEvent,
  type BulkOptions,
  type BulkProgress,
  type BulkRun,
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE_LIMIT_RETRIES,
  type RateLimitSignal,
  runBulk,
} from './run-bulk';
