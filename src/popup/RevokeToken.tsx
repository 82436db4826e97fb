// Revoking an Atlas org's link token: its own action, behind a question that says what it removes (Atlas's DELETE
// names no token: it removes the org's link tokens and the API key each embeds, so the links made with them stop
// working) and names the Cloud Manager orgs the extension knows were linked with them. The question starts on the
// safe answer and Escape cancels; nothing is sent until the user confirms. After the revoke, the worker's check of
// each of those orgs is shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorView, OrgRef, RevokeReach, RevokeResult } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ErrorNotice, Notice } from '../ui/Notice';
import { statusWord } from './StatusLine';

function OrgList(props: { orgs: readonly OrgRef[]; testId: string }) {
  return (
    <ul data-testid={props.testId}>
      {props.orgs.map((org) => (
        <li key={org.orgId}>{orgLabel(org.name, org.orgId)}</li>
      ))}
    </ul>
  );
}

/** The orgs the revoke may cut off, as the worker's records know them; what they cannot know, said. */
function Reach(props: { atlasOrgName: string; reach?: RevokeReach; failure?: ErrorView }) {
  const { reach, atlasOrgName } = props;
  if (props.failure) return <ErrorNotice error={props.failure} />;
  if (!reach) return <p class="muted">{t('atlasRevokeReachLoading')}</p>;
  return (
    <div data-testid="revoke-reach">
      {reach.linked.length > 0 ? (
        <>
          <p>{t('atlasRevokeReachLinked', atlasOrgName)}</p>
          <OrgList orgs={reach.linked} testId="revoke-reach-linked" />
        </>
      ) : (
        <p>{t('atlasRevokeReachNone', atlasOrgName)}</p>
      )}
      {reach.unknownAtlasOrg.length > 0 && (
        <>
          <p>{t('atlasRevokeReachUnknown', atlasOrgName)}</p>
          <OrgList orgs={reach.unknownAtlasOrg} testId="revoke-reach-unknown" />
        </>
      )}
      <p class="muted">{t('atlasRevokeReachElsewhere')}</p>
    </div>
  );
}

function ConfirmRevoke(props: {
  atlasOrgId: string;
  atlasOrgName: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  const [reach, setReach] = useState<RevokeReach>();
  const [failure, setFailure] = useState<ErrorView>();
  useEffect(() => cancel.current?.focus(), []);
  useEffect(() => {
    send('atlas/revoke-reach', { atlasOrgId: props.atlasOrgId }).then(setReach, (e) => setFailure(asErrorView(e)));
  }, [props.atlasOrgId]);
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby="revoke-question"
      aria-describedby="revoke-reach"
      data-testid="revoke-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id="revoke-question">{t('atlasRevokeQuestion', props.atlasOrgName)}</p>
      <div id="revoke-reach">
        <Reach atlasOrgName={props.atlasOrgName} reach={reach} failure={failure} />
      </div>
      <div class="row">
        <button type="button" class="danger" onClick={props.onConfirm}>
          {t('atlasRevokeConfirmButton')}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** What the revoke did, and each reached org's status as the worker checked it afterwards. */
function Outcome(props: { result: RevokeResult; atlasOrgName: string }) {
  const { result, atlasOrgName } = props;
  const checked = result.checked.length + result.unchecked.length > 0;
  return (
    <Notice tone={result.outcome === 'revoked' ? 'success' : 'info'}>
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
        {failure && <ErrorNotice error={failure} />}
      </div>
    </div>
  );
}
