// The question before an unlink: names the org, starts on the safe answer, and Escape cancels, giving the focus back
// to the Unlink button that asked it.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/text/i18n';
import { useOpenerFocus } from '../ui/focus';

export function ConfirmUnlink(props: { orgName: string; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const backToOpener = useOpenerFocus();
  useEffect(() => cancel.current?.focus(), []);
  const dismiss = () => {
    props.onCancel();
    backToOpener();
  };
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby="unlink-question"
      onKeyDown={(e) => {
        if (e.key === 'Escape') dismiss();
      }}
    >
      <p id="unlink-question">{t('confirmUnlink', props.orgName)}</p>
      <div class="row">
        <button type="button" class="danger" onClick={props.onConfirm}>
          {t('unlinkConfirmButton')}
        </button>
        <button type="button" ref={cancel} onClick={dismiss}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
