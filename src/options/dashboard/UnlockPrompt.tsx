// Shown while the vault is locked: the table still lists known orgs, but clients, refresh, link and unlink need
// the keys, so the passphrase can be entered right here. It is cleared as soon as it is sent.
import { useState } from 'preact/hooks';
import type { ErrorView } from '../../shared/messages';
import { send } from '../../shared/send';
import { t } from '../../ui/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { asErrorView } from './error-view';

export function UnlockPrompt(props: { onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();

  const unlock = async () => {
    setBusy(true);
    setError(undefined);
    const entered = passphrase;
    setPassphrase('');
    try {
      await send('vault/unlock', { passphrase: entered });
      props.onUnlocked();
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Notice tone="warning">
      <strong>{t('dash_locked')}</strong>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) unlock();
        }}
      >
        <label for="dash-passphrase" class="inline">
          {t('fieldPassphrase')}
        </label>
        <input
          id="dash-passphrase"
          class="medium"
          type="password"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          required
        />
        <button type="submit" class="primary" disabled={busy || passphrase === ''}>
          {busy ? t('unlocking') : t('unlock')}
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
    </Notice>
  );
}
