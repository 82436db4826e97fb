// "Create and link" for the selected rows: each to its Atlas target, run in the worker like "refresh all" (as many
// calls at once as the refresh last used), with start and cancel and the run's progress (RunProgress.tsx).
import type { RefreshProgress } from '../../shared/dashboard-messages';
import { t, tn } from '../../shared/text/i18n';
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
}) {
  const { progress } = props;
  const running = isRunning(progress);
  return (
    <section class="card link-run" aria-labelledby="link-run-title" data-testid="link-run-panel">
      <h2 id="link-run-title">{t('dashAtlas_runTitle')}</h2>
      <p id="link-run-help" class="muted">
        {t('dashAtlas_runHelp')}
      </p>
      <div class="row">
        <button
          type="button"
          class="primary"
          aria-describedby="link-run-help link-run-selection"
          disabled={running || props.otherRunning || !props.canRun || props.withTarget === 0}
          onClick={props.onStart}
          data-testid="link-run-start"
        >
          {t('dashAtlas_runSelected', String(props.selected))}
        </button>
        {running && (
          <button type="button" onClick={props.onCancel} disabled={progress?.state === 'cancelling'}>
            {progress?.state === 'cancelling' ? t('dash_cancelling') : t('dashAtlas_cancelRun')}
          </button>
        )}
      </div>
      <p id="link-run-selection" class="muted" data-testid="link-run-selection">
        {t('dashAtlas_selection', [String(props.selected), String(props.withTarget)])}
      </p>
      <RunProgress progress={progress} prefix="link-run" words={WORDS} />
    </section>
  );
}
