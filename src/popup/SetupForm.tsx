// First use: one passphrase (typed twice) protects every key pair; the first key pair is saved with it (on an org's
// page, only a key of that org: the worker asks the server whose key it is).
import { useState } from 'preact/hooks';
import { type ErrorView, MessageError, type ProfileInput } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { KeyPairFields } from '../ui/KeyPairFields';
import { NewPassphraseFields, passphraseProblem } from '../ui/NewPassphraseFields';
import { ErrorNotice } from '../ui/Notice';

export function SetupForm(props: { orgId?: string; onDone: () => Promise<void> }) {
  const [profile, setProfile] = useState<ProfileInput>({ label: '', publicKey: '', privateKey: '' });
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (passphraseProblem(passphrase, confirm)) return;
    setBusy(true);
    setError(undefined);
    try {
      await send('vault/create', { passphrase, profile, orgId: props.orgId });
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
      <NewPassphraseFields
        idPrefix="setup"
        label={t('fieldPassphrase')}
        passphrase={passphrase}
        confirm={confirm}
        onPassphrase={setPassphrase}
        onConfirm={setConfirm}
      />
      {error && <ErrorNotice error={error} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('saveKeyPair')}
        </button>
      </div>
    </form>
  );
}
