// An Atlas org page of a saved Atlas key pair: the Atlas side of a link. Names the Atlas org, offers the client's
// Cloud Manager orgs (with their last known status) for "Create token and link" — the worker makes the token with
// this org's Atlas key pair and links the chosen org with it at once, the token never shown — and revokes the Atlas
// org's link token behind a question. With no Cloud Manager key pair of the client, says how to add one.
import { useState } from 'preact/hooks';
import type { ClientOrg, ErrorView, OrgCallReply, PopupContext } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ConfirmRelink } from '../ui/ConfirmRelink';
import { ErrorNotice, Notice } from '../ui/Notice';
import { linkConfirmed, mayBeLinked } from '../ui/relink-state';
import { pendingTime } from './CreateAndLink';
import { NotRecordedNotice } from './NotRecordedNotice';
import { RevokeToken } from './RevokeToken';
import { statusWord } from './StatusLine';

type AtlasPage = NonNullable<PopupContext['atlasPage']>;

const optionText = (org: ClientOrg) =>
  org.status
    ? `${orgLabel(org.name, org.orgId)} — ${statusWord(org.status, org.statusFrom)}`
    : orgLabel(org.name, org.orgId);

export function AtlasOrgPanel(props: { context: PopupContext; reload: () => Promise<void> }) {
  const page = props.context.atlasPage!;
  const client = props.context.profiles.find((p) => p.id === page.profileId)?.label ?? '';
  return (
    <div data-testid="atlas-org-panel">
      <section class="card" aria-labelledby="org-name">
        <h2 id="org-name">{page.name}</h2>
        <p class="mono" data-testid="org-id">
          {page.atlasOrgId}
        </p>
        <p class="muted" data-testid="atlas-org-client">
          {t('atlasLinkAtlasOrgOf', client)}
        </p>
      </section>
      {page.clientOrgs.length > 0 ? (
        <LinkClientOrg page={page} reload={props.reload} />
      ) : (
        <section class="card" data-testid="atlas-link-no-client-orgs">
          <p>{t('atlasLinkNoClientOrgs', client)}</p>
        </section>
      )}
      <section class="card" aria-label={t('atlasRevokeButton')}>
        <RevokeToken atlasOrgId={page.atlasOrgId} atlasOrgName={page.name} />
      </section>
    </div>
  );
}

function LinkClientOrg(props: { page: AtlasPage; reload: () => Promise<void> }) {
  const { page } = props;
  const [orgId, setOrgId] = useState(page.clientOrgs[0]!.orgId);
  const [running, setRunning] = useState(false);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<OrgCallReply>();
  const [failure, setFailure] = useState<ErrorView>();
  const chosen = page.clientOrgs.find((org) => org.orgId === orgId) ?? page.clientOrgs[0]!;

  const link = async () => {
    setAsking(false);
    setRunning(true);
    setDone(undefined);
    setFailure(undefined);
    try {
      const record = await send('atlas/link', {
        orgId: chosen.orgId,
        atlasOrgId: page.atlasOrgId,
        profileId: chosen.profileId,
      });
      setDone(record);
    } catch (e) {
      setFailure(asErrorView(e));
    } finally {
      setRunning(false);
    }
    // The orgs' statuses come again with the context.
    await props.reload();
  };

  return (
    <section class="card" aria-labelledby="atlas-link-title" aria-busy={running} data-testid="create-and-link">
      <h2 id="atlas-link-title">{t('atlasLinkTitle')}</h2>
      <p class="muted">{t('atlasLinkPageHelp')}</p>
      <label for="client-org">{t('atlasLinkClientOrg')}</label>
      <select id="client-org" value={chosen.orgId} disabled={running} onChange={(e) => setOrgId(e.currentTarget.value)}>
        {page.clientOrgs.map((org) => (
          <option key={org.orgId} value={org.orgId}>
            {optionText(org)}
          </option>
        ))}
      </select>
      {chosen.pendingUntil !== undefined && (
        <p class="muted" data-testid="atlas-link-pending">
          {t('atlasLinkPending', pendingTime(chosen.pendingUntil))}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => (mayBeLinked(chosen.status) ? setAsking(true) : link())}
          disabled={running || asking}
          aria-busy={running}
        >
          {running ? t('atlasLinkBusy') : t('atlasLinkButton')}
        </button>
      </div>
      {asking && (
        <ConfirmRelink
          orgName={chosen.name ?? chosen.orgId}
          idPrefix="atlas-page"
          confirmed={linkConfirmed(chosen)}
          onConfirm={link}
          onCancel={() => setAsking(false)}
        />
      )}
      <div aria-live="polite" data-testid="outcome">
        {done && (
          <Notice tone="success">
            <strong>{t('atlasLinkDoneFor', orgLabel(done.name ?? chosen.name, done.orgId))}</strong>{' '}
            <span class="status" data-testid="status">
              {statusWord(done.status, done.statusFrom)}
            </span>
          </Notice>
        )}
        <NotRecordedNotice reply={done} />
        {failure && (
          <>
            <p>
              <span class="status error" data-testid="status">
                {t('statusFailed_link')}
              </span>
            </p>
            <ErrorNotice error={failure} />
          </>
        )}
      </div>
    </section>
  );
}
