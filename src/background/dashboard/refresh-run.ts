// "Refresh all", run in the worker so it goes on when the page closes: one status check per org through the
// dashboard's run (dashboard-run.ts: bounded concurrency, slower after a 429, progress, cancel), each through
// refreshStatus, which records the status and repaints badges. One run at a time, of either kind.
import type { RefreshProgress } from '../../shared/dashboard-messages';
import type { OrgStatusRecord } from '../../shared/domain';
import { refreshStatus } from '../orgs/org-operations';
import { cancelCurrentRun, isRunActive, runProgress, startRun } from './dashboard-run';

/** Starts a run over `orgIds` (already validated and deduplicated), or returns the run already going. */
export function startRefreshRun(orgIds: readonly string[], concurrency: number): RefreshProgress {
  return startRun<OrgStatusRecord>({
    kind: 'refresh',
    orgIds,
    concurrency,
    task: (orgId) => refreshStatus(orgId),
    succeeded: ({ status, name, checkedAt }) => ({ state: 'ok', status, name, checkedAt }),
  });
}

export const refreshProgress: (since?: number) => Promise<RefreshProgress | null> = runProgress;
export const cancelRefreshRun: () => RefreshProgress | null = cancelCurrentRun;
/** Whether a run of either kind is going (a removal or a second run waits for it). */
export const isRefreshRunning: () => boolean = isRunActive;
