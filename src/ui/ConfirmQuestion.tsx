// One confirmation question for every action that cannot be taken back (unlink, revoke, a new link over a link): an
// alertdialog that names what it does, starts on the safe answer (Cancel has the focus), and Escape cancels, closing
// only this question inside a modal. With `returnFocus`, the focus goes back to the button that asked.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/text/i18n';
import { useOpenerFocus } from './focus';

export function ConfirmQuestion(props: {
  /** The element ids' prefix: `${id}-question`, and `${id}-details` for the children. */
  id: string;
  testId?: string;
  question: string;
  confirmLabel: string;
  /** 'danger' for a removal, 'primary' for a replacement. */
  tone: 'danger' | 'primary';
  returnFocus?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ComponentChildren;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  const backToOpener = useOpenerFocus();
  useEffect(() => cancel.current?.focus(), []);
  const dismiss = () => {
    props.onCancel();
    if (props.returnFocus) backToOpener();
  };
  const details = props.children === undefined ? undefined : `${props.id}-details`;
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby={`${props.id}-question`}
      aria-describedby={details}
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          dismiss();
        }
      }}
    >
      <p id={`${props.id}-question`}>{props.question}</p>
      {details && <div id={details}>{props.children}</div>}
      <div class="row">
        <button type="button" class={props.tone} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the question starts on the safe answer, also when a modal opens on it */}
        <button type="button" ref={cancel} onClick={dismiss} autoFocus>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
