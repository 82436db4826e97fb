// Where a form announces how its action ended (a success sentence or the error with its remedy), the form's submit
// row above it, and the plain Cancel every form and question offers. A submitted form's outcome takes the focus: the
// button was disabled while the action ran, and the keyboard goes on from the result.
import type { ErrorView } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { ErrorNotice, Notice } from './Notice';

export function ActionOutcome(props: { done?: string; warning?: boolean; error?: ErrorView; takeFocus?: boolean }) {
  return (
    <div aria-live="polite">
      {props.done && (
        <Notice tone={props.warning ? 'warning' : 'success'} takeFocus={props.takeFocus && props.done}>
          {props.done}
        </Notice>
      )}
      {props.error && <ErrorNotice error={props.error} takeFocus={props.takeFocus} />}
    </div>
  );
}

/** The submit button, disabled while the action runs, then how the action ended. */
export function SubmitWithOutcome(props: {
  text: string;
  action: { busy: boolean; done?: string; error?: ErrorView };
}) {
  const { action } = props;
  return (
    <>
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {props.text}
        </button>
      </div>
      <ActionOutcome done={action.done} error={action.error} takeFocus />
    </>
  );
}

export function CancelButton(props: { onClick: () => void }) {
  return (
    <button type="button" onClick={props.onClick}>
      {t('cancel')}
    </button>
  );
}
