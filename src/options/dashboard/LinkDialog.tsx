// Link one org from its row: the Atlas link token pasted into a modal dialog, with the same hygiene as the popup
// (password field, no autofill, kept only until sent), the same warning before a token is used for a second org,
// and the same question first when the org is already linked. Only key pairs that may serve the org are offered.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, OrgStatusRecord, ProfileView } from '../../shared/messages';
import { send } from '../../shared/send';
import { ConfirmRelink } from '../../ui/ConfirmRelink';
import { errorText } from '../../ui/error-text';
import { t } from '../../ui/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Dialog } from './Dialog';
import { asErrorView } from './error-view';
import { orgName } from './row-text';
import { servingProfiles } from './serving-profiles';

export function LinkDialog(props: {
  row: DashboardRow;
  profiles: readonly ProfileView[];
  onLinked: (record: OrgStatusRecord) => void;
  onClose: () => void;
}) {
  const { row } = props;
  const name = orgName(row);
  const serving = servingProfiles(props.profiles, row);
  const [token, setToken] = useState('');
  const [profileId, setProfileId] = useState<string | undefined>(
    row.profileId ?? (serving.length === 1 ? serving[0]!.id : undefined),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const [reuse, setReuse] = useState<ErrorView>();
  // An org already linked asks before the token field appears: a new link replaces the current one.
  const [confirmed, setConfirmed] = useState(row.status !== 'SYNCED' && row.status !== 'NOT_SYNCED');
  const chooseProfile = !row.profileId && serving.length > 1;
  const reuseText = reuse ? errorText(reuse) : undefined;
  const tokenInput = useRef<HTMLInputElement>(null);
  // After the question, the token field takes the focus the question's buttons had.
  useEffect(() => {
    if (confirmed) tokenInput.current?.focus();
  }, [confirmed]);

  const link = async (allowTokenReuse = false) => {
    setBusy(true);
    setError(undefined);
    setReuse(undefined);
    try {
      const record = await send('link/create', { orgId: row.orgId, linkToken: token, profileId, allowTokenReuse });
      setToken(''); // used once, never kept
      props.onLinked(record);
    } catch (e) {
      const view = asErrorView(e);
      if (view.kind === 'token-reused') setReuse(view);
      else setError(view);
    } finally {
      setBusy(false);
    }
  };

  if (!confirmed) {
    return (
      <Dialog labelledBy="link-dialog-title" onClose={props.onClose} testId="link-dialog">
        <h2 id="link-dialog-title">{t('dash_linkDialogTitle', name)}</h2>
        <p class="mono muted">{row.orgId}</p>
        <ConfirmRelink
          orgName={name}
          idPrefix="link-dialog"
          onConfirm={() => setConfirmed(true)}
          onCancel={props.onClose}
        />
      </Dialog>
    );
  }

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
        {chooseProfile && (
          <>
            <label for="link-dialog-profile">{t('fieldProfile')}</label>
            <select
              id="link-dialog-profile"
              value={profileId ?? ''}
              onChange={(e) => setProfileId(e.currentTarget.value || undefined)}
              required
            >
              <option value="">{t('chooseProfile')}</option>
              {serving.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} ({p.publicKey})
                </option>
              ))}
            </select>
          </>
        )}
        {!chooseProfile && profileId && (
          <p class="muted">
            {t('usingProfile', row.profileLabel ?? serving.find((p) => p.id === profileId)?.label ?? '')}
          </p>
        )}
        {!chooseProfile && !profileId && (
          <Notice tone="warning">
            <strong>{t('dash_noServingClient')}</strong>
          </Notice>
        )}
        <label for="link-dialog-token">{t('fieldLinkToken')}</label>
        <input
          id="link-dialog-token"
          ref={tokenInput}
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
          {reuse && reuseText && (
            <Notice tone="warning">
              <strong>{reuseText.message}</strong>
              <span>{reuseText.remedy}</span>
              <div class="row">
                <button type="button" onClick={() => link(true)} disabled={busy}>
                  {t('useTokenAnyway')}
                </button>
                <button type="button" onClick={() => setReuse(undefined)}>
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
