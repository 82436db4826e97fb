// Unlock the vault with the passphrase; says plainly that a browser restart or an update locks it again. In the
// popup it also says which org (or project) the tab shows, so the consultant knows what the unlock is for.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorView, MessageError, type OrgStatusRecord, type PageLocation } from '../shared/messages';
import { send } from '../shared/send';
import { t } from './i18n';
import { ErrorNotice } from './Notice';
import { orgLabel } from './org-label';

function tabText(org: OrgStatusRecord | undefined, location: PageLocation | undefined): string {
  if (org) return t('unlockOrgOnTab', orgLabel(org.name, org.orgId));
  if (location?.kind === 'group') return t('unlockProjectOnTab', location.groupId);
  return '';
}

export function UnlockForm(props: { org?: OrgStatusRecord; location?: PageLocation; onDone: () => Promise<void> }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The popup exists to take this one input: put the cursor there.
  useEffect(() => input.current?.focus(), []);
  // After a wrong passphrase the field is emptied (a passphrase never stays in the page once sent) and keeps the
  // cursor: the next try is typed at once.
  useEffect(() => {
    if (error && !busy) input.current?.focus();
  }, [error, busy]);

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

  const onTab = tabText(props.org, props.location);
  return (
    <form onSubmit={submit} data-testid="unlock-form">
      <h2>{t('unlockTitle')}</h2>
      {onTab && (
        <p class="muted" data-testid="unlock-org">
          {onTab}
        </p>
      )}
      <label for="unlock-passphrase">{t('fieldPassphrase')}</label>
      <input
        id="unlock-passphrase"
        type="password"
        autocomplete="current-password"
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
        ref={input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'unlock-error' : undefined}
        required
      />
      <div id="unlock-error">{error && <ErrorNotice error={error} />}</div>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('unlocking') : t('unlock')}
        </button>
      </div>
      <p class="muted">{t('lockNotice')}</p>
    </form>
  );
}
