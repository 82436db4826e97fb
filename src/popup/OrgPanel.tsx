// The org's panel: which org and which of its key pairs, its link status (checked on open), Link with a pasted
// token (folded behind a question when the org is already linked), and Unlink behind a confirmation that names the
// org. Only key pairs that may serve this org are ever offered; with none, the key-pair form takes the panel. A
// client with Atlas key pairs also gets "Create token and link" (CreateAndLink.tsx), whose outcome shows here.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OrgCallReply, OrgStatusRecord, PopupContext, ProfileView } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { OPERATION_KEYS } from '../shared/text/keys';
import { LinkTokenField, TokenReuseNotice, useLinkToken } from '../ui/LinkTokenForm';
import { Notice } from '../ui/Notice';
import { ProfileSelect } from '../ui/ProfileSelect';
import { linkConfirmed, mayBeLinked } from '../ui/relink-state';
import { lazyPanel } from './lazy-panel';
import { NotRecordedNotice } from './NotRecordedNotice';
import { type Failure, type Operation, StatusLine } from './StatusLine';

// The questions before an unlink and before a new link over a link: loaded when asked.
const ConfirmUnlink = lazyPanel(() => import('./ConfirmUnlink').then((m) => m.ConfirmUnlink));
const ConfirmRelink = lazyPanel(() => import('../ui/ConfirmRelink').then((m) => m.ConfirmRelink));
// Loaded when shown: an org with its key pair and no Atlas key pair needs neither.
const CreateAndLink = lazyPanel(() => import('./CreateAndLink').then((m) => m.CreateAndLink));
const NoKeyPairPanel = lazyPanel(() => import('./NoKeyPairPanel').then((m) => m.NoKeyPairPanel));
// An org with no migration (most of them) never loads the migration badge's words.
const MigrationBadge = lazyPanel(() => import('../ui/MigrationBadge').then((m) => m.MigrationBadge));
// Loaded and asked only when "What Atlas sees" is opened.
const AtlasSees = lazyPanel(() => import('./AtlasSees').then((m) => m.AtlasSees));

/** The key pairs the worker says may serve this org; never another org's. */
export function candidateProfiles(context: PopupContext): ProfileView[] {
  const ids = context.candidates ?? (context.profileId ? [context.profileId] : []);
  return context.profiles.filter((p) => ids.includes(p.id));
}

/**
 * `settled`: false while the panel is the one the worker kept for this page (its answer not in yet): the status
 * check waits for that answer, which may tell of a call whose outcome is unknown (then nothing is checked).
 */
export function OrgPanel(props: { context: PopupContext; reload: () => Promise<void>; settled?: boolean }) {
  const candidates = candidateProfiles(props.context);
  if (candidates.length === 0) return <NoKeyPairPanel context={props.context} reload={props.reload} />;
  return <LinkPanel {...props} settled={props.settled ?? true} candidates={candidates} />;
}

const isLinked = (record: OrgStatusRecord) => mayBeLinked(record.status);

