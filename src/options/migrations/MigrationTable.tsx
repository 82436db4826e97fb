// Every migration the extension started, of every client: source, destination, status, lag, the cutover window's
// time left (warned at 24 h and 2 h) and the last check; Check now asks Atlas, Cut over is one confirmed action.
import { useState } from 'preact/hooks';
import type { MigrationRecord } from '../../shared/migration-messages';
import { send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { CancelButton } from '../../ui/ActionOutcome';
import { ErrorNotice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { Dialog } from '../dashboard/Dialog';
import { lagText, statusText, windowText } from './migration-words';

const sourceText = (m: MigrationRecord) => `${m.sourceProjectName ?? m.sourceProjectId} / ${m.sourceCluster}`;
const destinationText = (m: MigrationRecord) => `${m.atlasProjectName ?? m.atlasProjectId} / ${m.destinationCluster}`;
const timeText = (ms: number) => new Date(ms).toLocaleString();

function ConfirmCutover(props: { migration: MigrationRecord; onConfirm: () => void; onClose: () => void }) {
  const m = props.migration;
  return (
    <Dialog labelledBy="cutover-title" role="alertdialog" onClose={props.onClose} testId="cutover-dialog">
      <h3 id="cutover-title">{t('mig_cutover_question', [sourceText(m), destinationText(m)])}</h3>
      <p>{t('mig_cutover_explain')}</p>
      <div class="row">
        <button type="button" class="primary" onClick={props.onConfirm}>
          {t('mig_cutover')}
        </button>
        <CancelButton onClick={props.onClose} />
      </div>
    </Dialog>
  );
}

function MigrationRow(props: { migration: MigrationRecord; now: number; onChange: () => void }) {
  const m = props.migration;
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const window = windowText(m, props.now);
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      props.onChange();
    });
  return (
    <tr data-testid="migration-row" data-status={m.status}>
      <td>
        {m.client}
        <div class="muted">{m.orgName ?? m.cloudManagerOrgId}</div>
      </td>
      <td data-testid="migration-source">{sourceText(m)}</td>
      <td data-testid="migration-destination">
        {destinationText(m)}
        {m.dropDestinationData && <div class="muted">{t('mig_drops_destination')}</div>}
      </td>
      <td data-testid="migration-status">{statusText(m)}</td>
      <td data-testid="migration-lag">{lagText(m)}</td>
      <td data-testid="migration-window" data-level={window?.level}>
        {window && <span class={window.level === 'none' ? '' : 'failed'}>{window.text}</span>}
      </td>
      <td class="muted">{timeText(m.checkedAt)}</td>
      <td>
        <div class="row">
          <button
            type="button"
            disabled={action.busy}
            onClick={() => act(() => send('migrations/get', { migrationId: m.id }))}
          >
            {t('mig_check_now')}
          </button>
          {m.readyForCutover && m.cutoverAt === undefined && (
            <button type="button" class="primary" disabled={action.busy} onClick={() => setAsking(true)}>
              {t('mig_cutover')}
            </button>
          )}
        </div>
        {asking && (
          <ConfirmCutover
            migration={m}
            onClose={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              act(() => send('migrations/cutover', { migrationId: m.id }));
            }}
          />
        )}
        {(action.error ?? m.error) && <ErrorNotice error={(action.error ?? m.error)!} takeFocus={!!action.error} />}
      </td>
    </tr>
  );
}

export function MigrationTable(props: { migrations: readonly MigrationRecord[]; now: number; onChange: () => void }) {
  if (props.migrations.length === 0) return <p class="muted">{t('mig_none_started')}</p>;
  return (
    <table data-testid="migration-table">
      <thead>
        <tr>
          <th>{t('mig_col_client')}</th>
          <th>{t('mig_col_source')}</th>
          <th>{t('mig_col_destination')}</th>
          <th>{t('mig_col_status')}</th>
          <th>{t('mig_col_lag')}</th>
          <th>{t('mig_col_window')}</th>
          <th>{t('mig_col_checked')}</th>
          <th>{t('mig_col_actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.migrations.map((m) => (
          <MigrationRow key={m.id} migration={m} now={props.now} onChange={props.onChange} />
        ))}
      </tbody>
    </table>
  );
}
