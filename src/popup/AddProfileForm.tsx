// Adds a key pair of any side, an API key or a service account (the form's `credential`): the worker asks the server
// which org the key belongs to and binds it there. With `orgId` (the tab's org) a key of another org is refused,
// naming that org; the fields keep their values so it can be fixed. The saved clients are offered by name.
import type { ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { KeyPairForm } from '../ui/KeyPairForm';

export function AddProfileForm(props: {
  orgId?: string;
  title?: string;
  profiles?: readonly ProfileView[];
  onDone: () => Promise<void>;
}) {
  return (
    <KeyPairForm
      testId="add-profile-form"
      idPrefix="add"
      labelledBy="add-profile-title"
      heading={<h2 id="add-profile-title">{props.title ?? t('addProfileTitle')}</h2>}
      profiles={props.profiles}
      send={async (profile) => {
        // The tab's org is a Cloud Manager (or Ops Manager) org: an Atlas key is never its key, so an Atlas key pair
        // saved here is checked only against the Atlas API.
        await send('profiles/add', { profile, orgId: profile.side === 'atlas' ? undefined : props.orgId });
      }}
      onDone={props.onDone}
    />
  );
}
