// Many at once (#34 item 4): the plans put in the batch, selected and validated together, then started together
// behind one question (BatchStartDialog), run in the worker like the dashboard's runs (progress, cancel, slower when
// Atlas asks). The source username and password, when a selected plan needs them, are asked once for the run and
// cleared as soon as it is sent.
import { useEffect, useState } from 'preact/hooks';
import type { RefreshProgress } from '../../shared/dashboard-messages';
import type { BatchPlan } from '../../shared/migration-batch-messages';
import type { SourceCredentials } from '../../shared/migration-messages';
import { send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { orgLabel } from '../../shared/text/org-label';
import { ErrorNotice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { isRunning, RunProgress } from '../dashboard/RunProgress';
import { BatchStartDialog } from './BatchStartDialog';
import { BATCH_WORDS, batchDestinationText, batchSourceText, batchValidationText } from './batch-words';
import { CredentialFields, NO_CREDENTIALS } from './SourceCredentialFields';

const POLL_MS = 2_000;
const isBatchRun = (p: RefreshProgress | null | undefined) => p?.kind === 'validate' || p?.kind === 'start';

export function BatchPanel(props: { onStarted: () => void }) {
  const [plans, setPlans] = useState<BatchPlan[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [progress, setProgress] = useState<RefreshProgress>();
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();

  const read = async () => {
    const [batch, run] = await Promise.all([send('migrations/batch', {}), send('dashboard/progress', {})]);
    setPlans(batch);
    if (isBatchRun(run)) {
      setProgress((before) => {
        if (before && isRunning(before) && !isRunning(run!) && run!.kind === 'start') props.onStarted();
        return run!;
      });
    }
  };
  useEffect(() => {
    read().catch(() => undefined);
    const timer = setInterval(() => read().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const chosen = plans.filter((p) => selected.has(p.id));
  const running = isRunning(progress);
  const needsCredentials = chosen.some((p) => !p.plan.managedAuthentication);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const runBatch = (kind: 'batch-validate' | 'batch-start', ids: string[]) => {
    const sent: SourceCredentials | undefined = needsCredentials && credentials.username ? credentials : undefined;
    setCredentials(NO_CREDENTIALS);
    action.run(async () => {
      setProgress(await send(`migrations/${kind}`, { ids, ...(sent ? { credentials: sent } : {}) }));
    });
  };

  return (
    <section aria-labelledby="batch-title" data-testid="migration-batch">
      <h3 id="batch-title">{t('migBatch_title')}</h3>
      <p class="muted">{t('migBatch_explain')}</p>
      {plans.length === 0 ? (
        <p class="muted">{t('migBatch_empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('migBatch_selectAll')}
                  checked={chosen.length === plans.length}
                  onChange={(e) => setSelected(new Set(e.currentTarget.checked ? plans.map((p) => p.id) : []))}
                />
              </th>
              <th>{t('mig_col_client')}</th>
              <th>{t('mig_col_source')}</th>
              <th>{t('mig_col_destination')}</th>
              <th>{t('migBatch_col_validation')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.id} data-testid="batch-row" data-deployment={p.plan.sourceCluster}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('migBatch_select', batchSourceText(p))}
                    checked={selected.has(p.id)}
                    onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                  />
                </td>
                <td>
                  {p.client}
                  <div class="muted">{orgLabel(p.orgName, p.cloudManagerOrgId)}</div>
                </td>
                <td>{batchSourceText(p)}</td>
                <td>
                  {batchDestinationText(p)}
                  {p.plan.dropDestinationData && <div class="muted">{t('mig_drops_destination')}</div>}
                </td>
                <td data-testid="batch-validation" data-outcome={p.validation?.outcome ?? 'none'}>
                  {batchValidationText(p)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {needsCredentials && !running && (
        <CredentialFields prefix="batch" value={credentials} onChange={setCredentials} />
      )}
      <div class="row">
        <button
          type="button"
          disabled={chosen.length === 0 || running || action.busy}
          onClick={() =>
            runBatch(
              'batch-validate',
              chosen.map((p) => p.id),
            )
          }
        >
          {t('migBatch_validate', String(chosen.length))}
        </button>
        <button
          type="button"
          class="primary"
          disabled={chosen.length === 0 || running || action.busy}
          onClick={() => setConfirming(true)}
        >
          {t('migBatch_start', String(chosen.length))}
        </button>
        <button
          type="button"
          disabled={chosen.length === 0 || running}
          onClick={() =>
            action.run(async () => {
              await send('migrations/batch-remove', { ids: chosen.map((p) => p.id) });
              setSelected(new Set());
              await read();
            })
          }
        >
          {t('migBatch_remove')}
        </button>
        {running && (
          <button
            type="button"
            disabled={progress?.state === 'cancelling'}
            onClick={() => action.run(async () => setProgress((await send('dashboard/cancel', {})) ?? undefined))}
          >
            {t('migBatch_cancel')}
          </button>
        )}
      </div>
      {action.error && <ErrorNotice error={action.error} takeFocus />}
      <RunProgress progress={progress} prefix="batch-run" words={BATCH_WORDS} />
      {confirming && (
        <BatchStartDialog
          plans={chosen}
          onClose={() => setConfirming(false)}
          onConfirm={(ids) => {
            setConfirming(false);
            runBatch('batch-start', ids);
          }}
        />
      )}
    </section>
  );
}
