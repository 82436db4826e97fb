// Security settings: auto-lock delay (within the organization's limit, when its policy sets one), lock now, the
// Ops Manager servers the organization allows, and changing the passphrase (re-encrypted, replaced atomically).
import { useState } from 'preact/hooks';
import type { ManagedSettings, Settings } from '../shared/domain';
import { send } from '../shared/send';
import { tn } from '../shared/text/counted';
import { t } from '../shared/text/i18n';
import { SubmitWithOutcome } from '../ui/ActionOutcome';
import { NewPassphraseFields, useNewPassphrase } from '../ui/NewPassphraseFields';
import { PasswordField } from '../ui/PasswordField';
import { useAction } from '../ui/use-action';

const AUTO_LOCK = [1, 5, 15, 60, 0];

/** A choice the organization's limit allows ("when the browser closes" is longer than any limit). */
const withinLimit = (minutes: number, limit: number | undefined) =>
  limit === undefined || (minutes !== 0 && minutes <= limit);

/** A managed setting's note: who set it, then what it means here. */
function SetByOrganization(props: { testId: string; id?: string; text: string }) {
  return (
    <div class="notice" id={props.id} data-testid={props.testId}>
      <strong>{t('managedSetByOrganization')}</strong>
      {props.text}
    </div>
  );
}

function AllowedServers(props: { managed: ManagedSettings | undefined }) {
  const servers = props.managed?.allowedOpsManagerServers;
  if (!servers) return null;
  return (
    <SetByOrganization
      testId="managed-servers"
      text={servers.length ? t('managedServers', servers.join(', ')) : t('managedNoServers')}
    />
  );
}

export function SecuritySection(props: { settings: Settings; onChange: (s: Settings) => void; onLocked: () => void }) {
  const [oldPassphrase, setOld] = useState('');
  const next = useNewPassphrase();
  const action = useAction();
  const limit = props.settings.managed?.maxAutoLockMinutes;
  const choices = AUTO_LOCK.filter((m) => withinLimit(m, limit));
  const submit = (event: Event) => {
    event.preventDefault();
    if (next.problem) return;
    action.run(async () => {
      await send('vault/change-passphrase', { oldPassphrase, newPassphrase: next.passphrase });
      setOld('');
      next.clear();
      return t('passphraseChanged');
    });
  };
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">{t('securityTitle')}</h2>
      <div class="card">
        <label for="auto-lock">{t('fieldAutoLock')}</label>
        <select
          id="auto-lock"
          value={String(props.settings.autoLockMinutes)}
          // With one choice left the organization has fixed the delay: nothing to choose.
          disabled={choices.length <= 1}
          aria-describedby={limit === undefined ? undefined : 'auto-lock-managed'}
          onChange={async (e) =>
            props.onChange(await send('settings/set', { autoLockMinutes: Number(e.currentTarget.value) }))
          }
        >
          {AUTO_LOCK.map((m) => (
            <option key={m} value={String(m)} disabled={!choices.includes(m)}>
              {m === 0 ? t('autoLockOnClose') : t('autoLockMinutes', String(m))}
            </option>
          ))}
        </select>
        {limit !== undefined && (
          <SetByOrganization
            testId="managed-auto-lock"
            id="auto-lock-managed"
            text={tn('managedAutoLockLimit', limit, String(limit))}
          />
        )}
        <p class="muted">{t('lockNotice')}</p>
        <button
          type="button"
          onClick={async () => {
            await send('vault/lock', {});
            props.onLocked();
          }}
        >
          {t('lockNow')}
        </button>
        <AllowedServers managed={props.settings.managed} />
        {props.settings.malformedPolicies && (
          <div class="notice warning" role="status" data-testid="managed-malformed">
            {t('managedMalformed', props.settings.malformedPolicies.join(', '))}
          </div>
        )}
      </div>
      <form class="card" onSubmit={submit} data-testid="change-passphrase">
        <h3>{t('changePassphraseTitle')}</h3>
        <PasswordField
          id="old-passphrase"
          label={t('fieldOldPassphrase')}
          autocomplete="current-password"
          state={[oldPassphrase, setOld]}
        />
        <NewPassphraseFields idPrefix="new" label={t('fieldNewPassphrase')} state={next} />
        <SubmitWithOutcome text={t('changePassphrase')} action={action} />
      </form>
    </section>
  );
}
