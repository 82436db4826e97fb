// Editing a saved key pair in place: rename, replace the keys, move it between Cloud Manager and an Ops Manager server,
// change the Ops Manager server's external addresses. The private key field starts empty (the saved one is never
// sent back to a page) and an empty field keeps it. An Atlas key pair stays an Atlas one; an API key stays an API key
// and a service account a service account (shown, not switched: another kind is a new key pair), and a service
// account cannot move to Ops Manager, which has none. A new client name close to a saved client's is asked about.
import { useState } from 'preact/hooks';
import { CLOUD_MANAGER_BASE_URL, type KeySide, profileCredential, profileSide, sameLabel } from '../core/vault';
import { clientNames } from '../core/vault/client-names';
import type { ProfileInput, ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { CancelButton } from '../ui/ActionOutcome';
import { ClientNameQuestion, saveWithName, useClientNameCheck } from '../ui/ClientNameQuestion';
import { draftInput, type KeyPairDraft, KeyPairFields } from '../ui/KeyPairFields';
import { askHostPermission } from '../ui/KeyPairServer';
import { ErrorNotice } from '../ui/Notice';
import { useAction } from '../ui/use-action';

const EDITABLE_SIDES: readonly KeySide[] = ['cloud-manager', 'ops-manager'];

/** The patch an edit sends: every field of its side, the saved server for Atlas, Cloud Manager's for Cloud Manager. */
function editPatch(draft: KeyPairDraft, profile: ProfileView): Partial<ProfileInput> | undefined {
  const input = draftInput(draft);
  if (!input) return undefined;
  const baseUrl =
    draft.side === 'ops-manager' ? input.baseUrl : draft.side === 'atlas' ? profile.baseUrl : CLOUD_MANAGER_BASE_URL;
  return { ...input, side: draft.side, baseUrl, allowInsecureHttp: draft.allowInsecureHttp === true };
}

export function EditProfileForm(props: {
  profile: ProfileView;
  /** Every saved key pair: their clients are offered, and a new name close to one is asked about. */
  profiles: readonly ProfileView[];
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { profile } = props;
  const side = profileSide(profile);
  const credential = profileCredential(profile);
  const [input, setInput] = useState<KeyPairDraft>({
    label: profile.label,
    publicKey: profile.publicKey,
    privateKey: '',
    baseUrl: profile.baseUrl,
    allowInsecureHttp: profile.insecureHttpConfirmed === true,
    side,
    credential,
    addressesText: (profile.accessListIps ?? []).join('\n'),
  });
  const action = useAction();
  // Compared with the other key pairs' clients: a key pair renamed alone leaves its old name to the others, if any.
  const check = useClientNameCheck(clientNames(props.profiles.filter((p) => p.id !== profile.id)));
  const save = (draft: KeyPairDraft) => {
    const patch = editPatch(draft, profile);
    if (!patch) return; // the addresses' problems are named under their field
    action.run(async () => {
      await askHostPermission(patch.baseUrl);
      await send('profiles/update', { profileId: profile.id, patch });
      await props.onDone();
    });
  };
  const submit = (event: Event) => {
    event.preventDefault();
    // A name left as it was is not asked about.
    if (sameLabel(input.label, profile.label) || !check.holds(input.label)) save(input);
  };
  const idPrefix = `edit-${profile.id}`;
  return (
    <form onSubmit={submit} data-testid="edit-profile">
      <KeyPairFields
        value={input}
        onInput={setInput}
        idPrefix={idPrefix}
        keepsSavedPrivateKey
        sides={side === 'atlas' || credential === 'service-account' ? [] : EDITABLE_SIDES}
        credentialFixed
        serverFieldId={`${idPrefix}-base`}
        profiles={props.profiles}
      />
      <ClientNameQuestion check={check} label={input.label} onAnswer={saveWithName(input, setInput, save)} />
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
