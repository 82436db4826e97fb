// One org's row, one line high: a selection box, name and id (with Copy), client, Atlas target (a list of the client's Atlas orgs), status (or
// what went wrong, with what to do on expand and where to fix it), age of that knowledge, last action, and the row's
// own Check / Link / Unlink / Edit buttons with a link to the org's page (and, linked with an Atlas target, to its
// plans in the Migrations tab). It re-renders only when its own data changes, so a refresh of 500 orgs repaints the
// rows that changed, not the table.
import { Component } from 'preact';
import type { DashboardRow, RefreshItem, RunKind } from '../../shared/dashboard-messages';
import type { Operation } from '../../shared/domain';
import { t } from '../../shared/text/i18n';
import { BUSY_KEYS } from '../../shared/text/keys';
import { MigrationBadge } from '../../ui/MigrationBadge';
import { migrationsHref } from '../../ui/migrations-link';
import type { AtlasOrgChoice } from './atlas-targets';
import { OrgIdCell } from './OrgIdCell';
import { OpenOrgLink, RowFix } from './RowFix';
import { type RowOutcome, RowOutcomeLine } from './RowOutcome';
import { ageText, clientText, lastActionText, orgName, rowStatusText, runStateText } from './row-text';
import { statusCategory } from './table-model';

/** The migration badge's sign, for "Plan in the Migrations tab": its words are its name and tooltip. */
const MIGRATE_ICON = <span aria-hidden="true">⇄</span>;

export type RowAction = 'status' | 'link' | 'unlink' | 'edit';

export interface OrgRowProps {
  row: DashboardRow;
  /** Left out by the filters: kept in the DOM, hidden from everyone. */
  hidden: boolean;
  runItem?: RefreshItem;
  /** The row's own call under way (a dialog's action is not a row's busy state). */
  busy?: Operation;
  /** Actions need an open vault. */
  canAct: boolean;
  /** Minute-resolution clock for "5 min ago". */
  now: number;
  onAction: (action: RowAction, row: DashboardRow) => void;
  /** The kind of run `runItem` belongs to. */
  runKind?: RunKind;
  selected: boolean;
  onSelect: (orgId: string, selected: boolean) => void;
  /** The Atlas orgs the row's client has Atlas key pairs of (one array per client, so unchanged rows stay). */
  atlasOrgs: readonly AtlasOrgChoice[];
  onTarget: (row: DashboardRow, atlasOrgId: string | null) => void;
  /** The result of this row's last action, shown under its status. */
  outcome?: RowOutcome;
}

export class OrgRow extends Component<OrgRowProps> {
  override shouldComponentUpdate(next: OrgRowProps): boolean {
    const p = this.props;
    return (
      next.row !== p.row ||
      next.hidden !== p.hidden ||
      next.runItem !== p.runItem ||
      next.busy !== p.busy ||
      next.canAct !== p.canAct ||
      next.now !== p.now ||
      next.runKind !== p.runKind ||
      next.selected !== p.selected ||
      next.atlasOrgs !== p.atlasOrgs ||
      next.outcome !== p.outcome
    );
  }

  /** A row action's button: named with the org for screen readers; all but Check open a dialog. */
  private button(action: RowAction, text: string, label: string, disabled: boolean) {
    return (
      <button
        type="button"
        class={action === 'unlink' ? 'danger' : undefined}
        disabled={disabled}
        aria-label={label}
        aria-haspopup={action === 'status' ? undefined : 'dialog'}
        onClick={() => this.props.onAction(action, this.props.row)}
      >
        {text}
      </button>
    );
  }

