// Adds many orgs at once: org ids or page addresses pasted one per line, or a CSV `orgId,client[,atlasOrgId]` picked
// as a file or pasted. A preview first (what will be added, with which client and target; what is already there;
// which lines are invalid, shown as pasted, and why), then one message adds them all; the worker answers per org, and
// the result is said beside the import.
import type { BatchOrgResult, DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { send } from '../../shared/send';
import { tn } from '../../shared/text/counted';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { Notice } from '../../ui/Notice';
import { ImportWithPreview } from './ImportWithPreview';
import { LineTable, LineText } from './LineTable';
import { type BatchExisting, type BatchInvalid, type BatchPlan, planOrgBatch } from './org-batch';

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

const orgOrProject = (orgId: string | undefined) => <span class="mono">{orgId ?? t('dashBatch_orgOfProject')}</span>;

function Preview(props: { plan: BatchPlan; profiles: readonly ProfileView[] }) {
  const { add, existing, invalid } = props.plan;
  const atlasName = (id: string) => props.profiles.find((p) => p.side === 'atlas' && p.org?.id === id)?.org?.name;
  const line = t('dashBatch_line');
  return (
    <>
      <p>
        <strong data-testid="batch-summary">
          {t('dashBatch_summary', [String(add.length), String(existing.length), String(invalid.length)])}
        </strong>
      </p>
      <LineTable
        testId="batch-add"
        caption={t('dashBatch_addCaption')}
        columns={[line, t('dashBatch_org'), t('dashBatch_client'), t('dashBatch_target')]}
        rowHeader={1}
        rows={add.map((entry) => ({
          key: entry.line,
          orgId: entry.orgId,
          cells: [
            entry.line,
            orgOrProject(entry.orgId),
            entry.client ?? t('dashBatch_noClient'),
            entry.atlasOrgId ? (atlasName(entry.atlasOrgId) ?? entry.atlasOrgId) : '',
          ],
        }))}
      />
      <LineTable
        testId="batch-existing"
        caption={t('dashBatch_existingCaption')}
        columns={[line, t('dashBatch_org'), t('dashBatch_reason')]}
        rows={existing.map((entry) => ({
          key: entry.line,
          cells: [entry.line, <span class="mono">{entry.orgId ?? ''}</span>, existingText(entry)],
        }))}
      />
      <LineTable
        testId="batch-invalid"
        caption={t('dashBatch_invalidCaption')}
        columns={[line, t('dash_lineText'), t('dashBatch_reason')]}
        rows={invalid.map((entry) => ({
          key: entry.line,
          cells: [entry.line, <LineText text={entry.text} />, batchReasonText(entry)],
        }))}
      />
      {add.length + existing.length + invalid.length === 0 && (
        <Notice tone="info">
          <strong>{t('dashBatch_empty')}</strong>
        </Notice>
      )}
    </>
  );
}

export function BatchAddOrgs(props: {
  rows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  onAdded: () => void;
}) {
  const add = async (plan: BatchPlan) => {
    const entries = plan.add.map(({ input, profileId, atlasOrgId }) => ({ input, profileId, atlasOrgId }));
    const { results } = await send('dashboard/add-orgs', { entries });
    const failed = results.flatMap((result: BatchOrgResult, i) =>
      result.ok ? [] : [{ ...plan.add[i]!, error: result.error }],
    );
    props.onAdded();
    const added = results.length - failed.length;
    return {
      summary: tn('dashBatch_done', added, [String(added), String(failed.length)]),
      details: (
        <LineTable
          testId="batch-failed"
          caption={t('dashBatch_failedCaption')}
          columns={[t('dashBatch_line'), t('dashBatch_org'), t('dashBatch_reason')]}
          rows={failed.map((entry) => ({
            key: entry.line,
            orgId: entry.orgId,
            cells: [entry.line, orgOrProject(entry.orgId), errorText(entry.error).message],
          }))}
        />
      ),
    };
  };

  return (
    <ImportWithPreview
      id="batch"
      testId="batch-add-orgs"
      words={{
        title: t('dashBatch_title'),
        help: t('dashBatch_help'),
        fileLabel: t('dashBatch_file'),
        textLabel: t('dashBatch_text'),
        preview: t('dashBatch_preview'),
      }}
      plan={(text) => planOrgBatch(text, props.rows, props.profiles)}
      count={(plan) => plan.add.length}
      confirmLabel={(plan, busy) =>
        busy ? t('dashBatch_adding') : tn('dashBatch_add', plan.add.length, String(plan.add.length))
      }
      confirmTestId="batch-confirm"
      renderPreview={(plan) => <Preview plan={plan} profiles={props.profiles} />}
      confirm={add}
    />
  );
}
