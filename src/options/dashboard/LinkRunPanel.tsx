// "Create and link" for the selected rows, compact in the dashboard's toolbar: each to its Atlas target, run in the
// worker like "refresh all" (as many calls at once as the refresh last used), with start and cancel, the run's
// progress and "Retry the N failed" (RunProgress.tsx).
import type { RefreshProgress } from '../../shared/dashboard-messages';
import { tn } from '../../shared/text/counted';
import { t } from '../../shared/text/i18n';
import { isRunning, RunProgress, type RunWords } from './RunProgress';

function milestone(progress: RefreshProgress, now: number): string {
  const counts = [String(progress.succeeded), String(progress.failed), String(progress.skipped)];
  switch (progress.state) {
    case 'running':
      return progress.pausedUntil && progress.pausedUntil > now
        ? t('dashAtlas_runPausedShort')
        : tn('dashAtlas_runStarted', progress.total, String(progress.total));
    case 'cancelling':
      return t('dash_cancelling');
    case 'cancelled':
      return t('dashAtlas_runCancelled', counts);
    case 'finished':
      return t('dashAtlas_runFinished', counts);
    case 'interrupted':
      return tn('dashAtlas_runInterrupted', progress.succeeded + progress.failed, [
        String(progress.succeeded + progress.failed),
        String(progress.total),
      ]);
  }
}

const WORDS: RunWords = {
  counts: (p) => t('dashAtlas_runCounts', [String(p.succeeded), String(p.total), String(p.failed), String(p.skipped)]),
  paused: (seconds, count) => t('dashAtlas_runPaused', [seconds, count]),
  rateLimited: (count) => tn('dashAtlas_runRateLimitedCount', count, String(count)),
  milestone,
};

export function LinkRunPanel(props: {
  /** The current or last run, when it is a create-and-link run. */
  progress?: RefreshProgress;
  /** A refresh is running: one run at a time. */
  otherRunning: boolean;
  /** Selected rows shown, and how many of them have a target. */
  selected: number;
  withTarget: number;
  canRun: boolean;
  onStart: () => void;
  onCancel: () => void;
  /** The rows the last run failed for, and how to run them alone again. */
  failed: readonly string[];
  onRetry: (orgIds: readonly string[]) => void;
}) {
  const { progress } = props;
  const running = isRunning(progress);
  return (
    <section class="run-panel link-run" aria-labelledby="link-run-title" data-testid="link-run-panel">
      <h3 id="link-run-title" class="sr-only">
        {t('dashAtlas_runTitle')}
      </h3>
      <p id="link-run-help" class="sr-only">
        {t('dashAtlas_runHelp')}
      </p>
      <div class="run-controls">
        <button
          type="button"
          class="primary"
          aria-describedby="link-run-help link-run-selection"
          disabled={running || props.otherRunning || !props.canRun || props.withTarget === 0}
          onClick={props.onStart}
          title={t('dashAtlas_runHelp')}
          data-testid="link-run-start"
        >
          {t('dashAtlas_runSelected', String(props.selected))}
        </button>
        {running && (
          <button type="button" onClick={props.onCancel} disabled={progress?.state === 'cancelling'}>
            {progress?.state === 'cancelling' ? t('dash_cancelling') : t('dashAtlas_cancelRun')}
          </button>
        )}
        <span id="link-run-selection" class="muted" data-testid="link-run-selection">
          {t('dashAtlas_selection', [String(props.selected), String(props.withTarget)])}
        </span>
      </div>
      <RunProgress
        progress={progress}
        prefix="link-run"
        words={WORDS}
        failed={props.failed}
        retryDisabled={props.otherRunning || !props.canRun}
        onRetry={props.onRetry}
      />
    </section>
  );
}
