// "Refresh all", compact in the dashboard's toolbar: how many calls at once, start and cancel, a progress bar with
// counts, a spoken line for the moments that matter (started, slowed down by Cloud Manager, finished, cancelled, cut
// short), and "Retry the N failed".
import { useState } from 'preact/hooks';
import type { RefreshProgress } from '../../shared/dashboard-messages';
import { tn } from '../../shared/text/counted';
import { t } from '../../shared/text/i18n';
import { isRunning, RunProgress, type RunWords } from './RunProgress';

const MAX_CONCURRENCY = 8;

export { isRunning } from './RunProgress';

const WORDS: RunWords = {
  counts: (p) => t('dash_refreshCounts', [String(p.succeeded), String(p.total), String(p.failed), String(p.skipped)]),
  paused: (seconds, count) => t('dash_refreshPaused', [seconds, count]),
  slowed: (count, max) => t('dash_refreshSlowed', [count, max]),
  rateLimited: (count) => tn('dash_refreshRateLimitedCount', count, String(count)),
  milestone,
};

function milestone(progress: RefreshProgress, now: number): string {
  const checked = String(progress.succeeded);
  const failed = String(progress.failed);
  switch (progress.state) {
    case 'running':
      return progress.pausedUntil && progress.pausedUntil > now
        ? t('dash_refreshPausedShort')
        : tn('dash_refreshStarted', progress.total, String(progress.total));
    case 'cancelling':
      return t('dash_cancelling');
    case 'cancelled':
      return t('dash_refreshCancelled', [checked, failed, String(progress.skipped)]);
    case 'finished':
      return t('dash_refreshFinished', [checked, failed]);
    case 'interrupted':
      return tn('dash_refreshInterrupted', progress.succeeded + progress.failed, [
        String(progress.succeeded + progress.failed),
        String(progress.total),
      ]);
  }
}

export function RefreshPanel(props: {
  progress?: RefreshProgress;
  concurrency: number;
  /** How many orgs the button refreshes, and whether a filter narrowed them. */
  count: number;
  filtered: boolean;
  canRefresh: boolean;
  /** A create-and-link run is going: one run at a time. */
  otherRunning?: boolean;
  onStart: (concurrency: number) => void;
  onCancel: () => void;
  /** The orgs the last refresh failed for, and how to check them alone again. */
  failed: readonly string[];
  onRetry: (orgIds: readonly string[], concurrency: number) => void;
}) {
  const { progress } = props;
  // Mounted once the view is loaded; the worker remembers the value the user chose for the next visit.
  const [concurrency, setConcurrency] = useState(String(props.concurrency));
  const running = isRunning(progress);
  const valid = /^\d+$/.test(concurrency) && Number(concurrency) >= 1 && Number(concurrency) <= MAX_CONCURRENCY;

  return (
    <section class="run-panel refresh" aria-labelledby="refresh-title" data-testid="refresh-panel">
      <h3 id="refresh-title" class="sr-only">
        {t('dash_refreshTitle')}
      </h3>
      <form
        class="run-controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !running) props.onStart(Number(concurrency));
        }}
      >
        <button
          type="submit"
          class="primary"
          disabled={running || props.otherRunning || !props.canRefresh || props.count === 0 || !valid}
          data-testid="refresh-all"
        >
          {props.filtered ? t('dash_refreshShown', String(props.count)) : t('dash_refreshAll')}
        </button>
        <label for="dash-concurrency" class="inline">
          {t('dash_fieldConcurrency')}
        </label>
        <input
          id="dash-concurrency"
          class="narrow"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CONCURRENCY}
          value={concurrency}
          aria-invalid={valid ? undefined : 'true'}
          aria-describedby="dash-concurrency-help"
          title={t('dash_concurrencyHelp', String(MAX_CONCURRENCY))}
          disabled={running}
          onInput={(e) => setConcurrency(e.currentTarget.value)}
        />
        {running && (
          <button type="button" onClick={props.onCancel} disabled={progress?.state === 'cancelling'}>
            {progress?.state === 'cancelling' ? t('dash_cancelling') : t('dash_cancelRefresh')}
          </button>
        )}
      </form>
      <p id="dash-concurrency-help" class="sr-only">
        {t('dash_concurrencyHelp', String(MAX_CONCURRENCY))}
      </p>
      <RunProgress
        progress={progress}
        prefix="refresh"
        words={WORDS}
        failed={props.failed}
        retryDisabled={props.otherRunning || !props.canRefresh || !valid}
        onRetry={(orgIds) => props.onRetry(orgIds, Number(concurrency))}
      />
    </section>
  );
}
