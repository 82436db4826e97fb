// The batch's start question: each plan to start by source and destination with whether the destination's data is
// dropped, and each selected plan that is not started with why (its validation did not pass, is still running, or
// never ran). Only the passed plans are sent; the worker refuses any other itself.
import type { BatchPlan } from '../../shared/migration-batch-messages';
import { t } from '../../shared/text/i18n';
import { CancelButton } from '../../ui/ActionOutcome';
import { Dialog } from '../dashboard/Dialog';
import { batchDestinationText, batchSourceText, batchValidationText } from './batch-words';

export function BatchStartDialog(props: {
  plans: readonly BatchPlan[];
  onConfirm: (ids: string[]) => void;
  onClose: () => void;
}) {
  const passed = props.plans.filter((p) => p.validation?.outcome === 'passed');
  const refused = props.plans.filter((p) => p.validation?.outcome !== 'passed');
  return (
    <Dialog labelledBy="batch-start-title" role="alertdialog" onClose={props.onClose} testId="batch-start-dialog">
      <h3 id="batch-start-title">{t('migBatch_startQuestion')}</h3>
      {passed.length === 0 && <p>{t('migBatch_startNone')}</p>}
      <ul data-testid="batch-start-list">
        {passed.map((p) => (
          <li key={p.id} data-testid="batch-start-item">
            {t('mig_start_question', [batchSourceText(p), batchDestinationText(p)])}{' '}
            <strong>{t(p.plan.dropDestinationData ? 'mig_start_drops' : 'mig_start_keeps')}</strong>
          </li>
        ))}
      </ul>
      {refused.length > 0 && (
        <>
          <p>{t('migBatch_refused')}</p>
          <ul data-testid="batch-refused-list">
            {refused.map((p) => (
              <li key={p.id} data-testid="batch-refused-item">
                {batchSourceText(p)}: {batchValidationText(p)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={passed.length === 0}
          onClick={() => props.onConfirm(passed.map((p) => p.id))}
        >
          {t('mig_start')}
        </button>
        <CancelButton onClick={props.onClose} />
      </div>
    </Dialog>
  );
}
