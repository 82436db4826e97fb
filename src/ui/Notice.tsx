// A message box for errors, warnings and successes; errors show what went wrong and what to do (and, for an
// access-list error, the IP to add with a Copy button). One that answers what the user just did can take the focus,
// so the keyboard goes on from the result instead of the page's body.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ErrorView } from '../shared/domain';
import { errorText } from '../shared/text/error-text';
import { accessListIp, CopyIp } from './CopyIp';

export function Notice(props: {
  tone: 'error' | 'warning' | 'success' | 'info';
  /** Takes the focus when shown, and again whenever this value changes (a new error, a new result). */
  takeFocus?: unknown;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { takeFocus } = props;
  useEffect(() => {
    if (takeFocus) box.current?.focus();
  }, [takeFocus]);
  return (
    <div
      ref={box}
      class={`notice ${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      tabIndex={takeFocus ? -1 : undefined}
    >
      {props.children}
    </div>
  );
}

export function ErrorNotice({ error, takeFocus }: { error: ErrorView; takeFocus?: boolean }) {
  const { message, remedy } = errorText(error);
  const ip = accessListIp(error);
  return (
    <Notice tone="error" takeFocus={takeFocus ? error : undefined}>
      <strong data-kind={error.kind}>{message}</strong>
      {remedy && <span>{remedy}</span>}
      {ip && <CopyIp ip={ip} />}
    </Notice>
  );
}
