// The Atlas link token, the same in the popup and the dashboard: a masked field kept only until the link is made,
// and the warning (with "use it anyway") before a token already used for another org is used again.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorView } from '../shared/domain';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { CancelButton } from './ActionOutcome';
import { Notice } from './Notice';
import { PasswordField } from './PasswordField';

/**
 * The token and the reuse question. `shown` is when the field appears after the re-link question: the field then
 * takes the focus the question's buttons had.
 */
export function useLinkToken(shown: boolean) {
  const [value, setValue] = useState('');
  const [reuse, setReuse] = useState<ErrorView>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shown) input.current?.focus();
  }, [shown]);
  return {
    value,
    setValue,
    input,
    reuse,
    /** Takes a failed link's error: true when it is the reuse question (now shown), false when it is the caller's. */
    caughtReuse: (view: ErrorView) => {
      if (view.kind !== 'token-reused') return false;
      setReuse(view);
      return true;
    },
    dismissReuse: () => setReuse(undefined),
    /** The link is made: the token is used once, never kept. */
    used: () => setValue(''),
  };
}

export type LinkToken = ReturnType<typeof useLinkToken>;

export function LinkTokenField(props: { id: string; state: LinkToken; autoFocus?: boolean }) {
  return (
    <PasswordField
      id={props.id}
      label={t('fieldLinkToken')}
      inputRef={props.state.input}
      autocomplete="off"
      spellcheck={false}
      autoFocus={props.autoFocus}
      state={[props.state.value, props.state.setValue]}
      placeholder={t('linkTokenPlaceholder')}
    />
  );
}

export function TokenReuseNotice(props: { state: LinkToken; busy: boolean; onUseAnyway: () => void }) {
  const { reuse } = props.state;
  if (!reuse) return null;
  const text = errorText(reuse);
  return (
    // The question is the next step (the Link button was disabled while the link was tried): it takes the focus.
    <Notice tone="warning" takeFocus={reuse}>
      <strong>{text.message}</strong>
      <span>{text.remedy}</span>
      <div class="row">
        <button type="button" onClick={props.onUseAnyway} disabled={props.busy}>
          {t('useTokenAnyway')}
        </button>
        <CancelButton onClick={props.state.dismissReuse} />
      </div>
    </Notice>
  );
}
