// The audit log of link, unlink, revoke and clear actions (time, org, outcome in words, client and public key, the
// token's fingerprint and source, the Atlas org — nothing secret), newest first, with a count of the entries the
// cap dropped; exports as CSV and JSON Lines (history-export.ts); clearing asks first and offers the export.
// A link token the extension made and never used is still valid in Atlas: its entry offers to revoke it, behind the
// popup's question (Atlas's DELETE removes all of that Atlas org's link tokens and the API key each embeds).
import { useEffect, useState } from 'preact/hooks';
import type { ErrorView, HistoryEntry, RevokeResult } from '../shared/domain';
import type { ErrorKind } from '../shared/errors';
import { asErrorView, send } from '../shared/send';
import { tn } from '../shared/text/counted';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { OPERATION_KEYS } from '../shared/text/keys';
import { statusText } from '../shared/text/status-text';
import { ConfirmRevoke } from '../ui/ConfirmRevoke';
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
  if (entry.operation === 'clear-log')
    return tn('audit_result_cleared', entry.clearedCount ?? 0, String(entry.clearedCount ?? 0));
  if (entry.result === 'NOT_LINKED') return t('notLinked');
  if (entry.result === 'revoked') return t('historyRevoked');
  if (entry.result === 'nothing-to-revoke') return t('historyNothingToRevoke');
  if (entry.result === 'token-unused') return t('historyTokenUnused');
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

/**
 * The Atlas orgs whose unused tokens can still be revoked from here: an entry 'token-unused' with no successful
 * revoke of its Atlas org after it (entries are listed newest first).
 */
export function revocableEntries(entries: readonly HistoryEntry[]): Set<HistoryEntry> {
  const revokedAfter = new Set<string>();
  const revocable = new Set<HistoryEntry>();
  for (const entry of entries) {
    if (!entry.atlasOrgId) continue;
    if (entry.operation === 'revoke-token' && entry.ok) revokedAfter.add(entry.atlasOrgId);
    else if (entry.result === 'token-unused' && !revokedAfter.has(entry.atlasOrgId)) revocable.add(entry);
  }
  return revocable;
}

export function HistoryView() {
  const [entries, setEntries] = useState<HistoryEntry[]>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ErrorView>();
  const [revoking, setRevoking] = useState<string>();
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
  const revoke = async (atlasOrgId: string) => {
    setRevoking(undefined);
    setBusy(true);
    setDone(undefined);
    setError(undefined);
    try {
      const result: RevokeResult = await send('atlas/revoke', { atlasOrgId });
      setDone(t(result.outcome === 'revoked' ? 'atlasRevokeDone' : 'atlasRevokeNothing', atlasOrgId));
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
      await load().catch((e) => setError(asErrorView(e)));
    }
  };
  const dropped = entries ? droppedCount(entries) : 0;
  const revocable = revocableEntries(entries ?? []);

  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      {entries?.length === 0 && <p>{t('historyEmpty')}</p>}
      {dropped > 0 && (
        <p class="muted" data-testid="history-dropped">
          {tn('audit_dropped', dropped, String(dropped))}
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
                    <td>
                      {resultText(e)}
                      {revocable.has(e) && e.atlasOrgId && (
                        <>
                          {' '}
                          <button
                            type="button"
                            aria-haspopup="dialog"
                            disabled={busy || revoking !== undefined}
                            onClick={() => {
                              setDone(undefined);
                              setError(undefined);
                              setRevoking(e.atlasOrgId);
                            }}
                          >
                            {t('atlasRevokeButton')}
                          </button>
                        </>
                      )}
                    </td>
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
      {revoking && (
        <ConfirmRevoke
          atlasOrgId={revoking}
          atlasOrgName={revoking}
          idPrefix="history-revoke"
          onConfirm={() => revoke(revoking)}
          onCancel={() => setRevoking(undefined)}
        />
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
