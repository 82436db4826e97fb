// The history of link and unlink actions per org (time, operation, result, client label — nothing secret),
// newest first, with a CSV export.
import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry } from '../shared/domain';
import type { ErrorKind } from '../shared/errors';
import { send } from '../shared/send';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { OPERATION_KEYS, STATUS_KEYS } from '../shared/text/keys';
import { toCsv } from './dashboard/csv';

export function historyCsv(entries: HistoryEntry[]): string {
  return toCsv(
    ['time', 'orgId', 'orgName', 'operation', 'result', 'ok', 'client'],
    entries.map((e) => [
      new Date(e.time).toISOString(),
      e.orgId,
      e.orgName,
      e.operation,
      e.result,
      e.ok ? 'yes' : 'no',
      e.profileLabel,
    ]),
  );
}

/** The result in words: the link state, or what went wrong; the CSV keeps the API's value. */
function resultText(entry: HistoryEntry): string {
  if (entry.result === 'NOT_LINKED') return t('notLinked');
  if (entry.result === 'revoked') return t('historyRevoked');
  if (entry.result === 'SYNCED' || entry.result === 'NOT_SYNCED') return t(STATUS_KEYS[entry.result]);
  if (!entry.ok) return errorText({ kind: entry.result as ErrorKind }).message;
  return entry.result;
}

export function HistoryView() {
  const [entries, setEntries] = useState<HistoryEntry[]>();
  const load = async () => setEntries(await send('history/list', {}));
  useEffect(() => {
    load();
  }, []);

  const download = () => {
    const url = URL.createObjectURL(new Blob([historyCsv(entries ?? [])], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `atlas-link-history-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      {entries?.length === 0 && <p>{t('historyEmpty')}</p>}
      {entries && entries.length > 0 && (
        <>
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t('historyTime')}</th>
                <th scope="col">{t('historyOrg')}</th>
                <th scope="col">{t('historyOperation')}</th>
                <th scope="col">{t('historyResult')}</th>
                <th scope="col">{t('historyClient')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.time}-${e.orgId}-${e.operation}`}>
                  <td>{new Date(e.time).toLocaleString()}</td>
                  <td>
                    {e.orgName ?? ''} <span class="mono">{e.orgId}</span>
                  </td>
                  <td>{t(OPERATION_KEYS[e.operation])}</td>
                  <td>{resultText(e)}</td>
                  <td>{e.profileLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button type="button" onClick={download}>
              {t('historyExport')}
            </button>
            <button
              type="button"
              class="danger"
              onClick={async () => {
                await send('history/clear', {});
                await load();
              }}
            >
              {t('historyClear')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
