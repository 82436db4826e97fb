// Security settings: auto-lock delay, lock now, and changing the passphrase (re-encrypted, replaced atomically).
import { useState } from 'preact/hooks';
import type { Settings } from '../shared/messages';
import { send } from '../shared/send';
import { ActionOutcome } from '../ui/ActionOutcome';
import { t } from '../ui/i18n';
import { NewPassphraseFields, passphraseProblem } from '../ui/NewPassphraseFields';
import { useAction } from './use-action';

const AUTO_LOCK = [1, 5, 15, 60, 0];

export function SecuritySection(props: { settings: Settings; onChange: (s: Settings) => void; onLocked: () => void }) {
  const [oldPassphrase, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (passphraseProblem(next, confirm)) return;
    action.run(async () => {
      await send('vault/change-passphrase', { oldPassphrase, newPassphrase: next });
      setOld('');
      setNext('');
      setConfirm('');
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
        <label for="old-passphrase">{t('fieldOldPassphrase')}</label>
        <input
          id="old-passphrase"
          type="password"
          autocomplete="current-password"
          value={oldPassphrase}
          onInput={(e) => setOld(e.currentTarget.value)}
          required
        />
        <NewPassphraseFields
          idPrefix="new"
          label={t('fieldNewPassphrase')}
          passphrase={next}
          confirm={confirm}
          onPassphrase={setNext}
          onConfirm={setConfirm}
        />
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy}>
            {t('changePassphrase')}
          </button>
        </div>
        <ActionOutcome done={action.done} error={action.error} />
      </form>
    </section>
  );
}
