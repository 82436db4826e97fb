// Revoking an Atlas org's link token: its own action, behind a question that says what it removes (Atlas's DELETE
// names no token, so whatever token the org holds goes, and links made with it may stop working). The question
// starts on the safe answer and Escape cancels; nothing is sent until the user confirms.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorView } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { ErrorNotice, Notice } from '../ui/Notice';

function ConfirmRevoke(props: { atlasOrgName: string; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby="revoke-question"
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

export function RevokeToken(props: {
  atlasOrgId: string;
  atlasOrgName: string;
  disabled?: boolean;
  /** Called after a revoke that succeeded (the popup reloads: a token kept for a retry is gone). */
  onDone?: () => Promise<void> | void;
}) {
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<string>();
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
    const name = props.atlasOrgName;
    try {
      await send('atlas/revoke', { atlasOrgId: props.atlasOrgId });
      setDone(t('atlasRevokeDone', name));
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
      {asking && <ConfirmRevoke atlasOrgName={props.atlasOrgName} onConfirm={revoke} onCancel={close} />}
      <div aria-live="polite" data-testid="revoke-outcome">
        {done && (
          <Notice tone="success">
            <strong>{done}</strong>
          </Notice>
        )}
        {failure && <ErrorNotice error={failure} />}
      </div>
    </div>
  );
}
