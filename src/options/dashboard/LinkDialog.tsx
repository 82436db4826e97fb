// Link one org from its row: the Atlas link token pasted into a modal dialog, with the same hygiene as the popup
// (password field, no autofill, kept only until sent), the same warning before a token is used for a second org,
// and the same question first when the org is already linked. Only key pairs that may serve the org are offered.
import { useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, OrgCallReply, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { CancelButton } from '../../ui/ActionOutcome';
import { ConfirmRelink } from '../../ui/ConfirmRelink';
import { LinkTokenField, TokenReuseNotice, useLinkToken } from '../../ui/LinkTokenForm';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ProfileSelect } from '../../ui/ProfileSelect';
import { linkConfirmed, mayBeLinked } from '../../ui/relink-state';
import { Dialog } from './Dialog';
import { orgName } from './row-text';
import { servingProfiles } from './serving-profiles';

export function LinkDialog(props: {
  row: DashboardRow;
  profiles: readonly ProfileView[];
  onLinked: (record: OrgCallReply) => void;
  onClose: () => void;
}) {
  const { row } = props;
  const name = orgName(row);
  const serving = servingProfiles(props.profiles, row);
  const [profileId, setProfileId] = useState<string | undefined>(
    row.profileId ?? (serving.length === 1 ? serving[0]!.id : undefined),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  // An org already linked asks before the token field appears: a new link replaces the current one.
  const [confirmed, setConfirmed] = useState(!mayBeLinked(row.status));
  const chooseProfile = !row.profileId && serving.length > 1;
  const token = useLinkToken(confirmed);

  const link = async (allowTokenReuse = false) => {
    setBusy(true);
    setError(undefined);
    token.dismissReuse();
    try {
      const linkToken = token.value;
      const record = await send('link/create', { orgId: row.orgId, linkToken, profileId, allowTokenReuse });
      token.used();
      props.onLinked(record);
    } catch (e) {
      const view = asErrorView(e);
      if (!token.caughtReuse(view)) setError(view);
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
          confirmed={linkConfirmed(row)}
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
          <ProfileSelect
            id="link-dialog-profile"
            profiles={serving}
            value={profileId ?? ''}
            onChange={(value) => setProfileId(value || undefined)}
            required
          />
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
        <LinkTokenField id="link-dialog-token" state={token} autoFocus />
        <div aria-live="polite" data-testid="link-dialog-outcome">
          {error && <ErrorNotice error={error} />}
          <TokenReuseNotice state={token} busy={busy} onUseAnyway={() => link(true)} />
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy || !profileId || token.value.trim() === ''}>
            {busy ? t('linking') : t('link')}
          </button>
          <CancelButton onClick={props.onClose} />
        </div>
      </form>
    </Dialog>
  );
}