function LinkPanel(props: {
  context: PopupContext;
  candidates: ProfileView[];
  reload: () => Promise<void>;
  settled: boolean;
}) {
  const { context, candidates } = props;
  const orgId = context.org!.orgId;
  const [record, setRecord] = useState<OrgStatusRecord>(context.org!);
  const [profileId, setProfileId] = useState<string | undefined>(() => {
    if (context.profileId && candidates.some((p) => p.id === context.profileId)) return context.profileId;
    return candidates.length === 1 ? candidates[0]!.id : undefined;
  });
  const [busy, setBusy] = useState<Operation | undefined>(context.inFlight);
  const [failure, setFailure] = useState<Failure>();
  const [success, setSuccess] = useState<string>();
  // The last call's answer when the server accepted it but its outcome could not be stored.
  const [reply, setReply] = useState<OrgCallReply>();
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  // An already linked org keeps the token form folded until the user confirms a new link.
  const [relink, setRelink] = useState<'folded' | 'asking' | 'open'>('folded');
  const token = useLinkToken(relink === 'open');
  const relinkButton = useRef<HTMLButtonElement>(null);
  const [atlasSeesOpen, setAtlasSeesOpen] = useState(false);

  const run = async (operation: Operation, call: () => Promise<OrgCallReply>) => {
    setBusy(operation);
    setFailure(undefined);
    setSuccess(undefined);
    setReply(undefined);
    try {
      const next = await call();
      setRecord(next);
      setReply(next);
      return next;
    } catch (e) {
      const view = asErrorView(e);
      if (!token.caughtReuse(view)) setFailure({ operation, error: view });
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  // The status check the popup runs when it opens: a link asked meanwhile (the token pasted and Enter pressed at
  // once) waits for it, as the worker answers one call per org at a time, instead of being dropped.
  const statusCheck = useRef<Promise<OrgCallReply | undefined>>(undefined);
  const [linkQueued, setLinkQueued] = useState(false);
  const checkStatus = (id = profileId) => {
    const check = run('status', () => send('link/status', { orgId, profileId: id }));
    statusCheck.current = check;
    return check;
  };

  // The status is shown as soon as the popup opens (the worker joins a call already running for this org).
  // A User Timing mark (DevTools' Performance panel, and `npm run bench`): the org is in the page, about to be
  // painted. A layout effect: Preact runs a plain effect only after the next frame (up to 35 ms later).
  useLayoutEffect(() => {
    performance.mark('atlas-link:org-shown');
  }, []);
  useEffect(() => {
    if (props.settled && profileId && !context.interrupted) checkStatus();
  }, [props.settled]);

  const link = async (allowTokenReuse = false) => {
    token.dismissReuse();
    const next = await run('link', () =>
      send('link/create', { orgId, profileId, linkToken: token.value, allowTokenReuse }),
    );
    if (next) {
      token.used();
      setRelink('folded');
      setSuccess(t('linkDone'));
    }
  };

  // A link asked during the status check follows it, unless the check found the org linked: then the relink
  // question stands, as for any linked org.
  const linkAfterStatus = async () => {
    setLinkQueued(true);
    const checked = await statusCheck.current;
    setLinkQueued(false);
    if (!(checked && isLinked(checked))) await link();
  };

  // Both sides at once: the worker makes the token with the client's Atlas key pair and links with it.
  const createAndLink = async (atlasOrgId: string) => {
    const next = await run('link', () => send('atlas/link', { orgId, atlasOrgId, profileId }));
    if (next) {
      setRelink('folded');
      setSuccess(t('linkDone'));
    }
    // A token kept for a retry (or no longer kept) shows on the next context.
    await props.reload();
  };

  const unlink = async () => {
    setConfirmUnlink(false);
    const next = await run('unlink', () => send('link/delete', { orgId, profileId }));
    if (next) setSuccess(t('unlinked'));
  };

  const orgName = record.name ?? t('unnamedOrg');
  const showForm = !isLinked(record) || relink === 'open';
  // A linked org of a client with an Atlas key pair: what Atlas sees of it, asked when opened; open, it takes the
  // place of create-and-link (the org is linked), so the popup stays within 600 px.
  const atlasSeesOffered = isLinked(record) && relink === 'folded' && !!context.atlasTargets?.length;

  return (
    <div data-testid="org-panel">
      <section class="card" aria-labelledby="org-name">
        <h2 id="org-name">{orgName}</h2>
        <p class="mono" data-testid="org-id">
          {orgId}
        </p>
        {context.location.kind === 'group' && <p class="muted">{t('fromProjectPage', context.location.groupId)}</p>}
        {candidates.length > 1 ? (
          <ProfileSelect
            id="profile"
            profiles={candidates}
            value={profileId ?? ''}
            disabled={!!busy}
            onChange={(value) => {
              const picked = value || undefined;
              setProfileId(picked);
              // The worker remembers the choice for this org; the status comes with it.
              if (picked) checkStatus(picked);
            }}
            required
          />
        ) : (
          <p class="muted" data-testid="profile-label">
            {t('usingProfile', candidates[0]!.label)}
          </p>
        )}
        <StatusLine record={record} busy={busy} failure={failure} />
        {context.migration && (
          <div data-testid="popup-migration">
            <MigrationBadge migration={context.migration} now={Date.now()} />
          </div>
        )}
        <div class="row">
          <button type="button" onClick={() => checkStatus()} disabled={!!busy || !profileId}>
            {t('checkStatus')}
          </button>
          {record.status && record.status !== 'NOT_LINKED' && (
            <button type="button" class="danger" onClick={() => setConfirmUnlink(true)} disabled={!!busy}>
              {t('unlink')}
            </button>
          )}
          {atlasSeesOffered && (
            <button
              type="button"
              aria-expanded={atlasSeesOpen}
              aria-controls="atlas-sees"
              onClick={() => setAtlasSeesOpen(!atlasSeesOpen)}
            >
              {t('popAtlas_sees')}
            </button>
          )}
        </div>
      </section>

      {atlasSeesOffered && atlasSeesOpen && <AtlasSees orgId={orgId} />}

      {context.interrupted && !busy && (
        <Notice tone="warning">
          <strong>{t('outcomeUnknown', t(OPERATION_KEYS[context.interrupted]))}</strong>
          <span>{t('outcomeUnknownRemedy')}</span>
        </Notice>
      )}

      {confirmUnlink && <ConfirmUnlink orgName={orgName} onConfirm={unlink} onCancel={() => setConfirmUnlink(false)} />}

      {context.atlasTargets?.length && !(atlasSeesOffered && atlasSeesOpen) ? (
        <CreateAndLink
          targets={context.atlasTargets}
          remembered={context.org!.atlasOrgId}
          orgName={orgName}
          linked={isLinked(record) && relink !== 'open'}
          linkConfirmed={linkConfirmed(record)}
          busy={!!busy}
          ready={!!profileId}
          onLink={createAndLink}
          reload={props.reload}
        />
      ) : null}

      {!showForm && relink === 'folded' && (
        <div class="row">
          <button
            type="button"
            ref={relinkButton}
            onClick={() => setRelink('asking')}
            disabled={!!busy}
            aria-haspopup="dialog"
          >
            {t('relinkButton')}
          </button>
        </div>
      )}
      {!showForm && relink === 'asking' && (
        <ConfirmRelink
          orgName={orgName}
          idPrefix="popup"
          confirmed={linkConfirmed(record)}
          onConfirm={() => setRelink('open')}
          onCancel={() => {
            setRelink('folded');
            requestAnimationFrame(() => relinkButton.current?.focus());
          }}
        />
      )}

      {showForm && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (linkQueued) return;
            if (busy === 'status') linkAfterStatus();
            else if (!busy) link();
          }}
        >
          <LinkTokenField id="link-token" state={token} />
          <div class="row">
            <button
              type="submit"
              class="primary"
              disabled={(!!busy && busy !== 'status') || linkQueued || !profileId || token.value.trim() === ''}
            >
              {busy === 'link' || linkQueued ? t('linking') : t('link')}
            </button>
          </div>
        </form>
      )}

      <div aria-live="polite" data-testid="outcome">
        {success && (
          <Notice tone="success" takeFocus={success}>
            <strong>{success}</strong>
          </Notice>
        )}
        <NotRecordedNotice reply={reply} />
        <TokenReuseNotice state={token} busy={!!busy} onUseAnyway={() => link(true)} />
      </div>
    </div>
  );
}
