// The batch's words: a run's progress (validate or start) for the dashboard's RunProgress, and why a plan is not
// started (its validation's outcome).
import type { RefreshProgress } from '../../shared/dashboard-messages';
import type { BatchPlan } from '../../shared/migration-batch-messages';
import { t } from '../../shared/text/i18n';
import type { RunWords } from '../dashboard/RunProgress';
import { validationText } from './PlanForm';

function milestone(progress: RefreshProgress): string {
  const starting = progress.kind === 'start';
  switch (progress.state) {
    case 'running':
      return t(starting ? 'migBatch_starting' : 'migBatch_validating');
    case 'cancelling':
      return t('dash_cancelling');
    case 'cancelled':
      return t('migBatch_cancelled');
    case 'finished':
      return t('migBatch_finished');
    case 'interrupted':
      return t('migBatch_interrupted');
  }
}

export const BATCH_WORDS: RunWords = {
  counts: (p) => t('migBatch_counts', [String(p.succeeded), String(p.total), String(p.failed)]),
  paused: (seconds, count) => t('migBatch_paused', [seconds, count]),
  rateLimited: (count) => t('migBatch_rateLimited', String(count)),
  milestone,
};

/** A plan's validation in words; "not validated yet" when it has none. */
export const batchValidationText = (plan: BatchPlan) =>
  plan.validation ? validationText(plan.validation) : t('migBatch_notValidated');

export const batchSourceText = (plan: BatchPlan) => `${plan.sourceProjectName} / ${plan.plan.sourceCluster}`;
export const batchDestinationText = (plan: BatchPlan) => `${plan.atlasProjectName} / ${plan.plan.destinationCluster}`;
