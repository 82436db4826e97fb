// A message box for errors, warnings and successes; errors show what went wrong and what to do (and, for an
// access-list error, the IP to add with a Copy button).
import type { ComponentChildren } from 'preact';
import type { ErrorView } from '../shared/domain';
import { errorText } from '../shared/text/error-text';
import { accessListIp, CopyIp } from './CopyIp';

export function Notice(props: { tone: 'error' | 'warning' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice ${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function ErrorNotice({ error }: { error: ErrorView }) {
  const { message, remedy } = errorText(error);
  const ip = accessListIp(error);
  return (
    <Notice tone="error">
      <strong data-kind={error.kind}>{message}</strong>
      {remedy && <span>{remedy}</span>}
      {ip && <CopyIp ip={ip} />}
    </Notice>
  );
}
