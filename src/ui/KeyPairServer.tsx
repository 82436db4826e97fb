// A key pair's server address (an Ops Manager server's; Cloud Manager and Atlas have theirs): the field, the
// confirmation an http:// address needs, and the browser's host permission the worker needs to call that server.
import browser from 'webextension-polyfill';
import { CLOUD_MANAGER_BASE_URL } from '../core/vault';
import type { ProfileInput } from '../shared/domain';
import { MessageError } from '../shared/messages';
import { t } from '../shared/text/i18n';
import { InsecureHttpConfirm } from './InsecureHttpConfirm';

/** Asks the browser for the Ops Manager host (must run in the click handler: it needs the user's gesture). */
export async function askHostPermission(baseUrl: string | undefined): Promise<void> {
  if (!baseUrl || baseUrl.trim() === '' || baseUrl.trim().replace(/\/$/, '') === CLOUD_MANAGER_BASE_URL) return;
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    return; // the worker explains what is wrong with the address
  }
  const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
  if (!granted) throw new MessageError({ kind: 'permission-denied' });
}

export function ServerAddressFields(props: {
  id: string;
  idPrefix: string;
  value: ProfileInput;
  onInput: (next: ProfileInput) => void;
  placeholder?: string;
  required?: boolean;
}) {
  const { value, onInput } = props;
  return (
    <>
      <label for={props.id}>{t('fieldBaseUrl')}</label>
      <input
        id={props.id}
        value={value.baseUrl}
        placeholder={props.placeholder}
        onInput={(e) => onInput({ ...value, baseUrl: e.currentTarget.value })}
        autocomplete="off"
        required={props.required}
      />
      <InsecureHttpConfirm
        idPrefix={props.idPrefix}
        baseUrl={value.baseUrl}
        checked={Boolean(value.allowInsecureHttp)}
        onChange={(allowInsecureHttp) => onInput({ ...value, allowInsecureHttp })}
      />
    </>
  );
}
