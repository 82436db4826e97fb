// "Refresh all", run in the worker so it goes on when the page closes: one status check per org through the bulk
// scheduler (bounded concurrency, slower after a 429), each through refreshStatus, which records the status and
// repaints badges. One run at a time; pages poll its progress and may cancel it.
import { type BulkEvent, type BulkRun, cloudManagerRateLimit, runBulk } from '../../core/bulk';
import type { RefreshItem, RefreshProgress, RefreshState } from '../../shared/dashboard-messages';
import type { OrgStatusRecord } from '../../shared/domain';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { refreshStatus } from '../orgs/org-operations';
import { readStoredRefresh, storeRefresh } from './refresh-store';

// An MV3 worker with no extension API call for 30 s is stopped. A long Retry-After pause makes no calls, so the
// run touches storage this often to stay alive until it ends.
const KEEP_ALIVE_MS = 20_000;

/** Per-org changes, numbered so a page can ask for those after the last it saw. */
interface Ledger {
  items: Map<string, RefreshItem>;
  seq: number;
}

interface Run {
  runId: string;
  startedAt: number;
  finishedAt?: number;
  state: RefreshState;
  bulk: BulkRun;
  ledger: Ledger;
}

let current: Run | undefined;

const isActive = (run: Run | undefined): run is Run => run?.state === 'running' || run?.state === 'cancelling';

function snapshot(run: Run, since?: number): RefreshProgress {
  const p = run.bulk.progress();
  const items = [...run.ledger.items.values()].filter((item) => since === undefined || item.seq > since);
  return {
    runId: run.runId,
    state: run.state,
    total: p.total,
    succeeded: p.succeeded,
    failed: p.failed,
    skipped: p.skipped,
    running: p.running,
    concurrency: p.concurrency,
    maxConcurrency: p.maxConcurrency,
    pausedUntil: p.pausedUntil,
    rateLimited: p.rateLimited,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    seq: run.ledger.seq,
    items,
  };
}

function update(ledger: Ledger, orgId: string, change: Omit<RefreshItem, 'orgId' | 'seq'>): void {
  ledger.seq += 1;
  ledger.items.set(orgId, { orgId, ...change, seq: ledger.seq });
}

function onEvent(ledger: Ledger, event: BulkEvent<string, OrgStatusRecord>): void {
  const orgId = event.item;
  switch (event.type) {
    case 'start':
      update(ledger, orgId, { state: 'running' });
      break;
    case 'success': {
      const { status, name, checkedAt } = event.value;
      update(ledger, orgId, { state: 'ok', status, name, checkedAt });
      break;
    }
    case 'failure':
      update(ledger, orgId, { state: 'failed', error: toErrorView(event.error), checkedAt: Date.now() });
      break;
    case 'rate-limited':
      // Shown on the row while it waits for its retry; a final refusal arrives as a 'failure'.
      if (event.retrying) update(ledger, orgId, { state: 'queued', error: toErrorView(event.error) });
      break;
    case 'skipped':
      update(ledger, orgId, { state: 'skipped' });
      break;
  }
}

const persist = (run: Run) =>
  storeRefresh(snapshot(run, run.ledger.seq)).catch((error) =>
    console.warn('refresh progress not saved:', String(error)),
  );

/** Starts a run over `orgIds` (already validated and deduplicated), or returns the run already going. */
export function startRefreshRun(orgIds: readonly string[], concurrency: number): RefreshProgress {
  if (isActive(current)) return snapshot(current);
  const ledger: Ledger = { items: new Map(), seq: 0 };
  for (const orgId of orgIds) update(ledger, orgId, { state: 'queued' });
  // The first calls start (and report) inside runBulk itself, so the ledger exists before it.
  let run: Run | undefined;
  const check = async (orgId: string) => {
    try {
      return await refreshStatus(orgId);
    } catch (error) {
      // Locked mid-run (auto-lock, or the user): every org left would fail the same way, so stop asking.
      if (error instanceof WorkerError && error.kind === 'vault-locked') cancelRun(run);
      throw error;
    }
  };
  const bulk = runBulk(orgIds, check, {
    concurrency,
    rateLimitOf: cloudManagerRateLimit,
    onEvent: (event) => onEvent(ledger, event),
  });
  run = { runId: crypto.randomUUID(), startedAt: Date.now(), state: 'running', bulk, ledger };
  current = run;
  const keepAlive = setInterval(() => persist(run), KEEP_ALIVE_MS);
  run.bulk.done
    .then((summary) => {
      run.state = summary.cancelled ? 'cancelled' : 'finished';
    })
    .catch((error) => {
      // Only a bug in the event handling can get here: the run stops, and the page is told it was cut short.
      console.warn('refresh run failed:', String(error));
      run.state = 'interrupted';
    })
    .finally(() => {
      run.finishedAt = Date.now();
      clearInterval(keepAlive);
      persist(run);
    });
  persist(run);
  return snapshot(run);
}

/** The current or last run's progress with the per-org changes after `since`; null when none ran this session. */
export async function refreshProgress(since?: number): Promise<RefreshProgress | null> {
  if (current) return snapshot(current, since);
  const stored = await readStoredRefresh();
  if (!stored) return null;
  // Left running by a worker that was stopped: those calls' outcomes are in the rows, the rest never ran.
  const state: RefreshState =
    stored.state === 'running' || stored.state === 'cancelling' ? 'interrupted' : stored.state;
  return { ...stored, state, running: 0, pausedUntil: undefined, items: [] };
}

function cancelRun(run: Run | undefined): void {
  // Stryker disable next-line OptionalChaining: never called without a run (checks fail after runBulk returned)
  if (run?.state !== 'running') return;
  run.state = 'cancelling';
  run.bulk.cancel();
}

export function cancelRefreshRun(): RefreshProgress | null {
  if (!current) return null;
  cancelRun(current);
  return snapshot(current);
}

export function isRefreshRunning(): boolean {
  return isActive(current);
}
