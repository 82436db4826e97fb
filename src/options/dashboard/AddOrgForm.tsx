// Adds an org to the table by its id or by pasting the address of one of its pages. The client is optional: it
// matters only for a project address of a new client, whose org is then looked up with that client's key pair.
import { useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { orgName } from './row-text';
import { cloudManagerProfiles } from './serving-profiles';

export function AddOrgForm(props: { profiles: readonly ProfileView[]; onAdded: (row: DashboardRow) => void }) {
  const [input, setInput] = useState('');
  const [profileId, setProfileId] = useState('');
  const { busy, error, done: added, run } = useAction();

  const add = () =>
    run(async () => {
      const row = await send('dashboard/add-org', { input, profileId: profileId || undefined });
      setInput('');
      props.onAdded(row);
      return `${orgName(row)} (${row.orgId})`;
    });

  return (
    <section class="card" aria-labelledby="add-org-title">
      <h3 id="add-org-title">{t('dash_addOrgTitle')}</h3>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) add();
        }}
      >
        <div class="field grow">
          <label for="add-org-input">{t('dash_fieldOrgInput')}</label>
          <input
            id="add-org-input"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={input}
            placeholder={t('dash_orgInputPlaceholder')}
            onInput={(e) => setInput(e.currentTarget.value)}
            required
          />
        </div>
        {props.profiles.length > 0 && (
          <div class="field">
            <label for="add-org-client">{t('dash_fieldProjectClient')}</label>
            <select id="add-org-client" value={profileId} onChange={(e) => setProfileId(e.currentTarget.value)}>
              <option value="">{t('dash_noClientChoice')}</option>
              {cloudManagerProfiles(props.profiles).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.org ? `${p.label} — ${p.org.name}` : p.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <button type="submit" disabled={busy || input.trim() === ''}>
            {busy ? t('dash_adding') : t('dash_addOrg')}
          </button>
        </div>
      </form>
      <p class="muted">{t('dash_addOrgHelp')}</p>
      <div aria-live="polite" data-testid="add-org-outcome">
        {added && (
          <Notice tone="success">
            <strong>{t('dash_orgAdded', added)}</strong>
          </Notice>
        )}
        {error && <ErrorNotice error={error} />}
      </div>
    </section>
  );
}
