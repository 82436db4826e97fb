// The key pair inputs: the side it serves (Cloud Manager by default), label, public key, private key, with shape
// warnings that never block saving; an Ops Manager key pair adds its server and external addresses, an Atlas one
// says where its key is made.
import {
  CLOUD_MANAGER_BASE_URL,
  checkKeyShapes,
  type KeyShapeWarning,
  type KeySide,
  parseExternalAddresses,
} from '../core/vault';
import type { ProfileInput } from '../shared/domain';
import { type MessageKey, t } from '../shared/text/i18n';
import { ServerAddressFields } from './KeyPairServer';
import { AtlasKeyHelp, ExternalAddressesField, SideSwitch } from './KeyPairSide';
import { PasswordField } from './PasswordField';

const WARNING_KEYS: Readonly<Record<KeyShapeWarning['kind'], MessageKey>> = {
  'public-key-shape': 'warning_public_key_shape',
  'private-key-shape': 'warning_private_key_shape',
  'looks-swapped': 'warning_looks_swapped',
};

/** What a key-pair form holds while the user types: the side, and the external addresses as typed. */
export interface KeyPairDraft extends ProfileInput {
  side: KeySide;
  addressesText: string;
}

export const blankDraft = (side: KeySide = 'cloud-manager'): KeyPairDraft => ({
  label: '',
  publicKey: '',
  privateKey: '',
  baseUrl: '',
  side,
  addressesText: '',
});

/**
 * What the form sends for a new key pair: only its side's fields (an Ops Manager address typed before switching to
 * Cloud Manager is not sent), the addresses parsed; undefined while they cannot be parsed. A Cloud Manager key pair
 * is sent as it always was (no side, no address: the worker derives Cloud Manager), an Atlas one with Atlas's address.
 */
export function draftInput(draft: KeyPairDraft): ProfileInput | undefined {
  const { label, publicKey, privateKey } = draft;
  if (draft.side === 'cloud-manager') return { label, publicKey, privateKey };
  if (draft.side === 'atlas') return { label, publicKey, privateKey, side: 'atlas', baseUrl: CLOUD_MANAGER_BASE_URL };
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
}) {
  const { value, onInput, idPrefix, keepsSavedPrivateKey } = props;
  const warnings =
    !keepsSavedPrivateKey && value.publicKey && value.privateKey
      ? checkKeyShapes(value.publicKey.trim(), value.privateKey.trim())
      : [];
  const field = (name: 'label' | 'publicKey') => (event: Event) =>
    onInput({ ...value, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <>
      {props.sides?.length !== 0 && (
        <SideSwitch
          idPrefix={idPrefix}
          value={value.side}
          onChange={(side) => onInput({ ...value, side })}
          sides={props.sides}
        />
      )}
      {value.side === 'atlas' && <AtlasKeyHelp />}
      <label for={`${idPrefix}-label`}>{t('fieldLabel')}</label>
      <input id={`${idPrefix}-label`} value={value.label} onInput={field('label')} required autocomplete="off" />
      <label for={`${idPrefix}-public`}>{t('fieldPublicKey')}</label>
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
        label={keepsSavedPrivateKey ? t('fieldPrivateKeyKeep') : t('fieldPrivateKey')}
        state={[value.privateKey, (privateKey) => onInput({ ...value, privateKey })]}
        optional={keepsSavedPrivateKey}
        autocomplete="off"
      />
      {warnings.length > 0 && (
        <ul class="warnings" aria-live="polite">
          {warnings.map((w) => (
            <li key={w.kind}>{t(WARNING_KEYS[w.kind])}</li>
          ))}
        </ul>
      )}
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
