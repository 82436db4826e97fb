// Choosing a passphrase: typed twice, with the minimum length stated and a mismatch said at once.
import { useState } from 'preact/hooks';
import { MIN_PASSPHRASE_LENGTH } from '../core/vault';
import { t } from '../shared/text/i18n';
import { PasswordField } from './PasswordField';

const passphraseProblem = (passphrase: string, confirm: string) =>
  (passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE_LENGTH) ||
  (confirm.length > 0 && confirm !== passphrase);

/** The two fields' state, emptied with `clear()` once the worker has the passphrase. */
export function useNewPassphrase() {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const problem = passphraseProblem(passphrase, confirm);
  return {
    passphrase,
    confirm,
    setPassphrase,
    setConfirm,
    problem,
    /** Typed, long enough, and the same twice: ready to send. */
    complete: passphrase !== '' && passphrase === confirm && !problem,
    clear: () => {
      setPassphrase('');
      setConfirm('');
    },
  };
}

export type NewPassphrase = ReturnType<typeof useNewPassphrase>;

export function NewPassphraseFields(props: { idPrefix: string; label: string; state: NewPassphrase }) {
  const { idPrefix, state } = props;
  const { passphrase, confirm } = state;
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== passphrase;
  return (
    <>
      {/* Side by side in the popup (its 600 px), the help below both. */}
      <div class="field-pair">
        <PasswordField
          id={`${idPrefix}-passphrase`}
          label={props.label}
          autocomplete="new-password"
          state={[passphrase, state.setPassphrase]}
          aria-describedby={`${idPrefix}-passphrase-help`}
        />
        <PasswordField
          id={`${idPrefix}-confirm`}
          label={t('fieldPassphraseConfirm')}
          autocomplete="new-password"
          state={[confirm, state.setConfirm]}
          aria-invalid={mismatch}
        />
      </div>
      <p id={`${idPrefix}-passphrase-help`} class={tooShort ? 'warnings' : 'muted'}>
        {t('passphraseHelp', String(MIN_PASSPHRASE_LENGTH))}
      </p>
      {mismatch && <p class="warnings">{t('passphraseMismatch')}</p>}
    </>
  );
}
