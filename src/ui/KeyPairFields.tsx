// The key pair inputs (label, public key, private key), with shape warnings that never block saving.
import { checkKeyShapes, type KeyShapeWarning } from '../core/vault';
import type { ProfileInput } from '../shared/domain';
import { type MessageKey, t } from '../shared/text/i18n';
import { PasswordField } from './PasswordField';

const WARNING_KEYS: Readonly<Record<KeyShapeWarning['kind'], MessageKey>> = {
  'public-key-shape': 'warning_public_key_shape',
  'private-key-shape': 'warning_private_key_shape',
  'looks-swapped': 'warning_looks_swapped',
};

export function KeyPairFields(props: {
  value: ProfileInput;
  onInput: (next: ProfileInput) => void;
  idPrefix: string;
  /** Editing a saved key pair: its private key is never sent back to a page, so an empty field keeps it. */
  keepsSavedPrivateKey?: boolean;
}) {
  const { value, onInput, idPrefix, keepsSavedPrivateKey } = props;
  const warnings =
    !keepsSavedPrivateKey && value.publicKey && value.privateKey
      ? checkKeyShapes(value.publicKey.trim(), value.privateKey.trim())
      : [];
  const field = (name: keyof ProfileInput) => (event: Event) =>
    onInput({ ...value, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <>
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
    </>
  );
}
