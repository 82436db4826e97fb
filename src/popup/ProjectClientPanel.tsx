// A project page whose org no saved key pair knows: asks which client the project is of. A saved client's key pair
// (of this server) looks the project up, and only that one; a new client's key pair is added first, and the worker
// then finds the project among the projects it learnt for that key.
import { useState } from 'preact/hooks';
import type { PopupContext, ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { ErrorNotice } from '../ui/Notice';
import { useAction } from '../ui/use-action';
import { AddProfileForm } from './AddProfileForm';

const NEW_CLIENT = 'new';

function clientOption(profile: ProfileView): string {
  if (profile.org) return `${profile.label} — ${profile.org.name}`;
  if (profile.global) return `${profile.label} — ${t('keyGlobal')}`;
  return profile.label;
}

export function ProjectClientPanel(props: { context: PopupContext; url?: string; reload: () => Promise<void> }) {
  const { context } = props;
  const location = context.location;
  const base = location.kind === 'other' ? undefined : location.base;
  // An Atlas key pair has no Cloud Manager project: it is never offered as a project's client.
  const clients = context.profiles.filter((p) => p.baseUrl === base && p.side !== 'atlas');
  const [choice, setChoice] = useState(clients.length === 0 ? NEW_CLIENT : '');
  const action = useAction(context.locationError);
  const { busy, error } = action;

  const resolve = () => {
    if (!choice || choice === NEW_CLIENT) return;
    action.run(async () => {
      await send('project/resolve', { url: props.url ?? '', profileId: choice });
      await props.reload();
    });
  };

  return (
    <div data-testid="project-client">
      <form
        class="card"
        aria-labelledby="project-client-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) resolve();
        }}
      >
        <h2 id="project-client-title">{t('projectClientTitle')}</h2>
        {location.kind === 'group' && (
          <p class="muted" data-testid="project-id">
            {t('projectClientHelp', location.groupId)}
          </p>
        )}
        <label for="project-client">{t('fieldProjectClient')}</label>
        <select
          id="project-client"
          value={choice}
          onChange={(e) => {
            setChoice(e.currentTarget.value);
            action.setError(undefined);
          }}
          required
        >
          {clients.length > 0 && <option value="">{t('chooseProfile')}</option>}
          {clients.map((p) => (
            <option key={p.id} value={p.id}>
              {clientOption(p)}
            </option>
          ))}
          <option value={NEW_CLIENT}>{t('projectNewClient')}</option>
        </select>
        {choice !== NEW_CLIENT && (
          <div class="row">
            <button type="submit" class="primary" disabled={busy || choice === ''}>
              {busy ? t('projectResolving') : t('projectResolve')}
            </button>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
      </form>
      {choice === NEW_CLIENT && (
        <AddProfileForm title={t('addClientTitle')} profiles={context.profiles} onDone={props.reload} />
      )}
    </div>
  );
}
