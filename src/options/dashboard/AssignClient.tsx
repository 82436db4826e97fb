// "Assign a client to the selected rows": a client (a key pair label) chosen once for every selected row. The worker
// gives each row that client's key pair that serves it and refuses, per row with the reason, where none does; the
// result is said here, each refused row named with its org's name and id.
import { useMemo, useState } from 'preact/hooks';
import { clientNames } from '../../core/vault/client-names';
import type { ClientAssignResult, DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { tn } from '../../shared/text/counted';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { type ActionResult, ResultNotice } from './ImportWithPreview';
import { LineTable, OrgNamed } from './LineTable';
import { orgName } from './row-text';

const refusalText = (result: ClientAssignResult): string | undefined => {
  if ('refused' in result) return t('dashBatch_reasonNotServing');
  if ('error' in result) return errorText(result.error).message;
  return undefined;
};

export function AssignClient(props: {
  selectedRows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  onAssigned: () => void;
}) {
  const [client, setClient] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const [result, setResult] = useState<ActionResult>();
  const clients = useMemo(() => clientNames(props.profiles, 'cloud-manager'), [props.profiles]);
  const count = props.selectedRows.length;

  const assign = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const orgIds = props.selectedRows.map((row) => row.orgId);
      const { results } = await send('dashboard/set-clients', { orgIds, client });
      const nameOf = new Map(props.selectedRows.map((row) => [row.orgId, orgName(row)]));
      const refused = results.flatMap((r) => {
        const reason = refusalText(r);
        return reason ? [{ orgId: r.orgId, name: nameOf.get(r.orgId) ?? t('unnamedOrg'), reason }] : [];
      });
      const done = results.length - refused.length;
      setResult({
        summary: tn('dashBatch_assigned', done, [client, String(done), String(refused.length)]),
        details: (
          <LineTable
            testId="assign-refused"
            caption={t('dashBatch_refusedCaption')}
            columns={[t('dashBatch_org'), t('dashBatch_reason')]}
            rowHeader={0}
            rows={refused.map((entry) => ({
              key: entry.orgId,
              orgId: entry.orgId,
              cells: [<OrgNamed name={entry.name} orgId={entry.orgId} />, entry.reason],
            }))}
          />
        ),
      });
      props.onAssigned();
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="assign-client-title" data-testid="assign-client">
      <h3 id="assign-client-title">{t('dashBatch_assignTitle')}</h3>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && client && count > 0) assign();
        }}
      >
        <div class="field">
          <label for="assign-client-select">{t('dashBatch_assignClient')}</label>
          <select id="assign-client-select" value={client} onChange={(e) => setClient(e.currentTarget.value)}>
            <option value="">{t('dashBatch_assignChoose')}</option>
            {clients.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit" disabled={busy || client === '' || count === 0}>
            {tn('dashBatch_assign', count, String(count))}
          </button>
        </div>
      </form>
      <ResultNotice testId="assign-outcome" result={result} error={error} />
    </section>
  );
}
