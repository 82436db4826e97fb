// The key pair inputs (label, public key, private key), with shape warnings that never block saving.
import { checkKeyShapes } from '../core/vault';
import type { ProfileInput } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { PasswordField } from './PasswordField';

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
            <li key={w.kind}>{t(`warning_${w.kind.replace(/-/g, '_')}`)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
