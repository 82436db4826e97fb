// The question before an unlink: names the org, starts on the safe answer, and Escape cancels.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/text/i18n';

export function ConfirmUnlink(props: { orgName: string; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby="unlink-question"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <p id="unlink-question">{t('confirmUnlink', props.orgName)}</p>
      <div class="row">
        <button type="button" class="danger" onClick={props.onConfirm}>
          {t('unlinkConfirmButton')}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
