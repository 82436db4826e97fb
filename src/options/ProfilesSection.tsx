// Saved key pairs: the org each key belongs to, masked keys, add (with an Ops Manager address, whose host permission
// is asked for first), rename or move, test (which org, and whether it can link), delete behind a confirmation.
// Private keys are never shown back.
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { MessageError, type ProfileInput, type ProfileView } from '../shared/messages';
import { send } from '../shared/send';
import { ActionOutcome } from '../ui/ActionOutcome';
import { InsecureHttpConfirm } from '../ui/InsecureHttpConfirm';
import { t } from '../ui/i18n';
import { KeyPairFields } from '../ui/KeyPairFields';
import { ErrorNotice } from '../ui/Notice';
import { orgLabel } from '../ui/org-label';
import { useAction } from './use-action';

const CLOUD_MANAGER = 'https://cloud.mongodb.com';

/** Asks the browser for the Ops Manager host (must run in the click handler: it needs the user's gesture). */
async function askHostPermission(baseUrl: string | undefined): Promise<void> {
  if (!baseUrl || baseUrl.trim() === '' || baseUrl.trim().replace(/\/$/, '') === CLOUD_MANAGER) return;
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    return; // the worker explains what is wrong with the address
  }
  const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
  if (!granted) throw new MessageError({ kind: 'permission-denied', message: `Access to ${origin} was not granted.` });
}

function EditProfileForm(props: { profile: ProfileView; onDone: () => Promise<void>; onCancel: () => void }) {
  const { profile } = props;
  // The private key field starts empty: the saved one is never sent back to a page; empty keeps it.
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
      return undefined;
    });
  };
  return (
    <form onSubmit={submit} data-testid="edit-profile">
      <label for={`edit-label-${profile.id}`}>{t('fieldLabel')}</label>
      <input
        id={`edit-label-${profile.id}`}
        value={input.label}
        onInput={(e) => setInput({ ...input, label: e.currentTarget.value })}
        required
      />
      <label for={`edit-public-${profile.id}`}>{t('fieldPublicKey')}</label>
      <input
        id={`edit-public-${profile.id}`}
        value={input.publicKey}
        onInput={(e) => setInput({ ...input, publicKey: e.currentTarget.value })}
        autocomplete="off"
        required
      />
      <label for={`edit-private-${profile.id}`}>{t('fieldPrivateKeyKeep')}</label>
      <input
        id={`edit-private-${profile.id}`}
        type="password"
        autocomplete="off"
        value={input.privateKey}
        onInput={(e) => setInput({ ...input, privateKey: e.currentTarget.value })}
      />
      <label for={`edit-base-${profile.id}`}>{t('fieldBaseUrl')}</label>
      <input
        id={`edit-base-${profile.id}`}
        value={input.baseUrl}
        onInput={(e) => setInput({ ...input, baseUrl: e.currentTarget.value })}
        autocomplete="off"
      />
      <InsecureHttpConfirm
        idPrefix={`edit-${profile.id}`}
        baseUrl={input.baseUrl}
        checked={Boolean(input.allowInsecureHttp)}
        onChange={(allowInsecureHttp) => setInput({ ...input, allowInsecureHttp })}
      />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('saveChanges')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </form>
  );
}

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
              return result.canLink ? t('testCanLink', result.name) : t('testCannotLink', result.name);
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
            <button
              type="button"
              class="danger"
              onClick={() =>
                action.run(async () => {
                  await send('profiles/remove', { profileId: profile.id });
                  await reload();
                  return undefined;
                })
              }
            >
              {t('deleteProfileConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <ActionOutcome done={action.done} error={action.error} />
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
        <label for="options-base-url">{t('fieldBaseUrl')}</label>
        <input
          id="options-base-url"
          value={input.baseUrl}
          placeholder={CLOUD_MANAGER}
          onInput={(e) => setInput({ ...input, baseUrl: e.currentTarget.value })}
          autocomplete="off"
        />
        <InsecureHttpConfirm
          idPrefix="options"
          baseUrl={input.baseUrl}
          checked={Boolean(input.allowInsecureHttp)}
          onChange={(allowInsecureHttp) => setInput({ ...input, allowInsecureHttp })}
        />
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy}>
            {t('saveKeyPair')}
          </button>
        </div>
        <ActionOutcome done={action.done} error={action.error} />
      </form>
    </section>
  );
}
