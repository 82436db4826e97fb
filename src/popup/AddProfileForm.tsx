// Adds a key pair: the worker asks the server which org the key belongs to and binds it there. With `orgId` (the
// tab's org) a key of another org is refused, naming that org; the fields keep their values so it can be fixed.
import { useState } from 'preact/hooks';
import { type ErrorView, MessageError, type ProfileInput } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { KeyPairFields } from '../ui/KeyPairFields';
import { ErrorNotice } from '../ui/Notice';

export function AddProfileForm(props: { orgId?: string; title?: string; onDone: () => Promise<void> }) {
  const [profile, setProfile] = useState<ProfileInput>({ label: '', publicKey: '', privateKey: '' });
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await send('profiles/add', { profile, orgId: props.orgId });
      setProfile({ label: '', publicKey: '', privateKey: '' });
      await props.onDone();
    } catch (e) {
      setError(e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="add-profile-form" aria-labelledby="add-profile-title">
      <h2 id="add-profile-title">{props.title ?? t('addProfileTitle')}</h2>
      <KeyPairFields value={profile} onInput={setProfile} idPrefix="add" />
      {error && <ErrorNotice error={error} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('saveKeyPair')}
        </button>
      </div>
    </form>
  );
}
