// Where to fix a row's error, one click away: a "What to do" disclosure that shows the error's whole remedy (closed,
// a row is one short line at 50 orgs), and for an access-list error a link to the key's API keys page and, on
// expand, this computer's IP as Cloud Manager saw it with a Copy button. Also the org's own "Open in Cloud Manager".
import { Component, type ComponentChildren } from 'preact';
import { CLOUD_MANAGER_BASE, orgApiKeysUrl, orgPageUrl } from '../../core/cloudmanager/ui-url';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView } from '../../shared/domain';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { accessListIp, CopyIp } from '../../ui/CopyIp';

const ACCESS_LIST_KINDS: ReadonlySet<ErrorView['kind']> = new Set(['ip-not-allowed', 'access-list-required']);

/**
 * The page where the key of an access-list error is edited: its org's API keys page; for an Atlas-side error, the
 * row's Atlas org's (on Atlas); none for other errors, or when the org is not known.
 */
export function accessListFixUrl(row: Pick<DashboardRow, 'orgId' | 'base' | 'atlasOrgId' | 'error'>) {
  const error = row.error;
  if (!error || !ACCESS_LIST_KINDS.has(error.kind)) return undefined;
  if (error.params?.variant?.startsWith('atlas')) return row.atlasOrgId ? orgApiKeysUrl(row.atlasOrgId) : undefined;
  return orgApiKeysUrl(row.orgId, row.base);
}

/** A link that opens in a new tab (the dashboard stays where it is). */
function OutLink(props: { href: string; text: ComponentChildren; label: string; testId: string; title?: string }) {
  return (
    <a
      href={props.href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={props.label}
      title={props.title}
      class={props.title ? 'icon-link' : undefined}
      data-testid={props.testId}
    >
      {props.text}
    </a>
  );
}

/** "Opens elsewhere": a box with an arrow out of it. */
const OPEN_ICON = (
  <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16">
    <path
      d="M9 2h5v5M14 2 7.5 8.5M12 9.5V13a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3.5"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>
);

/**
 * "Open in Cloud Manager" (or Ops Manager, for a row of another server) for the org's page: an icon, so the row's
 * actions fit a 1280 px window; its name says the org and the new tab, its tooltip the words.
 */
export function OpenOrgLink({ row, name }: { row: Pick<DashboardRow, 'orgId' | 'base'>; name: string }) {
  const href = orgPageUrl(row.orgId, row.base);
  if (!href) return null;
  const opsManager = !href.startsWith(`${CLOUD_MANAGER_BASE}/`);
  return (
    <OutLink
      href={href}
      text={OPEN_ICON}
      title={t(opsManager ? 'fixIt_openInOpsManager' : 'fixIt_openInCloudManager')}
      label={t(opsManager ? 'fixIt_openOrgInOpsManager' : 'fixIt_openOrgInCloudManager', name)}
      testId="open-org"
    />
  );
}

export class RowFix extends Component<{ row: DashboardRow; name: string }, { open: boolean }> {
  override state = { open: false };

  override render() {
    const { row, name } = this.props;
    if (!row.error) return null;
    const { remedy } = errorText(row.error);
    const fixUrl = accessListFixUrl(row);
    const ip = accessListIp(row.error);
    const serviceAccount = row.error.params?.variant?.includes('service-account');
    const id = `remedy-${row.orgId}`;
    const { open } = this.state;
    return (
      <div class="row-fix">
        {(remedy || ip) && (
          <button
            type="button"
            class="disclosure"
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={id}
            aria-label={t('fixIt_whatToDoFor', name)}
            data-testid="row-fix-toggle"
            onClick={() => this.setState({ open: !open })}
          >
            {t('fixIt_whatToDo')}
          </button>
        )}
        {fixUrl && (
          <OutLink
            href={fixUrl}
            text={t(serviceAccount ? 'fixIt_fixServiceAccountAccessList' : 'fixIt_fixAccessList')}
            label={t(serviceAccount ? 'fixIt_fixServiceAccountAccessListOf' : 'fixIt_fixAccessListOf', name)}
            testId="fix-access-list"
          />
        )}
        <div id={id} class="fix-remedy" data-testid="row-remedy" hidden={!open}>
          {remedy && <span class="muted">{remedy}</span>}
          {ip && <CopyIp ip={ip} />}
        </div>
      </div>
    );
  }
}
