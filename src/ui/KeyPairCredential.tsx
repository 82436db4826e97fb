// How a key pair signs in, chosen in the key-pair forms: an API key (Digest; the default) or a service account
// (OAuth 2.0 client credentials: the client ID and secret take the public and private key's places), where a service
// account is made on the chosen side, and why Ops Manager offers none. An edit shows the kind but never switches it.
import type { KeyCredential, KeySide } from '../core/vault';
import { type MessageKey, t } from '../shared/text/i18n';

export const CREDENTIAL_KEYS: Readonly<Record<KeyCredential, MessageKey>> = {
  'api-key': 'credentialApiKey',
  'service-account': 'credentialServiceAccount',
};

const ALL_CREDENTIALS: readonly KeyCredential[] = ['api-key', 'service-account'];

/** Whether a side has service accounts: Cloud Manager (in Preview) and Atlas do, Ops Manager does not. */
export const sideHasServiceAccounts = (side: KeySide): boolean => side !== 'ops-manager';

/**
 * A native radio group like the side switch: Tab reaches it, the arrow keys move the choice (skipping a disabled
 * one), the legend names it. On Ops Manager the service account is disabled, the reason said beside it.
 */
export function CredentialSwitch(props: {
  idPrefix: string;
  value: KeyCredential;
  side: KeySide;
  onChange: (credential: KeyCredential) => void;
}) {
  const { idPrefix } = props;
  const noServiceAccount = !sideHasServiceAccounts(props.side);
  const reasonId = `${idPrefix}-credential-reason`;
  return (
    <fieldset class="sides" data-testid="key-credential">
      <legend>{t('credentialLegend')}</legend>
      {ALL_CREDENTIALS.map((credential) => {
        const disabled = credential === 'service-account' && noServiceAccount;
        return (
          <label key={credential} class="checkbox" for={`${idPrefix}-credential-${credential}`}>
            <input
              id={`${idPrefix}-credential-${credential}`}
              type="radio"
              name={`${idPrefix}-credential`}
              value={credential}
              checked={props.value === credential}
              disabled={disabled}
              aria-describedby={disabled ? reasonId : undefined}
              onChange={() => props.onChange(credential)}
            />{' '}
            {t(CREDENTIAL_KEYS[credential])}
          </label>
        );
      })}
      {noServiceAccount && (
        <p id={reasonId} class="muted" data-testid="credential-reason">
          {t('credentialOpsManagerNone')}
        </p>
      )}
    </fieldset>
  );
}

/** An edit's kind: shown, with how to change it (a new key pair), never a switch. */
export function CredentialFixed(props: { value: KeyCredential }) {
  return (
    <p class="muted" data-testid="key-credential-fixed">
      {t('credentialFixed', t(CREDENTIAL_KEYS[props.value]))}
    </p>
  );
}

/** Where a service account is made on the side chosen, with which role (nothing for Ops Manager: it has none). */
export function ServiceAccountHelp(props: { side: KeySide }) {
  if (!sideHasServiceAccounts(props.side)) return null;
  return (
    <p class="muted" data-testid="credential-help">
      {props.side === 'atlas' ? t('credentialHelpAtlas') : t('credentialHelpCloudManager')}
    </p>
  );
}
