// The dashboard: every org the extension knows (bound to a client, visited, or added here) with its client, Atlas
// target, link status, when it was checked and the last action; refresh all, create and link the selected rows,
// import targets from a CSV; link, unlink, change the client or remove from a row; filter, sort, export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { Operation, ProfileView } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { statusNextText } from '../../shared/text/status-text';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { UnlockForm } from '../../ui/UnlockForm';
import { type DashboardTool, ToolPanel, ToolToggles } from './DashboardTools';
import { EditOrgDialog } from './EditOrgDialog';
import { csvFileName, downloadCsv, rowsToCsv } from './export-rows';
import { LinkDialog } from './LinkDialog';
import { LinkRunPanel } from './LinkRunPanel';
import type { RowAction } from './OrgRow';
import { OrgTable } from './OrgTable';
import { isRunning, RefreshPanel } from './RefreshPanel';
import type { RowOutcome } from './RowOutcome';
import { orgName, rowStatusText } from './row-text';
import { TableFilters } from './TableFilters';
import {
  EMPTY_FILTER,
  filterRows,
  isFiltered,
  nextSort,
  type SortOrder,
  sortRows,
  type TableFilter,
} from './table-model';
import { UnlinkDialog } from './UnlinkDialog';
import { useDashboard } from './use-dashboard';
import { useSelection } from './use-selection';

const NO_PROFILES: ProfileView[] = [];

