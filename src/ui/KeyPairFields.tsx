// The key pair inputs: label, public key, private key, with shape warnings that never block saving; then, folded
// under "More options", the side it serves (Cloud Manager by default) and how it signs in (an API key by default, or
// a service account: client ID and secret); an Ops Manager key pair adds its server and external addresses, an Atlas
// one says where its key is made.
import {
  CLOUD_MANAGER_BASE_URL,
  checkKeyShapes,
  type KeyCredential,
  type KeyShapeWarning,
  type KeySide,
  parseExternalAddresses,
} from '../core/vault';
import type { ClientKeyPair } from '../core/vault/client-names';
import type { ProfileInput } from '../shared/domain';
import { type MessageKey, t } from '../shared/text/i18n';
import { ClientNameField } from './ClientNameField';
import { CredentialFixed, CredentialSwitch, ServiceAccountHelp, sideHasServiceAccounts } from './KeyPairCredential';
import { ServerAddressFields } from './KeyPairServer';
import { AtlasKeyHelp, ExternalAddressesField, MoreOptions, SideSwitch } from './KeyPairSide';
import { PasswordField } from './PasswordField';

const WARNING_KEYS: Readonly<Record<KeyCredential, Record<KeyShapeWarning['kind'], MessageKey>>> = {
  'api-key': {
    'public-key-shape': 'warning_public_key_shape',
    'private-key-shape': 'warning_private_key_shape',
    'looks-swapped': 'warning_looks_swapped',
  },
  'service-account': {
    'public-key-shape': 'credentialWarningClientId',
    'private-key-shape': 'credentialWarningClientSecret',
    'looks-swapped': 'credentialWarningSwapped',
  },
};

/** What a key-pair form holds while the user types: the side, the kind, and the external addresses as typed. */
export interface KeyPairDraft extends ProfileInput {
  side: KeySide;
  credential: KeyCredential;
  addressesText: string;
}

export const blankDraft = (side: KeySide = 'cloud-manager'): KeyPairDraft => ({
  label: '',
  publicKey: '',
  privateKey: '',
  baseUrl: '',
  side,
  credential: 'api-key',
  addressesText: '',
});

/**
 * What the form sends for a new key pair: only its side's fields (an Ops Manager address typed before switching to
 * Cloud Manager is not sent), the addresses parsed; undefined while they cannot be parsed. A Cloud Manager key pair
 * is sent as it always was (no side, no address: the worker derives Cloud Manager), an Atlas one with Atlas's address.
 * An API key is sent without a kind, as before; a service account says so (never on Ops Manager, which has none).
 */
export function draftInput(draft: KeyPairDraft): ProfileInput | undefined {
  const { label, publicKey, privateKey } = draft;
  const kind = draft.credential === 'service-account' ? { credential: draft.credential } : {};
  if (draft.side === 'cloud-manager') return { label, publicKey, privateKey, ...kind };
  if (draft.side === 'atlas') {
    return { label, publicKey, privateKey, side: 'atlas', baseUrl: CLOUD_MANAGER_BASE_URL, ...kind };
  }
  const parsed = parseExternalAddresses(draft.addressesText);
  if (!parsed.ok) return undefined;
  return {
    label,
    publicKey,
    privateKey,
    side: 'ops-manager',
    baseUrl: draft.baseUrl?.trim() || undefined,
    ...(draft.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    accessListIps: parsed.addresses,
  };
}

export function KeyPairFields(props: {
  value: KeyPairDraft;
  onInput: (next: KeyPairDraft) => void;
  idPrefix: string;
  /** Editing a saved key pair: its private key is never sent back to a page, so an empty field keeps it. */
  keepsSavedPrivateKey?: boolean;
  /** The sides offered; an empty list shows no switch (the side is fixed). */
  sides?: readonly KeySide[];
  /** The server address field's id (default `<idPrefix>-base-url`). */
  serverFieldId?: string;
  /** Editing a saved key pair: its kind is shown, never switched (another kind is another key pair). */
  credentialFixed?: boolean;
  /** The saved key pairs, whose clients the name field offers. */
  profiles?: readonly ClientKeyPair[];
}) {
  const { value, onInput, idPrefix, keepsSavedPrivateKey } = props;
  const serviceAccount = value.credential === 'service-account';
  // A service account's client ID and secret have shapes of their own, checked and worded as such.
  const warnings =
    !keepsSavedPrivateKey && value.publicKey && value.privateKey
      ? checkKeyShapes(value.publicKey.trim(), value.privateKey.trim(), value.credential)
      : [];
  const warningKeys = WARNING_KEYS[value.credential];
  // A side without service accounts (Ops Manager) turns the choice back to an API key.
  const chooseSide = (side: KeySide) =>
    onInput({ ...value, side, credential: sideHasServiceAccounts(side) ? value.credential : 'api-key' });
  const secretLabel = serviceAccount
    ? t(keepsSavedPrivateKey ? 'credentialClientSecretKeep' : 'credentialClientSecret')
    : t(keepsSavedPrivateKey ? 'fieldPrivateKeyKeep' : 'fieldPrivateKey');
  const field = (name: 'publicKey') => (event: Event) =>
    onInput({ ...value, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <>
      <ClientNameField
        idPrefix={idPrefix}
        value={value.label}
        onInput={(label) => onInput({ ...value, label })}
        side={value.side}
        profiles={props.profiles}
      />
      {/* Side by side in the popup (its 600 px): public and private key. */}
      <div class="field-pair">
        <label for={`${idPrefix}-public`}>{serviceAccount ? t('credentialClientId') : t('fieldPublicKey')}</label>
        <input
          id={`${idPrefix}-public`}
          value={value.publicKey}
          onInput={field('publicKey')}
          required
          autocomplete="off"
          spellcheck={false}
        />
        <PasswordField
          id={`${idPrefix}-private`}
          label={secretLabel}
          state={[value.privateKey, (privateKey) => onInput({ ...value, privateKey })]}
          optional={keepsSavedPrivateKey}
          autocomplete="off"
        />
      </div>
      {warnings.length > 0 && (
        <ul class="warnings" aria-live="polite">
          {warnings.map((w) => (
            <li key={w.kind}>{t(warningKeys[w.kind])}</li>
          ))}
        </ul>
      )}
      <MoreOptions value={value}>
        {props.sides?.length !== 0 && (
          <SideSwitch idPrefix={idPrefix} value={value.side} onChange={chooseSide} sides={props.sides} />
        )}
        {props.credentialFixed ? (
          <CredentialFixed value={value.credential} />
        ) : (
          <CredentialSwitch
            idPrefix={idPrefix}
            value={value.credential}
            side={value.side}
            onChange={(credential) => onInput({ ...value, credential })}
          />
        )}
      </MoreOptions>
      {serviceAccount && <ServiceAccountHelp side={value.side} />}
      {value.side === 'atlas' && !serviceAccount && <AtlasKeyHelp />}
      {value.side === 'ops-manager' && (
        <>
          <ServerAddressFields
            id={props.serverFieldId ?? `${idPrefix}-base-url`}
            idPrefix={idPrefix}
            value={value}
            onInput={(next) => onInput({ ...value, ...next })}
            required
          />
          <ExternalAddressesField
            idPrefix={idPrefix}
            value={value.addressesText}
            onInput={(addressesText) => onInput({ ...value, addressesText })}
          />
        </>
      )}
    </>
  );
}
