// The explicit confirmation an http:// server address needs (unless it is this computer): the link token and the
// Digest exchange would travel unencrypted, and the worker refuses such an address without this box ticked.
import { isLoopbackHost } from '../core/vault';
import { t } from '../shared/text/i18n';

export function needsInsecureConfirmation(baseUrl: string | undefined): boolean {
  try {
    const url = new URL((baseUrl ?? '').trim());
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export function InsecureHttpConfirm(props: {
  idPrefix: string;
  baseUrl: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  if (!needsInsecureConfirmation(props.baseUrl)) return null;
  return (
    <label class="checkbox warnings" for={`${props.idPrefix}-insecure-http`}>
      <input
        id={`${props.idPrefix}-insecure-http`}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />{' '}
      {t('fieldAllowInsecureHttp')}
    </label>
  );
}
