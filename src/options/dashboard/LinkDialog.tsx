// Link one org from its row: the Atlas link token pasted into a modal dialog, with the same hygiene as the popup
// (password field, no autofill, kept only until sent) and the same warning before a token is used for a second org.
import { useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, OrgStatusRecord, ProfileView } from '../../shared/messages';
import { send } from '../../shared/send';
import { t } from '../../ui/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Dialog } from './Dialog';
import { asErrorView } from './error-view';
import { orgName } from './row-text';

export function LinkDialog(props: {
  row: DashboardRow;
  profiles: readonly ProfileView[];
  onLinked: (record: OrgStatusRecord) => void;
  onClose: () => void;
}) {
  const { row, profiles } = props;
  const name = orgName(row);
  const [token, setToken] = useState('');
  const [profileId, setProfileId] = useState<string | undefined>(
    row.profileId ?? (profiles.length === 1 ? profiles[0]!.id : undefined),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const [reuseOf, setReuseOf] = useState<string>();
  const chooseProfile = !row.profileId && profiles.length > 1;

  const link = async (allowTokenReuse = false) => {
    setBusy(true);
    setError(undefined);
    setReuseOf(undefined);
    try {
      const record = await send('link/create', { orgId: row.orgId, linkToken: token, profileId, allowTokenReuse });
      setToken(''); // used once, never kept
      props.onLinked(record);
    } catch (e) {
      const view = asErrorView(e);
      if (view.kind === 'token-reused') setReuseOf(view.params?.orgId ?? '?');
      else setError(view);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="link-dialog-title" onClose={props.onClose} testId="link-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) link();
        }}
      >
        <h2 id="link-dialog-title">{t('dash_linkDialogTitle', name)}</h2>
        <p class="mono muted">{row.orgId}</p>
        {chooseProfile ? (
          <>
            <label for="link-dialog-profile">{t('fieldProfile')}</label>
            <select
              id="link-dialog-profile"
              value={profileId ?? ''}
              onChange={(e) => setProfileId(e.currentTarget.value || undefined)}
              required
            >
              <option value="">{t('chooseProfile')}</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} ({p.publicKey})
                </option>
              ))}
            </select>
          </>
        ) : (
          <p class="muted">
            {t('usingProfile', row.profileLabel ?? profiles.find((p) => p.id === profileId)?.label ?? '')}
          </p>
        )}
        <label for="link-dialog-token">{t('fieldLinkToken')}</label>
        <input
          id="link-dialog-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          autoFocus
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          placeholder={t('linkTokenPlaceholder')}
          required
        />
        <div aria-live="polite" data-testid="link-dialog-outcome">
          {error && <ErrorNotice error={error} />}
          {reuseOf && (
            <Notice tone="warning">
              <strong>{t('error_token_reused', reuseOf)}</strong>
              <span>{t('remedy_token_reused')}</span>
              <div class="row">
                <button type="button" onClick={() => link(true)} disabled={busy}>
                  {t('useTokenAnyway')}
                </button>
                <button type="button" onClick={() => setReuseOf(undefined)}>
                  {t('cancel')}
                </button>
              </div>
            </Notice>
          )}
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy || !profileId || token.trim() === ''}>
            {busy ? t('linking') : t('link')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
