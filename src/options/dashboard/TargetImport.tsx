// Import Atlas targets from a CSV (`cloudManagerOrgId,atlasOrgId`, header optional), picked as a file or pasted:
// a preview first (which rows get which target, which lines are invalid, shown as pasted, and why), then Apply saves
// them all in one message, which the worker refuses whole if any target is not the row's client's.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { send } from '../../shared/send';
import { tn } from '../../shared/text/counted';
import { t } from '../../shared/text/i18n';
import { Notice } from '../../ui/Notice';
import { planTargetImport, type RejectedLine, type TargetImportPlan } from './atlas-targets';
import { ImportWithPreview } from './ImportWithPreview';
import { LineTable, LineText, OrgNamed } from './LineTable';
import { parseTargetCsv } from './target-csv';

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

function Preview({ plan }: { plan: TargetImportPlan }) {
  return (
    <>
      <p>
        <strong>{t('dashAtlas_previewSummary', [String(plan.targets.length), String(plan.rejected.length)])}</strong>
      </p>
      <LineTable
        testId="target-import-valid"
        caption={t('dashAtlas_previewValidCaption')}
        captionHidden
        columns={[t('dashAtlas_previewLine'), t('dash_column_name'), t('dashAtlas_column')]}
        rowHeader={1}
        rows={plan.targets.map((target) => ({
          key: target.line,
          orgId: target.orgId,
          cells: [
            target.line,
            <OrgNamed name={target.orgName ?? t('unnamedOrg')} orgId={target.orgId} />,
            <OrgNamed name={target.atlasName} orgId={target.atlasOrgId} />,
          ],
        }))}
      />
      <LineTable
        testId="target-import-invalid"
        caption={t('dashAtlas_previewInvalidCaption')}
        captionHidden
        columns={[t('dashAtlas_previewLine'), t('dash_lineText'), t('dashAtlas_previewReason')]}
        rows={plan.rejected.map((rejected) => ({
          key: rejected.line,
          cells: [rejected.line, <LineText text={rejected.text} />, reasonText(rejected)],
        }))}
      />
      {plan.targets.length === 0 && plan.rejected.length === 0 && (
        <Notice tone="info">
          <strong>{t('dashAtlas_importEmpty')}</strong>
        </Notice>
      )}
    </>
  );
}

export function TargetImport(props: {
  rows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  canApply: boolean;
  onApplied: () => void;
}) {
  const apply = async (plan: TargetImportPlan) => {
    const targets = plan.targets.map(({ orgId, atlasOrgId }) => ({ orgId, atlasOrgId }));
    const { saved } = await send('dashboard/set-atlas-targets', { targets });
    props.onApplied();
    return { summary: tn('dashAtlas_applied', saved, String(saved)) };
  };
  return (
    <ImportWithPreview
      id="target-import"
      testId="target-import"
      words={{
        title: t('dashAtlas_importTitle'),
        help: t('dashAtlas_importHelp'),
        fileLabel: t('dashAtlas_importFile'),
        textLabel: t('dashAtlas_importText'),
        preview: t('dashAtlas_preview'),
      }}
      plan={(text) => planTargetImport(parseTargetCsv(text), props.rows, props.profiles)}
      count={(plan) => plan.targets.length}
      confirmLabel={(plan) => tn('dashAtlas_apply', plan.targets.length, String(plan.targets.length))}
      confirmTestId="target-import-apply"
      canConfirm={props.canApply}
      renderPreview={(plan) => <Preview plan={plan} />}
      confirm={apply}
    />
  );
}