  /**
   * The row's Atlas target: none, or one of its client's Atlas orgs (a target no key pair serves any more stays). A
   * client's only Atlas org is its orgs' default, marked so; with several and none chosen, the row asks.
   */
  private target(name: string, disabled: boolean) {
    const { row, atlasOrgs } = this.props;
    const stale = row.atlasOrgId !== undefined && !atlasOrgs.some((o) => o.id === row.atlasOrgId);
    if (atlasOrgs.length === 0 && !stale) {
      const none = row.profileLabel ? t('dashAtlas_noAtlasKeyPair') : t('dashAtlas_noClient');
      return (
        <span class="muted" title={none}>
          {none}
        </span>
      );
    }
    return (
      <select
        class="target"
        aria-label={t('dashAtlas_targetFor', name)}
        data-target={row.atlasTarget}
        value={row.atlasOrgId ?? ''}
        disabled={disabled}
        onChange={(e) => this.props.onTarget(row, e.currentTarget.value || null)}
      >
        <option value="">{t(row.atlasTarget === 'ask' ? 'dashAtlas_chooseTarget' : 'dashAtlas_noTarget')}</option>
        {atlasOrgs.map((o) => (
          <option key={o.id} value={o.id}>
            {atlasOrgs.length === 1 ? t('dashAtlas_defaultTarget', o.name) : o.name}
          </option>
        ))}
        {stale && <option value={row.atlasOrgId}>{t('dashAtlas_staleTarget', row.atlasOrgId!)}</option>}
      </select>
    );
  }

  override render() {
    const { row, hidden, runItem, busy, canAct, now } = this.props;
    const name = orgName(row);
    const category = statusCategory(row);
    const running = runItem?.state === 'running';
    const runText = runStateText(runItem, this.props.runKind);
    const linked = row.status === 'SYNCED' || row.status === 'NOT_SYNCED';
    const disabled = !canAct || busy !== undefined || running;
    return (
      <tr
        data-org-id={row.orgId}
        data-status={category}
        hidden={hidden}
        aria-busy={busy !== undefined || running ? 'true' : undefined}
      >
        <td class="select">
          <input
            type="checkbox"
            checked={this.props.selected}
            aria-label={t('dashAtlas_selectOrg', name)}
            onChange={(e) => this.props.onSelect(row.orgId, e.currentTarget.checked)}
          />
        </td>
        <th scope="row">
          <OrgIdCell orgId={row.orgId} name={name} />
        </th>
        <td class={row.profileLabel ? 'clip' : 'clip muted'} title={clientText(row)}>
          {clientText(row)}
        </td>
        <td class="clip" data-testid="row-target">
          {this.target(name, disabled)}
        </td>
        <td>
          <div class="status-cell" data-testid="row-status">
            <span class={`status ${category}`} title={busy ? undefined : rowStatusText(row)}>
              {busy ? t(BUSY_KEYS[busy]) : rowStatusText(row)}
            </span>
            {row.error && !busy && <RowFix row={row} name={name} />}
            {runText && !busy && (
              <span class="muted run-state" data-testid="row-run-state" title={runText}>
                {runText}
              </span>
            )}
            {row.migration && <MigrationBadge migration={row.migration} now={now} />}
          </div>
          <RowOutcomeLine outcome={this.props.outcome} />
        </td>
        <td class="clip">
          {row.checkedAt ? (
            <time dateTime={new Date(row.checkedAt).toISOString()} title={new Date(row.checkedAt).toLocaleString()}>
              {ageText(row.checkedAt, now)}
            </time>
          ) : (
            <span class="muted">{ageText(undefined, now)}</span>
          )}
        </td>
        <td class="clip" title={row.lastAction ? lastActionText(row) : undefined}>
          {row.lastAction && (
            <>
              <span class={row.lastAction.ok ? '' : 'failed'}>{lastActionText(row)}</span>{' '}
              <span class="muted">{ageText(row.lastAction.time, now)}</span>
            </>
          )}
        </td>
        <td class="actions">
          {this.button('status', t('dash_actionCheck'), t('dash_checkOrg', name), disabled)}
          {this.button('link', t('dash_actionLink'), t('dash_linkOrg', name), disabled)}
          {linked && this.button('unlink', t('unlink'), t('dash_unlinkOrg', name), disabled)}
          {this.button('edit', t('dash_actionEdit'), t('dash_editOrg', name), disabled)}
          {linked && row.atlasOrgId && this.props.atlasOrgs.length > 0 && (
            <a
              href={migrationsHref(row.orgId)}
              class="icon-link"
              title={t('mig_planInTab')}
              aria-label={t('mig_planOrgInTab', name)}
              data-testid="plan-migrations"
            >
              {MIGRATE_ICON}
            </a>
          )}
          <OpenOrgLink row={row} name={name} />
        </td>
      </tr>
    );
  }
}
