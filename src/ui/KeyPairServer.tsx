// A key pair's server address (an Ops Manager server's; Cloud Manager and Atlas have theirs): the field, the
// confirmation an http:// address needs, and the browser's host permission the worker needs to call that server.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { CLOUD_MANAGER_BASE_URL } from '../core/vault';
import type { ProfileInput } from '../shared/domain';
import { MessageError } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { InsecureHttpConfirm } from './InsecureHttpConfirm';

/**
 * The Ops Manager servers the organization's policy allows, as the worker said when a server field was shown
 * (undefined: no such policy, or not known yet). Kept here because the permission request must follow the click
 * at once: a server the worker would refuse is refused before the browser asks the user for access to it.
 */
let allowedServers: readonly string[] | undefined;

function useAllowedServers(): readonly string[] | undefined {
  const [servers, setServers] = useState(allowedServers);
  useEffect(() => {
    send('settings/get', {}).then(
      (settings) => {
        allowedServers = settings.managed?.allowedOpsManagerServers;
        setServers(allowedServers);
      },
      // Not known: the worker still refuses such a server when the key pair is saved.
      () => undefined,
    );
  }, []);
  return servers;
}

function requireAllowedServer(origin: string): void {
  if (!allowedServers || allowedServers.includes(origin)) return;
  const servers = allowedServers.join(', ');
  throw new MessageError({
    kind: 'server-not-allowed',
    params: servers ? { server: origin, servers } : { server: origin, variant: 'none' },
  });
}

/** Asks the browser for the Ops Manager host (must run in the click handler: it needs the user's gesture). */
export async function askHostPermission(baseUrl: string | undefined): Promise<void> {
  if (!baseUrl || baseUrl.trim() === '' || baseUrl.trim().replace(/\/$/, '') === CLOUD_MANAGER_BASE_URL) return;
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    return; // the worker explains what is wrong with the address
  }
  requireAllowedServer(origin);
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
  const servers = useAllowedServers();
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
      {servers && (
        <p class="muted" data-testid="managed-servers-hint">
          {servers.length ? t('managedServers', servers.join(', ')) : t('managedNoServers')}
        </p>
      )}
    </>
  );
}
