// Choosing a passphrase: typed twice, with the minimum length stated and a mismatch said at once.
import { MIN_PASSPHRASE_LENGTH } from '../core/vault';
import { t } from './i18n';

export const passphraseProblem = (passphrase: string, confirm: string) =>
  (passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE_LENGTH) ||
  (confirm.length > 0 && confirm !== passphrase);

export function NewPassphraseFields(props: {
  idPrefix: string;
  label: string;
  passphrase: string;
  confirm: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
}) {
  const { idPrefix, passphrase, confirm } = props;
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== passphrase;
  return (
    <>
      <label for={`${idPrefix}-passphrase`}>{props.label}</label>
      <input
        id={`${idPrefix}-passphrase`}
        type="password"
        autocomplete="new-password"
        value={passphrase}
        onInput={(e) => props.onPassphrase(e.currentTarget.value)}
        aria-describedby={`${idPrefix}-passphrase-help`}
        required
      />
      <p id={`${idPrefix}-passphrase-help`} class={tooShort ? 'warnings' : 'muted'}>
        {t('passphraseHelp', String(MIN_PASSPHRASE_LENGTH))}
      </p>
      <label for={`${idPrefix}-confirm`}>{t('fieldPassphraseConfirm')}</label>
      <input
        id={`${idPrefix}-confirm`}
        type="password"
        autocomplete="new-password"
        value={confirm}
        onInput={(e) => props.onConfirm(e.currentTarget.value)}
        aria-invalid={mismatch}
        required
      />
      {mismatch && <p class="warnings">{t('passphraseMismatch')}</p>}
    </>
  );
}