/** The server accepted the call but storage refused its record: said beside the outcome, with what to do. */
const withNotRecorded = (text: string, reply: { notRecorded?: true }) =>
  reply.notRecorded ? `${text} ${t('notRecorded')} ${t('notRecordedRemedy')}` : text;

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Dashboard() {
  const data = useDashboard();
  const { view, rows, progress } = data;
  const [filter, setFilter] = useState<TableFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<SortOrder>({ column: 'name', direction: 'ascending' });
  const [busy, setBusy] = useState<Record<string, Operation>>({});
  const [dialog, setDialog] = useState<{ kind: 'link' | 'unlink' | 'edit'; row: DashboardRow }>();
  // A row action's result goes in its row; an org removed has no row left, so its result shows above the table.
  const [outcome, setOutcome] = useState<RowOutcome>();
  const [removed, setRemoved] = useState<string>();
  const [tool, setTool] = useState<DashboardTool>();
  const now = useMinuteClock();

  // Every row stays in the table, in sort order; the filter only hides rows. Clearing a search over 500 orgs then
  // flips 500 attributes instead of building 500 rows again.
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const matching = useMemo(() => new Set(filterRows(rows, filter).map((row) => row.orgId)), [rows, filter]);
  const shown = useMemo(() => sorted.filter((row) => matching.has(row.orgId)), [sorted, matching]);
  const unlocked = view?.vault === 'unlocked';
  const selection = useSelection(rows, shown, view?.profiles ?? NO_PROFILES);
  // One worker run at a time: a refresh (a run from before kinds were recorded is one), a create-and-link, or the
  // Migrations tab's validate or start of many plans, which is neither panel's and only keeps both from starting.
  const runKind = progress?.kind ?? 'refresh';
  const linkRun = runKind === 'link';
  const refreshRun = runKind === 'refresh';
  const anyRunning = isRunning(progress);
  // The rows the last run failed for: "Retry the N failed" runs them alone again.
  const failed = useMemo(
    () =>
      Object.values(data.runItems)
        .filter((item) => item.state === 'failed')
        .map((item) => item.orgId),
    [data.runItems],
  );

  const runRowAction = async (action: 'status' | 'unlink', row: DashboardRow) => {
    setBusy((b) => ({ ...b, [row.orgId]: action }));
    setOutcome(undefined);
    setRemoved(undefined);
    const request = { orgId: row.orgId, profileId: row.profileId };
    try {
      const record = await send(action === 'status' ? 'link/status' : 'link/delete', request);
      data.updateRecord(record);
      const text =
        action === 'unlink'
          ? t('dash_rowUnlinked', orgName(row))
          : t('dash_rowChecked', [orgName(row), rowStatusText(record as DashboardRow)]);
      // The pressed button was disabled meanwhile (or, after an unlink, is gone): the result in the row takes the focus.
      setOutcome({ orgId: row.orgId, focus: true, tone: 'success', text: withNotRecorded(text, record) });
    } catch (e) {
      setOutcome({ orgId: row.orgId, focus: true, tone: 'error', error: asErrorView(e) });
    } finally {
      setBusy(({ [row.orgId]: _done, ...rest }) => rest);
      data.load(); // the last action, or the error the worker recorded
    }
  };

  // One stable handler for every row, so rows that did not change are not re-rendered.
  const latest = useRef(runRowAction);
  latest.current = runRowAction;
  const onAction = useCallback((action: RowAction, row: DashboardRow) => {
    if (action === 'status') latest.current('status', row);
    else setDialog({ kind: action, row });
  }, []);

  // Stable for every row too (rows re-render only when their own data changes): the profiles are read when called.
  const { updateTarget } = data;
  const profiles = useRef(view?.profiles);
  profiles.current = view?.profiles;
  const onTarget = useCallback(
    async (row: DashboardRow, atlasOrgId: string | null) => {
      setOutcome(undefined);
      setRemoved(undefined);
      try {
        await send('dashboard/set-atlas-target', { orgId: row.orgId, atlasOrgId });
        updateTarget(row.orgId, atlasOrgId);
        const atlas = profiles.current?.find((p) => p.side === 'atlas' && p.org?.id === atlasOrgId)?.org?.name;
        const text = atlasOrgId
          ? t('dashAtlas_targetSet', [orgName(row), atlas ?? atlasOrgId])
          : t('dashAtlas_targetCleared', orgName(row));
        // Said in the row, the focus left on the list: arrow keys may be choosing on.
        setOutcome({ orgId: row.orgId, focus: false, tone: 'success', text });
      } catch (e) {
        setOutcome({ orgId: row.orgId, focus: false, tone: 'error', error: asErrorView(e) });
      }
    },
    [updateTarget],
  );

  /** A run's results show in its panel and its rows: a row's earlier result is out of date once it starts. */
  const startRun = (start: () => void) => {
    setOutcome(undefined);
    setRemoved(undefined);
    start();
  };

  if (!view) {
    return (
      <section aria-labelledby="dashboard-title">
        <h2 id="dashboard-title">{t('dash_title')}</h2>
        {data.loadError ? <ErrorNotice error={data.loadError} /> : <p aria-busy="true">{t('loading')}</p>}
      </section>
    );
  }

  const filtered = isFiltered(filter);
  return (
    <section aria-labelledby="dashboard-title" class="dashboard" data-testid="dashboard">
      <div class="dash-head">
        <h2 id="dashboard-title">{t('dash_title')}</h2>
        <p class="muted">{t('dash_intro')}</p>
        {unlocked && <ToolToggles open={tool} onOpen={setTool} />}
      </div>
      {data.loadError && <ErrorNotice error={data.loadError} />}
      {view.vault === 'locked' && <UnlockForm inline onDone={data.load} />}
      {view.vault === 'empty' && (
        <Notice tone="info">
          <strong>{t('dash_vaultEmpty')}</strong>
        </Notice>
      )}

      {unlocked && (
        <ToolPanel
          open={tool}
          rows={rows}
          selectedRows={selection.selectedRows}
          profiles={view.profiles}
          onChanged={data.load}
        />
      )}

      <div class="toolbar">
        <RefreshPanel
          progress={refreshRun ? progress : undefined}
          otherRunning={!refreshRun && anyRunning}
          concurrency={view.concurrency}
          count={shown.length}
          filtered={filtered}
          canRefresh={unlocked}
          onStart={(concurrency) =>
            startRun(() => data.startRefresh(filtered ? shown.map((r) => r.orgId) : undefined, concurrency))
          }
          onCancel={data.cancelRefresh}
          failed={refreshRun ? failed : []}
          onRetry={(orgIds, concurrency) => startRun(() => data.startRefresh([...orgIds], concurrency))}
        />
        <LinkRunPanel
          progress={linkRun ? progress : undefined}
          otherRunning={!linkRun && anyRunning}
          selected={selection.selectedRows.length}
          withTarget={selection.selectedRows.filter((row) => row.atlasOrgId).length}
          canRun={unlocked}
          onStart={() => startRun(() => data.startLinkRun(selection.selectedRows.map((row) => row.orgId)))}
          onCancel={data.cancelRefresh}
          failed={linkRun ? failed : []}
          onRetry={(orgIds) => startRun(() => data.startLinkRun([...orgIds]))}
        />
      </div>

      <TableFilters
        filter={filter}
        onChange={setFilter}
        profiles={view.profiles}
        shown={shown.length}
        total={rows.length}
        onExport={() => downloadCsv(rowsToCsv(shown, view.profiles), csvFileName(new Date()))}
      />

      <div aria-live="polite" data-testid="removed-outcome">
        {removed && (
          <Notice tone="success" takeFocus={removed}>
            <strong>{removed}</strong>
          </Notice>
        )}
      </div>

      {rows.length === 0 && <p>{t('dash_empty')}</p>}
      {rows.length > 0 && shown.length === 0 && <p>{t('dash_noMatch')}</p>}
      {rows.length > 0 && (
        <OrgTable
          rows={sorted}
          visible={matching}
          sort={sort}
          onSort={(column) => setSort((current) => nextSort(current, column))}
          runItems={data.runItems}
          busy={busy}
          canAct={unlocked}
          now={now}
          onAction={onAction}
          runKind={progress?.kind}
          selected={selection.selected}
          selectedShown={selection.selectedRows.length}
          onSelect={selection.onSelect}
          onSelectShown={selection.onSelectShown}
          atlasOrgsOf={selection.atlasOrgsOf}
          onTarget={onTarget}
          outcome={outcome}
        />
      )}

      {dialog?.kind === 'link' && (
        <LinkDialog
          row={dialog.row}
          profiles={view.profiles}
          onClose={() => setDialog(undefined)}
          onLinked={(record) => {
            setDialog(undefined);
            data.updateRecord(record);
            const next = record.status ? ` ${statusNextText(record.status, record.statusFrom)}` : '';
            const text = `${t('dash_rowLinked', orgName(dialog.row))}${next}`;
            setOutcome({ orgId: dialog.row.orgId, focus: true, tone: 'success', text: withNotRecorded(text, record) });
            data.load();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditOrgDialog
          row={dialog.row}
          profiles={view.profiles}
          refreshRunning={progress?.state === 'running' || progress?.state === 'cancelling'}
          onClose={() => setDialog(undefined)}
          onDone={(text, gone) => {
            setDialog(undefined);
            setRemoved(gone ? text : undefined);
            setOutcome(gone ? undefined : { orgId: dialog.row.orgId, focus: true, tone: 'success', text });
            data.load();
          }}
        />
      )}
      {dialog?.kind === 'unlink' && (
        <UnlinkDialog
          row={dialog.row}
          onClose={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined);
            runRowAction('unlink', dialog.row);
          }}
        />
      )}
    </section>
  );
}
