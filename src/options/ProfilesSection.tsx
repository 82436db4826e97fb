// Saved key pairs: the org each key belongs to, masked keys, add (with an Ops Manager address, whose host permission
// is asked for first), rename or move, test (which org, and whether it can link), delete behind a confirmation.
// Private keys are never shown back.
import { useState } from 'preact/hooks';
import { CLOUD_MANAGER_BASE_URL } from '../core/vault';
import type { ProfileInput, ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ActionOutcome, CancelButton, SubmitWithOutcome } from '../ui/ActionOutcome';
import { KeyPairFields } from '../ui/KeyPairFields';
import { useAction } from '../ui/use-action';
import { EditProfileForm } from './EditProfileForm';
import { askHostPermission, ServerAddressFields } from './ServerAddress';

/** Which org the key belongs to, as the server said when it was saved or tested. */
function keyIdentityText(profile: ProfileView): string {
  if (profile.org) return t('keyOrg', orgLabel(profile.org.name, profile.org.id));
  if (profile.global) return t('keyGlobal');
  return t('keyOrgUnknown');
}

function ProfileRow(props: { profile: ProfileView; reload: () => Promise<void> }) {
  const { profile, reload } = props;
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [testOrg, setTestOrg] = useState('');
  const action = useAction();
  const identified = profile.org !== undefined || profile.global === true;
  const remove = () =>
    action.run(async () => {
      await send('profiles/remove', { profileId: profile.id });
      await reload();
    });
  return (
    <li class="card" data-testid={`profile-${profile.label}`}>
      <strong>{profile.label}</strong>
      <p class={identified ? '' : 'muted'} data-testid="key-org">
        {keyIdentityText(profile)}
      </p>
      <p class="mono">
        {profile.publicKey} / {profile.maskedPrivateKey}
      </p>
      <p class="muted">
        {profile.baseUrl}
        {profile.global && ` · ${t('boundOrgs', String(profile.orgIds.length))}`}
      </p>
      <div class="row">
        {profile.global && (
          <input
            aria-label={t('testOrgId')}
            placeholder={t('testOrgId')}
            value={testOrg}
            onInput={(e) => setTestOrg(e.currentTarget.value)}
          />
        )}
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              const orgId = profile.global ? testOrg.trim() || undefined : undefined;
              const result = await send('profiles/test', { profileId: profile.id, orgId });
              // The test names the key's org: the card shows it from now on.
              if (!identified) await reload();
              // A key that reads but cannot link is a warning: the link would fail as not Organization Owner.
              return result.canLink ? t('testCanLink', result.name) : { warning: t('testCannotLink', result.name) };
            })
          }
        >
          {t('testProfile')}
        </button>
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {t('editProfile')}
        </button>
        {!confirming && (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            {t('deleteProfile')}
          </button>
        )}
      </div>
      {editing && (
        <EditProfileForm
          profile={profile}
          onCancel={() => setEditing(false)}
          onDone={async () => {
            setEditing(false);
            await reload();
          }}
        />
      )}
      {confirming && (
        <div class="notice warning" role="alertdialog" aria-label={t('confirmDeleteProfile', profile.label)}>
          <p>{t('confirmDeleteProfile', profile.label)}</p>
          <div class="row">
            <button type="button" class="danger" onClick={remove}>
              {t('deleteProfileConfirm')}
            </button>
            <CancelButton onClick={() => setConfirming(false)} />
          </div>
        </div>
      )}
      <ActionOutcome done={action.done} warning={action.warning} error={action.error} />
    </li>
  );
}

export function ProfilesSection(props: { profiles: ProfileView[]; reload: () => Promise<void> }) {
  const empty: ProfileInput = { label: '', publicKey: '', privateKey: '', baseUrl: '' };
  const [input, setInput] = useState<ProfileInput>(empty);
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    action.run(async () => {
      await askHostPermission(input.baseUrl);
      await send('profiles/add', { profile: { ...input, baseUrl: input.baseUrl?.trim() || undefined } });
      setInput(empty);
      await props.reload();
      return t('profileSaved');
    });
  };
  return (
    <section aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('profilesTitle')}</h2>
      {props.profiles.length === 0 && <p>{t('noProfiles')}</p>}
      <ul class="plain">
        {props.profiles.map((p) => (
          <ProfileRow key={p.id} profile={p} reload={props.reload} />
        ))}
      </ul>
      <form class="card" onSubmit={submit} data-testid="add-profile">
        <h3>{t('addProfileTitleOptions')}</h3>
        <KeyPairFields value={input} onInput={setInput} idPrefix="options" />
        <ServerAddressFields
          id="options-base-url"
          idPrefix="options"
          value={input}
          onInput={setInput}
          placeholder={CLOUD_MANAGER_BASE_URL}
        />
        <SubmitWithOutcome text={t('saveKeyPair')} action={action} />
      </form>
    </section>
  );
}
