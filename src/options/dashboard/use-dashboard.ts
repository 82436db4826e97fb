// The dashboard's data: the view from the worker, the rows as they change, and the run (refresh all, or create and
// link), polled while it goes (only the per-org changes since the last poll cross the message channel). Runs live in the worker, so a page
// opened mid-run picks the run up where it is.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardRow, DashboardView, RefreshItem, RefreshProgress } from '../../shared/dashboard-messages';
import type { ErrorView, OrgStatusRecord } from '../../shared/domain';
import { asErrorView, send } from '../../shared/send';
import { applyRecord, applyRefreshItems } from './apply-progress';
import { isRunning } from './RefreshPanel';

const POLL_MS = 400;

export function useDashboard() {
  const [view, setView] = useState<DashboardView>();
  const [rows, setRows] = useState<DashboardRow[]>([]);
  const [progress, setProgress] = useState<RefreshProgress>();
  const [runItems, setRunItems] = useState<Record<string, RefreshItem>>({});
  const [loadError, setLoadError] = useState<ErrorView>();
  const seen = useRef<{ runId?: string; seq?: number }>({});

  /** Takes in a run's progress; `rowsAreOlder` when the rows were loaded before these changes happened. */
  const absorb = useCallback((next: RefreshProgress | null | undefined, rowsAreOlder = true) => {
    if (!next) return;
    if (next.runId !== seen.current.runId) {
      seen.current = { runId: next.runId };
      setRunItems({});
    }
    seen.current.seq = next.seq;
    // A migration batch's items are plans, not orgs: none of them is a row's.
    if (next.items.length > 0 && next.kind !== 'validate' && next.kind !== 'start') {
      if (rowsAreOlder) setRows((current) => applyRefreshItems(current, next.items));
      setRunItems((current) => {
        const merged = { ...current };
        for (const item of next.items) merged[item.orgId] = item;
        return merged;
      });
    }
    setProgress(next);
  }, []);

  const load = useCallback(async () => {
    try {
      const next = await send('dashboard/view', {});
      setView(next);
      setRows(next.rows);
      setLoadError(undefined);
      // The view carries every change of the run so far: start counting afresh. Its rows are newer than those
      // changes (a link made after the run, say), so the changes only mark the rows, never overwrite them.
      seen.current = {};
      absorb(next.refresh, false);
    } catch (e) {
      setLoadError(asErrorView(e));
    }
  }, [absorb]);

  useEffect(() => {
    load();
  }, [load]);

  const running = isRunning(progress);
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await send('dashboard/progress', { since: seen.current.seq });
        if (stopped) return;
        absorb(next);
        // Last actions and errors are in storage now: one full reload when the run ends.
        if (!isRunning(next ?? undefined)) {
          await load();
          return;
        }
      } catch (e) {
        if (!stopped) setLoadError(asErrorView(e));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, absorb, load]);

  const startRefresh = useCallback(
    async (orgIds: string[] | undefined, concurrency: number) => {
      try {
        absorb(await send('dashboard/refresh-all', { orgIds, concurrency }));
      } catch (e) {
        setLoadError(asErrorView(e));
      }
    },
    [absorb],
  );

  const cancelRefresh = useCallback(async () => {
    try {
      absorb(await send('dashboard/cancel', {}));
    } catch (e) {
      setLoadError(asErrorView(e));
    }
  }, [absorb]);

  const startLinkRun = useCallback(
    async (orgIds: string[]) => {
      try {
        absorb(await send('dashboard/link-run', { orgIds }));
      } catch (e) {
        setLoadError(asErrorView(e));
      }
    },
    [absorb],
  );

  const updateRecord = useCallback((record: OrgStatusRecord) => {
    setRows((current) => applyRecord(current, record));
  }, []);

  /** A row's Atlas target after the worker saved it: a choice, or explicitly none (no default applies then). */
  const updateTarget = useCallback((orgId: string, atlasOrgId: string | null) => {
    setRows((current) =>
      current.map((row) => {
        if (row.orgId !== orgId) return row;
        const { atlasOrgId: _old, ...rest } = row;
        return atlasOrgId ? { ...rest, atlasOrgId, atlasTarget: 'chosen' } : { ...rest, atlasTarget: 'none-chosen' };
      }),
    );
  }, []);

  return {
    view,
    rows,
    progress,
    runItems,
    loadError,
    load,
    startRefresh,
    cancelRefresh,
    startLinkRun,
    updateRecord,
    updateTarget,
  };
}
