// The key pair inputs (label, public key, private key), with shape warnings that never block saving.
import { checkKeyShapes } from '../core/vault';
import type { ProfileInput } from '../shared/messages';
import { t } from './i18n';

export function KeyPairFields(props: { value: ProfileInput; onInput: (next: ProfileInput) => void; idPrefix: string }) {
  const { value, onInput, idPrefix } = props;
  const warnings =
    value.publicKey && value.privateKey ? checkKeyShapes(value.publicKey.trim(), value.privateKey.trim()) : [];
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
      <label for={`${idPrefix}-private`}>{t('fieldPrivateKey')}</label>
      <input
        id={`${idPrefix}-private`}
        type="password"
        value={value.privateKey}
        onInput={field('privateKey')}
        required
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
