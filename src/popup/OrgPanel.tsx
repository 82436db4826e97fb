// The org's panel: which org and client, its link status (checked on open), Link with a pasted token, and Unlink
// behind a confirmation that names the org. Every outcome is announced; the token leaves the page after use.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ErrorView, MessageError, type OrgStatusRecord, type PopupContext } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { ErrorNotice, Notice } from '../ui/Notice';
import { AddProfileForm } from './AddProfileForm';
import { ConfirmUnlink } from './ConfirmUnlink';
import { StatusLine } from './StatusLine';

type Busy = 'link' | 'unlink' | 'status' | undefined;

const asView = (e: unknown): ErrorView =>
  e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) };

export function OrgPanel(props: { context: PopupContext; tabId?: number; reload: () => Promise<void> }) {
  const { context, tabId } = props;
  const orgId = context.org!.orgId;
  const [record, setRecord] = useState<OrgStatusRecord>(context.org!);
  const [profileId, setProfileId] = useState<string | undefined>(
    context.profileId ?? (context.profiles.length === 1 ? context.profiles[0]!.id : undefined),
  );
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<Busy>(context.inFlight);
  const [error, setError] = useState<ErrorView>();
  const [success, setSuccess] = useState<string>();
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [reuseOf, setReuseOf] = useState<string>();
  const tokenInput = useRef<HTMLInputElement>(null);

  const run = async (operation: Exclude<Busy, undefined>, call: () => Promise<OrgStatusRecord>) => {
    setBusy(operation);
    setError(undefined);
    setSuccess(undefined);
    try {
      const next = await call();
      setRecord(next);
      return next;
    } catch (e) {
      const view = asView(e);
      if (view.kind === 'token-reused') setReuseOf(view.params?.orgId ?? '?');
      else setError(view);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  const checkStatus = () => run('status', () => send('link/status', { orgId, profileId, tabId }));

  // The status is shown as soon as the popup opens (the worker joins a call already running for this org).
  useEffect(() => {
    // A User Timing mark (DevTools' Performance panel, and `npm run bench`): the org is on screen.
    performance.mark('atlas-link:org-shown');
    if (profileId && !context.interrupted) checkStatus();
  }, []);

  const link = async (allowTokenReuse = false) => {
    setReuseOf(undefined);
    const next = await run('link', () =>
      send('link/create', { orgId, profileId, tabId, linkToken: token, allowTokenReuse }),
    );
    if (next) {
      setToken(''); // used once, never kept
      setSuccess(t('linkedAs', next.status ?? ''));
    }
  };

  const unlink = async () => {
    setConfirmUnlink(false);
    const next = await run('unlink', () => send('link/delete', { orgId, profileId, tabId }));
    if (next) setSuccess(t('unlinked'));
  };

  if (context.profiles.length === 0) return <AddProfileForm orgId={orgId} onDone={props.reload} />;

  const orgName = record.name ?? t('unnamedOrg');
  // With one key pair there is nothing to choose: it is used (and bound to the org on the first call).
  const chooseProfile = context.profiles.length > 1;

  return (
    <div data-testid="org-panel">
      <section class="card" aria-labelledby="org-name">
        <h2 id="org-name">{orgName}</h2>
        <p class="mono" data-testid="org-id">
          {orgId}
        </p>
        {context.location.kind === 'group' && <p class="muted">{t('fromProjectPage', context.location.groupId)}</p>}
        <StatusLine record={record} busy={busy} />
        <div class="row">
          <button type="button" onClick={checkStatus} disabled={!!busy || !profileId}>
            {t('checkStatus')}
          </button>
          {record.status && record.status !== 'NOT_LINKED' && (
            <button type="button" class="danger" onClick={() => setConfirmUnlink(true)} disabled={!!busy}>
              {t('unlink')}
            </button>
          )}
        </div>
      </section>

      {context.interrupted && !busy && (
        <Notice tone="warning">
          <strong>{t('outcomeUnknown', t(`operation_${context.interrupted}`))}</strong>
          <span>{t('outcomeUnknownRemedy')}</span>
        </Notice>
      )}

      {confirmUnlink && <ConfirmUnlink orgName={orgName} onConfirm={unlink} onCancel={() => setConfirmUnlink(false)} />}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) link();
        }}
      >
        {chooseProfile && (
          <>
            <label for="profile">{t('fieldProfile')}</label>
            <select
              id="profile"
              value={profileId ?? ''}
              onChange={(e) => {
                const picked = e.currentTarget.value || undefined;
                setProfileId(picked);
                // The worker remembers the choice for this org; the status comes with it.
                if (picked) run('status', () => send('link/status', { orgId, profileId: picked, tabId }));
              }}
              required
            >
              <option value="">{t('chooseProfile')}</option>
              {context.profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} ({p.publicKey})
                </option>
              ))}
            </select>
          </>
        )}
        {!chooseProfile && (
          <p class="muted" data-testid="profile-label">
            {t('usingProfile', context.profiles.find((p) => p.id === profileId)?.label ?? '')}
          </p>
        )}
        <label for="link-token">{t('fieldLinkToken')}</label>
        <input
          id="link-token"
          ref={tokenInput}
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          placeholder={t('linkTokenPlaceholder')}
          required
        />
        <div class="row">
          <button type="submit" class="primary" disabled={!!busy || !profileId || token.trim() === ''}>
            {busy === 'link' ? t('linking') : t('link')}
          </button>
        </div>
      </form>

      <div aria-live="polite" data-testid="outcome">
        {success && (
          <Notice tone="success">
            <strong>{success}</strong>
          </Notice>
        )}
        {error && <ErrorNotice error={error} />}
        {reuseOf && (
          <Notice tone="warning">
            <strong>{t('error_token_reused', reuseOf)}</strong>
            <span>{t('remedy_token_reused')}</span>
            <div class="row">
              <button type="button" onClick={() => link(true)}>
                {t('useTokenAnyway')}
              </button>
              <button type="button" onClick={() => setReuseOf(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </Notice>
        )}
      </div>
    </div>
  );
}
