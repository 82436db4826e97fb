// The question before linking an org that is already linked: names the org, starts on the safe answer, and Escape
// cancels. A new link replaces the current one, so a stray paste must not do it silently.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/text/i18n';

export function ConfirmRelink(props: {
  orgName: string;
  idPrefix: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const question = `${props.idPrefix}-relink-question`;
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby={question}
      data-testid="relink-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Inside a modal dialog, Escape closes only this question.
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={question}>{t('confirmRelink', props.orgName)}</p>
      <div class="row">
        <button type="button" class="primary" onClick={props.onConfirm}>
          {t('relinkConfirmButton')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the question starts on the safe answer, also when a modal opens on it */}
        <button type="button" ref={cancel} onClick={props.onCancel} autoFocus>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
