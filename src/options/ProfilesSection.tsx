// Saved key pairs: the side, kind (API key or service account) and org each key belongs to, masked keys, add
// (Cloud Manager, an Ops Manager server whose host permission is asked for first, or Atlas; an API key or a service
// account), rename or move, test (which org, and whether it can link), delete behind a confirmation. Private keys
// and client secrets are never shown back.
import { useState } from 'preact/hooks';
import { profileCredential, profileSide } from '../core/vault';
import { clientNames } from '../core/vault/client-names';
import type { ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { tn } from '../shared/text/counted';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ActionOutcome, CancelButton, SubmitWithOutcome } from '../ui/ActionOutcome';
import { ClientNameQuestion, saveWithName, useClientNameCheck } from '../ui/ClientNameQuestion';
import { CREDENTIAL_KEYS } from '../ui/KeyPairCredential';
import { blankDraft, draftInput, type KeyPairDraft, KeyPairFields } from '../ui/KeyPairFields';
import { askHostPermission } from '../ui/KeyPairServer';
import { SIDE_KEYS, SideErrorHint } from '../ui/KeyPairSide';
import { useAction } from '../ui/use-action';
import { ClientsSection } from './ClientsSection';
import { EditProfileForm } from './EditProfileForm';
import { ImportKeyPairs } from './ImportKeyPairs';

/** Which org the key belongs to, as the server said when it was saved or tested. */
function keyIdentityText(profile: ProfileView): string {
  if (profile.org && profile.side === 'atlas') return t('keyAtlasOrg', orgLabel(profile.org.name, profile.org.id));
  if (profile.org) return t('keyOrg', orgLabel(profile.org.name, profile.org.id));
  if (profile.global) return t('keyGlobal');
  return t('keyOrgUnknown');
}

function ProfileRow(props: { profile: ProfileView; profiles: readonly ProfileView[]; reload: () => Promise<void> }) {
  const { profile, reload } = props;
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [testOrg, setTestOrg] = useState('');
  const action = useAction();
  const identified = profile.org !== undefined || profile.global === true;
  const side = profileSide(profile);
  const credential = profileCredential(profile);
  const remove = () =>
    action.run(async () => {
      await send('profiles/remove', { profileId: profile.id });
      await reload();
    });
  return (
    <li class="card" data-testid={`profile-${profile.label}`}>
      <strong>{profile.label}</strong>
      <p>
        <span data-testid="profile-side">{t(SIDE_KEYS[side])}</span>
        {' · '}
        <span data-testid="profile-credential">{t(CREDENTIAL_KEYS[credential])}</span>
      </p>
      <p class={identified ? '' : 'muted'} data-testid="key-org">
        {keyIdentityText(profile)}
      </p>
      <p class="mono">
        {profile.publicKey} / {profile.maskedPrivateKey}
      </p>
      <p class="muted">
        {profile.baseUrl}
        {profile.global && ` · ${tn('boundOrgs', profile.orgIds.length, String(profile.orgIds.length))}`}
      </p>
      {profile.accessListIps && (
        <p class="muted mono" data-testid="external-addresses">
          {t('externalAddressesSaved', profile.accessListIps.join(', '))}
        </p>
      )}
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
              // An Atlas key is named with its org; its role shows only when a link token is made.
              if (result.side === 'atlas') return t('testAtlasKey', result.name);
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
          profiles={props.profiles}
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
  const [input, setInput] = useState<KeyPairDraft>(blankDraft);
  const [importing, setImporting] = useState(false);
  const action = useAction();
  const check = useClientNameCheck(clientNames(props.profiles));
  const save = (draft: KeyPairDraft) => {
    const profile = draftInput(draft);
    if (!profile) return; // the addresses' problems are named under their field
    action.run(async () => {
      await askHostPermission(profile.baseUrl);
      await send('profiles/add', { profile });
      setInput(blankDraft());
      await props.reload();
      return t('profileSaved');
    });
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (!check.holds(input.label)) save(input);
  };
  return (
    <>
      <ClientsSection profiles={props.profiles} reload={props.reload} />
      <section aria-labelledby="profiles-title">
        <h2 id="profiles-title">{t('profilesTitle')}</h2>
        {props.profiles.length === 0 && <p>{t('noProfiles')}</p>}
        <ul class="plain">
          {props.profiles.map((p) => (
            <ProfileRow key={p.id} profile={p} profiles={props.profiles} reload={props.reload} />
          ))}
        </ul>
        {importing ? (
          <ImportKeyPairs onClose={() => setImporting(false)} reload={props.reload} />
        ) : (
          <button type="button" onClick={() => setImporting(true)}>
            {t('importOpen')}
          </button>
        )}
        <form class="card" onSubmit={submit} data-testid="add-profile">
          <h3>{t('addProfileTitleOptions')}</h3>
          <KeyPairFields value={input} onInput={setInput} idPrefix="options" profiles={props.profiles} />
          <ClientNameQuestion check={check} label={input.label} onAnswer={saveWithName(input, setInput, save)} />
          <SideErrorHint error={action.error} side={input.side} />
          <SubmitWithOutcome text={t('saveKeyPair')} action={action} />
        </form>
      </section>
    </>
  );
}
