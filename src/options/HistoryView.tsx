// The audit log of link, unlink, revoke and clear actions (time, org, outcome in words, client and public key, the
// token's fingerprint and source, the Atlas org — nothing secret), newest first, with a count of the entries the
// cap dropped; exports as CSV and JSON Lines (history-export.ts); clearing asks first and offers the export.
import { useEffect, useState } from 'preact/hooks';
import type { ErrorView, HistoryEntry } from '../shared/domain';
import type { ErrorKind } from '../shared/errors';
import { asErrorView, send } from '../shared/send';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { OPERATION_KEYS } from '../shared/text/keys';
import { statusText } from '../shared/text/status-text';
import { ErrorNotice, Notice } from '../ui/Notice';
import { ClearHistoryDialog } from './ClearHistoryDialog';
import { downloadHistory, droppedCount } from './history-export';

/**
 * A failure as history stores it: its kind only (no params). A kind whose sentence names a fact the entry does not
 * keep is worded by its variant without that fact (a running migration: not the projects' ids).
 */
function storedError(kind: ErrorKind): ErrorView {
  return kind === 'migration-running' ? { kind, params: { variant: 'no-projects' } } : { kind };
}

/** The outcome in words: the link state, what went wrong, or the clear; the exports keep the raw code beside it. */
export function resultText(entry: HistoryEntry): string {
  if (entry.operation === 'clear-log') return t('audit_result_cleared', String(entry.clearedCount ?? 0));
  if (entry.result === 'NOT_LINKED') return t('notLinked');
  if (entry.result === 'revoked') return t('historyRevoked');
  if (entry.result === 'nothing-to-revoke') return t('historyNothingToRevoke');
  // History records links and unlinks, never status checks: a NOT_SYNCED here is a link POST's, so a link was made.
  if (entry.result === 'SYNCED' || entry.result === 'NOT_SYNCED') return statusText(entry.result, entry.operation);
  if (!entry.ok) return errorText(storedError(entry.result as ErrorKind)).message;
  return entry.result;
}

function TokenCell({ entry }: { entry: HistoryEntry }) {
  if (!entry.tokenFingerprint) return <td />;
  return (
    <td>
      <span class="mono">{entry.tokenFingerprint}</span>
      {entry.tokenSource && (
        <span class="muted"> ({t(entry.tokenSource === 'created' ? 'audit_tokenCreated' : 'audit_tokenPasted')})</span>
      )}
    </td>
  );
}

export function HistoryView() {
  const [entries, setEntries] = useState<HistoryEntry[]>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ErrorView>();
  const load = async () => setEntries(await send('history/list', {}));
  useEffect(() => {
    load().catch((e) => setError(asErrorView(e)));
  }, []);

  const exportAs = (formats: readonly ('csv' | 'jsonl')[]) => downloadHistory(entries ?? [], resultText, formats);
  const clear = async (exportFirst: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      // The export holds what is stored now (not only what the page read when it opened).
      if (exportFirst) downloadHistory(await send('history/list', {}), resultText, ['csv', 'jsonl']);
      await send('history/clear', {});
      await load();
      setConfirming(false);
      setDone(t('audit_cleared'));
    } catch (e) {
      setError(asErrorView(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const dropped = entries ? droppedCount(entries) : 0;

  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      {entries?.length === 0 && <p>{t('historyEmpty')}</p>}
      {dropped > 0 && (
        <p class="muted" data-testid="history-dropped">
          {t('audit_dropped', String(dropped))}
        </p>
      )}
      {entries && entries.length > 0 && (
        <>
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="history">
              <thead>
                <tr>
                  <th scope="col">{t('historyTime')}</th>
                  <th scope="col">{t('historyOrg')}</th>
                  <th scope="col">{t('historyOperation')}</th>
                  <th scope="col">{t('historyResult')}</th>
                  <th scope="col">{t('historyClient')}</th>
                  <th scope="col">{t('audit_columnPublicKey')}</th>
                  <th scope="col">{t('audit_columnToken')}</th>
                  <th scope="col">{t('audit_columnAtlasOrg')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={`${e.seq ?? ''}-${e.time}-${e.orgId}-${e.operation}`}>
                    <td>
                      <time dateTime={new Date(e.time).toISOString()}>{new Date(e.time).toLocaleString()}</time>
                    </td>
                    <td>
                      {e.orgName ?? ''} <span class="mono">{e.orgId}</span>
                    </td>
                    <td>{t(OPERATION_KEYS[e.operation])}</td>
                    <td>{resultText(e)}</td>
                    <td>{e.profileLabel}</td>
                    <td class="mono">{e.publicKey ?? ''}</td>
                    <TokenCell entry={e} />
                    <td class="mono">{e.atlasOrgId ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="row">
            <button type="button" onClick={() => exportAs(['csv'])}>
              {t('historyExport')}
            </button>
            <button type="button" onClick={() => exportAs(['jsonl'])}>
              {t('audit_exportJsonl')}
            </button>
            <button type="button" class="danger" aria-haspopup="dialog" onClick={() => setConfirming(true)}>
              {t('historyClear')}
            </button>
          </div>
        </>
      )}
      <div aria-live="polite" data-testid="history-outcome">
        {done && <Notice tone="success">{done}</Notice>}
        {error && <ErrorNotice error={error} />}
      </div>
      {confirming && (
        <ClearHistoryDialog
          busy={busy}
          onExportThenClear={() => clear(true)}
          onClear={() => clear(false)}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
