// Unlock the vault with the passphrase; says plainly that a browser restart or an update locks it again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorView, MessageError } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { ErrorNotice } from '../ui/Notice';

export function UnlockForm(props: { onDone: () => Promise<void> }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The popup exists to take this one input: put the cursor there.
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await send('vault/unlock', { passphrase });
      setPassphrase('');
      await props.onDone();
    } catch (e) {
      setPassphrase('');
      setError(e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="unlock-form">
      <h2>{t('unlockTitle')}</h2>
      <label for="unlock-passphrase">{t('fieldPassphrase')}</label>
      <input
        id="unlock-passphrase"
        type="password"
        autocomplete="current-password"
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
        ref={input}
        required
      />
      {error && <ErrorNotice error={error} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('unlocking') : t('unlock')}
        </button>
      </div>
      <p class="muted">{t('lockNotice')}</p>
    </form>
  );
}
