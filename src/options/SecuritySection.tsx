// Security settings: auto-lock delay, lock now, and changing the passphrase (re-encrypted, replaced atomically).
import { useState } from 'preact/hooks';
import type { Settings } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { SubmitWithOutcome } from '../ui/ActionOutcome';
import { NewPassphraseFields, useNewPassphrase } from '../ui/NewPassphraseFields';
import { PasswordField } from '../ui/PasswordField';
import { useAction } from '../ui/use-action';

const AUTO_LOCK = [1, 5, 15, 60, 0];

export function SecuritySection(props: { settings: Settings; onChange: (s: Settings) => void; onLocked: () => void }) {
  const [oldPassphrase, setOld] = useState('');
  const next = useNewPassphrase();
  const action = useAction();
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
          onChange={async (e) =>
            props.onChange(await send('settings/set', { autoLockMinutes: Number(e.currentTarget.value) }))
          }
        >
          {AUTO_LOCK.map((m) => (
            <option key={m} value={String(m)}>
              {m === 0 ? t('autoLockOnClose') : t('autoLockMinutes', String(m))}
            </option>
          ))}
        </select>
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
