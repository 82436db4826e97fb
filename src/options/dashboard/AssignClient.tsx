// "Assign a client to the selected rows": a client (a key pair label) chosen once for every selected row. The worker
// gives each row that client's key pair that serves it and refuses, per row with the reason, where none does.
import { useMemo, useState } from 'preact/hooks';
import type { ClientAssignResult, DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { errorText } from '../../shared/text/error-text';
import { t, tn } from '../../shared/text/i18n';
import { ErrorNotice } from '../../ui/Notice';
import { orgName } from './row-text';
import { cloudManagerProfiles } from './serving-profiles';

type Refused = { orgId: string; name: string; reason: string };

const refusalText = (result: ClientAssignResult): string | undefined => {
  if ('refused' in result) return t('dashBatch_reasonNotServing');
  if ('error' in result) return errorText(result.error).message;
  return undefined;
};

export function AssignClient(props: {
  selectedRows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  onAssigned: (text: string) => void;
}) {
  const [client, setClient] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const [refused, setRefused] = useState<Refused[]>([]);
  const clients = useMemo(
    () =>
      [...new Set(cloudManagerProfiles(props.profiles).map((p) => p.label.trim()))].sort((a, b) => a.localeCompare(b)),
    [props.profiles],
  );
  const count = props.selectedRows.length;

  const assign = async () => {
    setBusy(true);
    setError(undefined);
    setRefused([]);
    try {
      const orgIds = props.selectedRows.map((row) => row.orgId);
      const { results } = await send('dashboard/set-clients', { orgIds, client });
      const nameOf = new Map(props.selectedRows.map((row) => [row.orgId, orgName(row)]));
      const notDone = results.flatMap((result) => {
        const reason = refusalText(result);
        return reason ? [{ orgId: result.orgId, name: nameOf.get(result.orgId) ?? result.orgId, reason }] : [];
      });
      setRefused(notDone);
      props.onAssigned(
        tn('dashBatch_assigned', results.length - notDone.length, [
          client,
          String(results.length - notDone.length),
          String(notDone.length),
        ]),
      );
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="assign-client-title" data-testid="assign-client">
      <h2 id="assign-client-title">{t('dashBatch_assignTitle')}</h2>
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
      {error && <ErrorNotice error={error} />}
      {refused.length > 0 && (
        <table data-testid="assign-refused">
          <caption>{t('dashBatch_refusedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashBatch_org')}</th>
              <th scope="col">{t('dashBatch_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {refused.map((entry) => (
              <tr key={entry.orgId} data-org-id={entry.orgId}>
                <th scope="row">{entry.name}</th>
                <td>{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
