// First use: one passphrase (typed twice) protects every key pair; the first key pair is saved with it.
import { useState } from 'preact/hooks';
import { type ErrorView, MessageError, type ProfileInput } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { KeyPairFields } from '../ui/KeyPairFields';
import { ErrorNotice } from '../ui/Notice';

export const MIN_PASSPHRASE = 10;

export function SetupForm(props: { orgId?: string; onDone: () => Promise<void> }) {
  const [profile, setProfile] = useState<ProfileInput>({ label: '', publicKey: '', privateKey: '' });
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);

  const mismatch = confirm.length > 0 && confirm !== passphrase;
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (mismatch || tooShort) return;
    setBusy(true);
    setError(undefined);
    try {
      await send('vault/create', { passphrase, profile });
      // Nothing secret stays in the page once the worker has it.
      setPassphrase('');
      setConfirm('');
      setProfile({ label: '', publicKey: '', privateKey: '' });
      await props.onDone();
    } catch (e) {
      setError(e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="setup-form">
      <h2>{t('setupTitle')}</h2>
      <p class="muted">{t('setupIntro')}</p>
      <KeyPairFields value={profile} onInput={setProfile} idPrefix="setup" />
      <label for="setup-passphrase">{t('fieldPassphrase')}</label>
      <input
        id="setup-passphrase"
        type="password"
        autocomplete="new-password"
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
        aria-describedby="setup-passphrase-help"
        required
      />
      <p id="setup-passphrase-help" class={tooShort ? 'warnings' : 'muted'}>
        {t('passphraseHelp', String(MIN_PASSPHRASE))}
      </p>
      <label for="setup-confirm">{t('fieldPassphraseConfirm')}</label>
      <input
        id="setup-confirm"
        type="password"
        autocomplete="new-password"
        value={confirm}
        onInput={(e) => setConfirm(e.currentTarget.value)}
        aria-invalid={mismatch}
        required
      />
      {mismatch && <p class="warnings">{t('passphraseMismatch')}</p>}
      {error && <ErrorNotice error={error} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('saveKeyPair')}
        </button>
      </div>
    </form>
  );
}
