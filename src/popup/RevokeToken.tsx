// Revoking an Atlas org's link token: its own action, behind a question that says what it removes (Atlas's DELETE
// names no token: it removes the org's link tokens and the API key each embeds, so the links made with them stop
// working) and names the Cloud Manager orgs the extension knows were linked with them. The question starts on the
// safe answer and Escape cancels; nothing is sent until the user confirms. After the revoke, the worker's check of
// each of those orgs is shown.
import { useRef, useState } from 'preact/hooks';
import type { ErrorView, RevokeResult } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ConfirmRevoke } from '../ui/ConfirmRevoke';
import { ErrorNotice, Notice } from '../ui/Notice';
import { statusWord } from './StatusLine';

/** What the revoke did, and each reached org's status as the worker checked it afterwards. */
function Outcome(props: { result: RevokeResult; atlasOrgName: string }) {
  const { result, atlasOrgName } = props;
  const checked = result.checked.length + result.unchecked.length > 0;
  return (
    <Notice tone={result.outcome === 'revoked' ? 'success' : 'info'} takeFocus={result}>
      <strong>
        {result.outcome === 'revoked' ? t('atlasRevokeDone', atlasOrgName) : t('atlasRevokeNothing', atlasOrgName)}
      </strong>
      {checked && (
        <>
          <p>{t('atlasRevokeChecked')}</p>
          <ul data-testid="revoke-checked">
            {result.checked.map((org) => (
              <li key={org.orgId}>
                {orgLabel(org.name, org.orgId)} —{' '}
                <span class={`status ${org.error ? 'error' : (org.record?.status ?? '')}`}>
                  {org.error
                    ? `${t('statusFailed_status')}: ${errorText(org.error).message}`
                    : statusWord(org.record?.status, org.record?.statusFrom)}
                </span>
              </li>
            ))}
            {result.unchecked.map((org) => (
              <li key={org.orgId}>
                {orgLabel(org.name, org.orgId)} — <span class="muted">{t('atlasRevokeNotChecked')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}

export function RevokeToken(props: {
  atlasOrgId: string;
  atlasOrgName: string;
  disabled?: boolean;
  /** Called after a revoke that succeeded (the popup reloads: a token kept for a retry is gone). */
  onDone?: () => Promise<void> | void;
}) {
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<RevokeResult>();
  const [failure, setFailure] = useState<ErrorView>();
  const button = useRef<HTMLButtonElement>(null);

  const close = () => {
    setAsking(false);
    // Its button was disabled while the question was open: ConfirmRevoke's own return of the focus may find it so.
    requestAnimationFrame(() => button.current?.focus());
  };

  const revoke = async () => {
    setAsking(false);
    setRunning(true);
    setDone(undefined);
    setFailure(undefined);
    try {
      setDone(await send('atlas/revoke', { atlasOrgId: props.atlasOrgId }));
      await props.onDone?.();
    } catch (e) {
      setFailure(asErrorView(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div data-testid="revoke-token">
      <div class="row">
        <button
          type="button"
          ref={button}
          onClick={() => {
            setDone(undefined);
            setFailure(undefined);
            setAsking(true);
          }}
          disabled={props.disabled || running || asking}
          aria-haspopup="dialog"
          aria-busy={running}
        >
          {running ? t('atlasRevokeBusy') : t('atlasRevokeButton')}
        </button>
      </div>
      {asking && (
        <ConfirmRevoke
          atlasOrgId={props.atlasOrgId}
          atlasOrgName={props.atlasOrgName}
          onConfirm={revoke}
          onCancel={close}
        />
      )}
      <div aria-live="polite" data-testid="revoke-outcome">
        {done && <Outcome result={done} atlasOrgName={props.atlasOrgName} />}
        {failure && <ErrorNotice error={failure} takeFocus />}
      </div>
    </div>
  );
}
