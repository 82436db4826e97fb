// Import Atlas targets from a CSV (`cloudManagerOrgId,atlasOrgId`, header optional), picked as a file or pasted:
// a preview first (which rows get which target, which lines are invalid and why), then Apply saves them all in one
// message, which the worker refuses whole if any target is not the row's client's.
import { useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { t, tn } from '../../shared/text/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { planTargetImport, type RejectedLine, type TargetImportPlan } from './atlas-targets';
import { ImportText } from './ImportText';
import { parseTargetCsv } from './target-csv';

// A CSV of 5000 rows is about 250 kB: anything much larger is not a target list.

function reasonText(rejected: RejectedLine): string {
  switch (rejected.problem) {
    case 'columns':
      return t('dashAtlas_reasonColumns');
    case 'bad-org-id':
      return t('dashAtlas_reasonBadOrgId');
    case 'bad-atlas-id':
      return t('dashAtlas_reasonBadAtlasId');
    case 'not-listed':
      return t('dashAtlas_reasonNotListed');
    case 'no-client':
      return t('dashAtlas_reasonNoClient');
    case 'no-atlas-key-pair':
      return t('dashAtlas_reasonNoAtlasKeyPair', rejected.client ?? '');
    case 'duplicate':
      return t('dashAtlas_reasonDuplicate', String(rejected.firstLine));
  }
}

export function TargetImport(props: {
  rows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  canApply: boolean;
  onApplied: (saved: number) => void;
}) {
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<TargetImportPlan>();
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);

  const edit = (next: string) => {
    setText(next);
    setPlan(undefined); // a preview is of the text it was made from
    setError(undefined);
  };
  const apply = async () => {
    if (!plan || plan.targets.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const targets = plan.targets.map(({ orgId, atlasOrgId }) => ({ orgId, atlasOrgId }));
      const { saved } = await send('dashboard/set-atlas-targets', { targets });
      edit('');
      props.onApplied(saved);
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card import" data-testid="target-import">
      <summary>{t('dashAtlas_importTitle')}</summary>
      <ImportText
        id="target-import"
        help={t('dashAtlas_importHelp')}
        fileLabel={t('dashAtlas_importFile')}
        textLabel={t('dashAtlas_importText')}
        text={text}
        onText={edit}
        onTooLarge={() => setError({ kind: 'invalid-input' })}
      />
      <div class="row">
        <button
          type="button"
          disabled={text.trim() === ''}
          onClick={() => setPlan(planTargetImport(parseTargetCsv(text), props.rows, props.profiles))}
        >
          {t('dashAtlas_preview')}
        </button>
        {plan && (
          <button
            type="button"
            class="primary"
            disabled={busy || !props.canApply || plan.targets.length === 0}
            onClick={apply}
            data-testid="target-import-apply"
          >
            {tn('dashAtlas_apply', plan.targets.length, String(plan.targets.length))}
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {plan && (
        <div aria-live="polite" data-testid="target-import-preview">
          <p>
            <strong>
              {t('dashAtlas_previewSummary', [String(plan.targets.length), String(plan.rejected.length)])}
            </strong>
          </p>
          {plan.targets.length > 0 && (
            <table data-testid="target-import-valid">
              <caption class="sr-only">{t('dashAtlas_previewValidCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashAtlas_previewLine')}</th>
                  <th scope="col">{t('dash_column_name')}</th>
                  <th scope="col">{t('dashAtlas_column')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.targets.map((target) => (
                  <tr key={target.line} data-org-id={target.orgId}>
                    <td>{target.line}</td>
                    <th scope="row">
                      {target.orgName ?? t('unnamedOrg')} <span class="mono muted">{target.orgId}</span>
                    </th>
                    <td>
                      {target.atlasName} <span class="mono muted">{target.atlasOrgId}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.rejected.length > 0 && (
            <table data-testid="target-import-invalid">
              <caption class="sr-only">{t('dashAtlas_previewInvalidCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashAtlas_previewLine')}</th>
                  <th scope="col">{t('dashAtlas_previewReason')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.rejected.map((rejected) => (
                  <tr key={rejected.line}>
                    <td>{rejected.line}</td>
                    <td>{reasonText(rejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.targets.length === 0 && plan.rejected.length === 0 && (
            <Notice tone="info">
              <strong>{t('dashAtlas_importEmpty')}</strong>
            </Notice>
          )}
        </div>
      )}
    </details>
  );
}
