// A message box for errors, warnings and successes; errors show what went wrong and what to do.
import type { ComponentChildren } from 'preact';
import type { ErrorView } from '../shared/domain';
import { errorText } from '../shared/text/error-text';

export function Notice(props: { tone: 'error' | 'warning' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice ${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function ErrorNotice({ error }: { error: ErrorView }) {
  const { message, remedy } = errorText(error);
  return (
    <Notice tone="error">
      <strong data-kind={error.kind}>{message}</strong>
      {remedy && <span>{remedy}</span>}
    </Notice>
  );
}
