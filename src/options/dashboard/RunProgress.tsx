// A run's progress, as both run panels ("refresh all", "create and link") show it in the toolbar: a bar while it
// runs, the counts, a warning while the run waits or goes slower after a 429, how often it was asked to slow down
// once it ended, one spoken line for the moments that matter, and once it ended with failures "Retry the N failed"
// (only those rows again). The words are the panel's; test ids and element ids start with its prefix.
import type { RefreshProgress } from '../../shared/dashboard-messages';
import { t } from '../../shared/text/i18n';

export const isRunning = (progress: RefreshProgress | undefined) =>
  progress?.state === 'running' || progress?.state === 'cancelling';

export interface RunWords {
  counts: (progress: RefreshProgress) => string;
  /** Waiting `seconds`, then `count` at a time. */
  paused: (seconds: string, count: string) => string;
  /** Going `count` at a time of `max`; no line when absent. */
  slowed?: (count: string, max: string) => string;
  rateLimited: (count: number) => string;
  milestone: (progress: RefreshProgress, now: number) => string;
}

export function RunProgress(props: {
  progress?: RefreshProgress;
  prefix: string;
  words: RunWords;
  /** The rows the run ended with failed: retried alone on request (no button when none, or while a run goes). */
  failed?: readonly string[];
  onRetry?: (orgIds: readonly string[]) => void;
  retryDisabled?: boolean;
}) {
  const { progress, prefix, words } = props;
  const running = isRunning(progress);
  const now = Date.now();
  const paused = running && progress?.pausedUntil !== undefined && progress.pausedUntil > now;
  const slowed = running && progress !== undefined && progress.concurrency < progress.maxConcurrency;
  const handled = progress ? progress.succeeded + progress.failed + progress.skipped : 0;
  const failed = props.failed ?? [];
  return (
    <div class="run-progress">
      {progress && progress.total > 0 && (
        <div class="progress">
          {running && <progress max={progress.total} value={handled} aria-labelledby={`${prefix}-counts`} />}
          <p id={`${prefix}-counts`} data-testid={`${prefix}-counts`}>
            {words.counts(progress)}
          </p>
          {paused && (
            <p class="warn-text" data-testid={`${prefix}-paused`}>
              {words.paused(String(Math.ceil((progress.pausedUntil! - now) / 1000)), String(progress.concurrency))}
            </p>
          )}
          {slowed && !paused && words.slowed && (
            <p class="warn-text" data-testid={`${prefix}-slowed`}>
              {words.slowed(String(progress.concurrency), String(progress.maxConcurrency))}
            </p>
          )}
          {!running && progress.rateLimited > 0 && (
            <p class="muted" data-testid={`${prefix}-rate-limited`}>
              {words.rateLimited(progress.rateLimited)}
            </p>
          )}
        </div>
      )}
      <p role="status" aria-live="polite" data-testid={`${prefix}-status`} class="refresh-status">
        {progress ? words.milestone(progress, now) : ''}
      </p>
      {!running && failed.length > 0 && props.onRetry && (
        <button
          type="button"
          class="retry"
          disabled={props.retryDisabled}
          onClick={() => props.onRetry?.(failed)}
          data-testid={`${prefix}-retry`}
        >
          {t('dash_retryFailed', String(failed.length))}
        </button>
      )}
    </div>
  );
}
