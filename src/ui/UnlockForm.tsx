// Unlock the vault with the passphrase, the one form for every page. As a page it says plainly that a browser
// restart or an update locks it again and, in the popup, which org (or project) the tab shows, so the consultant
// knows what the unlock is for; inline (the dashboard) it sits in the "locked" notice above the table.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OrgStatusRecord, PageLocation } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ErrorNotice, Notice } from './Notice';
import { PasswordField } from './PasswordField';
import { useAction } from './use-action';

function tabText(org: OrgStatusRecord | undefined, location: PageLocation | undefined): string {
  if (org) return t('unlockOrgOnTab', orgLabel(org.name, org.orgId));
  if (location?.kind === 'group') return t('unlockProjectOnTab', location.groupId);
  return '';
}

export function UnlockForm(props: {
  org?: OrgStatusRecord;
  location?: PageLocation;
  /** Inside the dashboard's "locked" notice: one row, no heading. */
  inline?: boolean;
  onDone: () => unknown;
}) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useAction();
  const input = useRef<HTMLInputElement>(null);
  // A page that exists to take this one input puts the cursor there.
  useEffect(() => {
    if (!props.inline) input.current?.focus();
  }, []);
  // After a wrong passphrase the field is empty and keeps the cursor: the next try is typed at once.
  useEffect(() => {
    if (error && !busy && !props.inline) input.current?.focus();
  }, [error, busy]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    // A passphrase never stays in the page once sent.
    const entered = passphrase;
    setPassphrase('');
    run(async () => {
      await send('vault/unlock', { passphrase: entered });
      await props.onDone();
    });
  };
  const button = (
    <button type="submit" class="primary" disabled={busy || (props.inline && passphrase === '')}>
      {busy ? t('unlocking') : t('unlock')}
    </button>
  );

  if (props.inline) {
    return (
      <Notice tone="warning">
        <strong>{t('dash_locked')}</strong>
        <form class="row" onSubmit={submit}>
          <PasswordField
            id="dash-passphrase"
            label={t('fieldPassphrase')}
            labelClass="inline"
            class="medium"
            autocomplete="current-password"
            state={[passphrase, setPassphrase]}
          />
          {button}
        </form>
        {error && <ErrorNotice error={error} />}
      </Notice>
    );
  }

  const onTab = tabText(props.org, props.location);
  return (
    <form onSubmit={submit} data-testid="unlock-form">
      <h2>{t('unlockTitle')}</h2>
      {onTab && (
        <p class="muted" data-testid="unlock-org">
          {onTab}
        </p>
      )}
      <PasswordField
        id="unlock-passphrase"
        label={t('fieldPassphrase')}
        autocomplete="current-password"
        state={[passphrase, setPassphrase]}
        inputRef={input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'unlock-error' : undefined}
      />
      <div id="unlock-error">{error && <ErrorNotice error={error} />}</div>
      <div class="row">{button}</div>
      <p class="muted">{t('lockNotice')}</p>
    </form>
  );
}
