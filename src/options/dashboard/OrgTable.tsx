// The orgs table: a box that selects every shown row, one sortable header button per column (aria-sort says the
// order), the Atlas target column, one OrgRow per org, those the filters leave out hidden.
import type { DashboardRow, RefreshItem, RunKind } from '../../shared/dashboard-messages';
import type { Operation } from '../../shared/domain';
import { type MessageKey, t } from '../../shared/text/i18n';
import type { AtlasOrgChoice } from './atlas-targets';
import { OrgRow, type RowAction } from './OrgRow';
import type { RowOutcome } from './RowOutcome';
import type { SortColumn, SortOrder } from './table-model';

const COLUMNS: readonly SortColumn[] = ['name', 'client', 'status', 'checked', 'lastAction'];
const COLUMN_KEYS: Readonly<Record<SortColumn, MessageKey>> = {
  name: 'dash_column_name',
  client: 'dash_column_client',
  status: 'dash_column_status',
  checked: 'dash_column_checked',
  lastAction: 'dash_column_lastAction',
};

export function OrgTable(props: {
  rows: readonly DashboardRow[];
  /** Org ids the filters keep. */
  visible: ReadonlySet<string>;
  sort: SortOrder;
  onSort: (column: SortColumn) => void;
  runItems: Readonly<Record<string, RefreshItem>>;
  busy: Readonly<Record<string, Operation>>;
  canAct: boolean;
  now: number;
  onAction: (action: RowAction, row: DashboardRow) => void;
  runKind?: RunKind;
  selected: ReadonlySet<string>;
  /** How many shown rows are selected: the header box is checked when all are, mixed when some are. */
  selectedShown: number;
  onSelect: (orgId: string, selected: boolean) => void;
  onSelectShown: (selected: boolean) => void;
  atlasOrgsOf: (row: DashboardRow) => readonly AtlasOrgChoice[];
  onTarget: (row: DashboardRow, atlasOrgId: string | null) => void;
  /** The last row action's result, shown in its row. */
  outcome?: RowOutcome;
}) {
  const { rows, sort } = props;
  const shown = props.visible.size;
  const all = shown > 0 && props.selectedShown === shown;
  return (
    <div class="table-scroll">
      <table class="orgs" data-testid="org-table">
        {/* The count of rows shown is said once, above the table (TableFilters). */}
        <caption class="sr-only">{t('dash_title')}</caption>
        <thead>
          <tr>
            <th scope="col" class="select">
              <input
                type="checkbox"
                aria-label={t('dashAtlas_selectShown')}
                checked={all}
                indeterminate={props.selectedShown > 0 && !all}
                disabled={shown === 0}
                onChange={(e) => props.onSelectShown(e.currentTarget.checked)}
                data-testid="select-shown"
              />
            </th>
            {COLUMNS.map((column) => {
              const active = sort.column === column;
              return (
                <th key={column} scope="col" aria-sort={active ? sort.direction : 'none'}>
                  <button type="button" class="sort" onClick={() => props.onSort(column)} data-column={column}>
                    {t(COLUMN_KEYS[column])}
                    <span aria-hidden="true" class="sort-mark">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            }).flatMap((cell, i) =>
              COLUMNS[i] === 'client'
                ? [
                    cell,
                    <th key="target" scope="col">
                      {t('dashAtlas_column')}
                    </th>,
                  ]
                : [cell],
            )}
            <th scope="col">{t('dash_column_actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OrgRow
              key={row.orgId}
              row={row}
              hidden={!props.visible.has(row.orgId)}
              runItem={props.runItems[row.orgId]}
              busy={props.busy[row.orgId]}
              canAct={props.canAct}
              now={props.now}
              onAction={props.onAction}
              runKind={props.runKind}
              selected={props.selected.has(row.orgId)}
              onSelect={props.onSelect}
              atlasOrgs={props.atlasOrgsOf(row)}
              onTarget={props.onTarget}
              outcome={props.outcome?.orgId === row.orgId ? props.outcome : undefined}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
