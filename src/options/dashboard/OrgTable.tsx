// The orgs table: one sortable header button per column (aria-sort says the order), one OrgRow per org, those
// the filters leave out hidden.
import type { DashboardRow, RefreshItem } from '../../shared/dashboard-messages';
import type { Operation } from '../../shared/domain';
import { type MessageKey, t } from '../../shared/text/i18n';
import { OrgRow, type RowAction } from './OrgRow';
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
  total: number;
  sort: SortOrder;
  onSort: (column: SortColumn) => void;
  runItems: Readonly<Record<string, RefreshItem>>;
  busy: Readonly<Record<string, Operation>>;
  canAct: boolean;
  now: number;
  onAction: (action: RowAction, row: DashboardRow) => void;
}) {
  const { rows, sort } = props;
  return (
    <div class="table-scroll">
      <table class="orgs" data-testid="org-table">
        <caption class="sr-only">{t('dash_tableCaption', [String(props.visible.size), String(props.total)])}</caption>
        <thead>
          <tr>
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
            })}
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
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
