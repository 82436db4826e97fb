// Adds many orgs at once: org ids or page addresses pasted one per line, or a CSV `orgId,client[,atlasOrgId]` picked
// as a file or pasted. A preview first (what will be added, with which client and target; what is already there;
// which lines are invalid and why), then one message adds them all; the worker answers per org.
import { useState } from 'preact/hooks';
import type { BatchOrgResult, DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { errorText } from '../../shared/text/error-text';
import { t, tn } from '../../shared/text/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ImportText } from './ImportText';
import { type BatchExisting, type BatchInvalid, type BatchPlan, planOrgBatch } from './org-batch';

// A CSV of 1000 orgs is about 60 kB: anything much larger is not an org list.

export function batchReasonText(invalid: BatchInvalid): string {
  switch (invalid.problem) {
    case 'columns':
      return t('dashBatch_reasonColumns');
    case 'not-an-org':
      return t('dashBatch_reasonNotAnOrg');
    case 'bad-atlas-id':
      return t('dashBatch_reasonBadAtlasId');
    case 'unknown-client':
      return t('dashBatch_reasonUnknownClient', invalid.client ?? '');
    case 'client-not-serving':
      return t('dashBatch_reasonNotServing');
    case 'target-without-client':
      return t('dashBatch_reasonTargetWithoutClient');
    case 'no-atlas-key-pair':
      return t('dashBatch_reasonNoAtlasKeyPair', invalid.client ?? '');
    case 'too-many':
      return t('dashBatch_reasonTooMany');
  }
}

const existingText = (existing: BatchExisting) =>
  existing.firstLine === undefined ? t('dashBatch_inTable') : t('dashBatch_onLine', String(existing.firstLine));

type Failed = { line: number; orgId?: string; error: ErrorView };

function Preview(props: { plan: BatchPlan; profiles: readonly ProfileView[] }) {
  const { add, existing, invalid } = props.plan;
  const atlasName = (id: string) => props.profiles.find((p) => p.side === 'atlas' && p.org?.id === id)?.org?.name;
  return (
    <div aria-live="polite" data-testid="batch-preview">
      <p>
        <strong data-testid="batch-summary">
          {t('dashBatch_summary', [String(add.length), String(existing.length), String(invalid.length)])}
        </strong>
      </p>
      {add.length > 0 && (
        <table data-testid="batch-add">
          <caption>{t('dashBatch_addCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashBatch_line')}</th>
              <th scope="col">{t('dashBatch_org')}</th>
              <th scope="col">{t('dashBatch_client')}</th>
              <th scope="col">{t('dashBatch_target')}</th>
            </tr>
          </thead>
          <tbody>
            {add.map((entry) => (
              <tr key={entry.line} data-org-id={entry.orgId}>
                <td>{entry.line}</td>
                <th scope="row" class="mono">
                  {entry.orgId ?? t('dashBatch_orgOfProject')}
                </th>
                <td>{entry.client ?? t('dashBatch_noClient')}</td>
                <td>{entry.atlasOrgId ? (atlasName(entry.atlasOrgId) ?? entry.atlasOrgId) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {existing.length > 0 && (
        <table data-testid="batch-existing">
          <caption>{t('dashBatch_existingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashBatch_line')}</th>
              <th scope="col">{t('dashBatch_org')}</th>
              <th scope="col">{t('dashBatch_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {existing.map((entry) => (
              <tr key={entry.line}>
                <td>{entry.line}</td>
                <td class="mono">{entry.orgId ?? ''}</td>
                <td>{existingText(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {invalid.length > 0 && (
        <table data-testid="batch-invalid">
          <caption>{t('dashBatch_invalidCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashBatch_line')}</th>
              <th scope="col">{t('dashBatch_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {invalid.map((entry) => (
              <tr key={entry.line}>
                <td>{entry.line}</td>
                <td>{batchReasonText(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {add.length + existing.length + invalid.length === 0 && (
        <Notice tone="info">
          <strong>{t('dashBatch_empty')}</strong>
        </Notice>
      )}
    </div>
  );
}

export function BatchAddOrgs(props: {
  rows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  onAdded: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<BatchPlan>();
  const [failed, setFailed] = useState<Failed[]>([]);
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);

  const edit = (next: string) => {
    setText(next);
    setPlan(undefined); // a preview is of the text it was made from
    setError(undefined);
  };
  const add = async () => {
    if (!plan || plan.add.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const entries = plan.add.map(({ input, profileId, atlasOrgId }) => ({ input, profileId, atlasOrgId }));
      const { results } = await send('dashboard/add-orgs', { entries });
      const notAdded = results.flatMap((result: BatchOrgResult, i) =>
        result.ok ? [] : [{ line: plan.add[i]!.line, orgId: plan.add[i]!.orgId, error: result.error }],
      );
      setFailed(notAdded);
      edit('');
      props.onAdded(
        tn('dashBatch_done', results.length - notAdded.length, [
          String(results.length - notAdded.length),
          String(notAdded.length),
        ]),
      );
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card import" data-testid="batch-add-orgs">
      <summary>{t('dashBatch_title')}</summary>
      <ImportText
        id="batch"
        help={t('dashBatch_help')}
        fileLabel={t('dashBatch_file')}
        textLabel={t('dashBatch_text')}
        text={text}
        onText={edit}
        onTooLarge={() => setError({ kind: 'invalid-input' })}
      />
      <div class="row">
        <button
          type="button"
          disabled={text.trim() === ''}
          onClick={() => {
            setFailed([]);
            setPlan(planOrgBatch(text, props.rows, props.profiles));
          }}
        >
          {t('dashBatch_preview')}
        </button>
        {plan && (
          <button
            type="button"
            class="primary"
            disabled={busy || plan.add.length === 0}
            onClick={add}
            data-testid="batch-confirm"
          >
            {busy ? t('dashBatch_adding') : tn('dashBatch_add', plan.add.length, String(plan.add.length))}
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {plan && <Preview plan={plan} profiles={props.profiles} />}
      {failed.length > 0 && (
        <table data-testid="batch-failed">
          <caption>{t('dashBatch_failedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashBatch_line')}</th>
              <th scope="col">{t('dashBatch_org')}</th>
              <th scope="col">{t('dashBatch_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((entry) => (
              <tr key={entry.line}>
                <td>{entry.line}</td>
                <td class="mono">{entry.orgId ?? t('dashBatch_orgOfProject')}</td>
                <td>{errorText(entry.error).message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
