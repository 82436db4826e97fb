// Where a form announces how its action ended: a success sentence or the error with its remedy.
import type { ErrorView } from '../shared/messages';
import { ErrorNotice, Notice } from './Notice';

export function ActionOutcome(props: { done?: string; error?: ErrorView }) {
  return (
    <div aria-live="polite">
      {props.done && <Notice tone="success">{props.done}</Notice>}
      {props.error && <ErrorNotice error={props.error} />}
    </div>
  );
}
