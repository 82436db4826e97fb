// Editing a saved key pair in place: rename, replace the keys, or move it to another server. The private key field
// starts empty (the saved one is never sent back to a page) and an empty field keeps it.
import { useState } from 'preact/hooks';
import type { ProfileInput, ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { CancelButton } from '../ui/ActionOutcome';
import { KeyPairFields } from '../ui/KeyPairFields';
import { ErrorNotice } from '../ui/Notice';
import { useAction } from '../ui/use-action';
import { askHostPermission, ServerAddressFields } from './ServerAddress';

export function EditProfileForm(props: { profile: ProfileView; onDone: () => Promise<void>; onCancel: () => void }) {
  const { profile } = props;
  const [input, setInput] = useState<ProfileInput>({
    label: profile.label,
    publicKey: profile.publicKey,
    privateKey: '',
    baseUrl: profile.baseUrl,
    allowInsecureHttp: profile.insecureHttpConfirmed === true,
  });
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    action.run(async () => {
      await askHostPermission(input.baseUrl);
      await send('profiles/update', { profileId: profile.id, patch: input });
      await props.onDone();
    });
  };
  const idPrefix = `edit-${profile.id}`;
  return (
    <form onSubmit={submit} data-testid="edit-profile">
      <KeyPairFields value={input} onInput={setInput} idPrefix={idPrefix} keepsSavedPrivateKey />
      <ServerAddressFields id={`${idPrefix}-base`} idPrefix={idPrefix} value={input} onInput={setInput} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('saveChanges')}
        </button>
        <CancelButton onClick={props.onCancel} />
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </form>
  );
}
