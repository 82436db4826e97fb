// The dashboard's one worker-side run at a time, of either kind ("refresh all", "create and link"): one task per org
// through the bulk scheduler (bounded concurrency, slower after a 429, a rate-limited org retried after the pause),
// per-org changes numbered so a page polls only what it has not seen, cancel, a stop when the vault locks, and a
// summary in storage.session so a page can tell a run cut short by a worker restart. It goes on when the page closes.
import { type BulkEvent, type BulkRun, cloudManagerRateLimit, runBulk } from '../../core/bulk';
import type {
  LinkSkipReason,
  RefreshItem,
  RefreshProgress,
  RefreshState,
  RunKind,
} from '../../shared/dashboard-messages';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { readStoredRefresh, storeRefresh } from './refresh-store';

// An MV3 worker with no extension API call for 30 s is stopped. A long Retry-After pause makes no calls, so the
// run touches storage this often to stay alive until it ends.
const KEEP_ALIVE_MS = 20_000;

export type ItemChange = Omit<RefreshItem, 'orgId' | 'seq'>;

/** What a kind of run does per org, and how its outcomes read on the row. */
export interface RunSpec<R> {
  kind: RunKind;
  /** The orgs the scheduler works through (validated and deduplicated). */
  orgIds: readonly string[];
  /** Orgs left alone before the run starts, with the reason. */
  skipped?: readonly { orgId: string; reason: LinkSkipReason }[];
  concurrency: number;
  task: (orgId: string) => Promise<R>;
  /** The row's change after a success. */
  succeeded: (value: R) => ItemChange;
  /** The row's change after a failure; by default the error, as the row shows errors. */
  failed?: (error: unknown) => ItemChange;
}

/** Per-org changes, numbered so a page can ask for those after the last it saw. */
interface Ledger {
  items: Map<string, RefreshItem>;
  seq: number;
}

interface Run {
  runId: string;
  kind: RunKind;
  startedAt: number;
  finishedAt?: number;
  state: RefreshState;
  bulk: BulkRun;
  ledger: Ledger;
  /** Skipped before the scheduler saw them: counted beside its own counts. */
  preSkipped: number;
}

let current: Run | undefined;

const isActive = (run: Run | undefined): run is Run => run?.state === 'running' || run?.state === 'cancelling';

function snapshot(run: Run, since?: number): RefreshProgress {
  const p = run.bulk.progress();
  const items = [...run.ledger.items.values()].filter((item) => since === undefined || item.seq > since);
  return {
    runId: run.runId,
    kind: run.kind,
    state: run.state,
    total: p.total + run.preSkipped,
    succeeded: p.succeeded,
    failed: p.failed,
    skipped: p.skipped + run.preSkipped,
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

function update(ledger: Ledger, orgId: string, change: ItemChange): void {
  ledger.seq += 1;
  ledger.items.set(orgId, { orgId, ...change, seq: ledger.seq });
}

const defaultFailed = (error: unknown): ItemChange => ({
  state: 'failed',
  error: toErrorView(error),
  checkedAt: Date.now(),
});

function onEvent<R>(ledger: Ledger, spec: RunSpec<R>, event: BulkEvent<string, R>): void {
  const orgId = event.item;
  switch (event.type) {
    case 'start':
      update(ledger, orgId, { state: 'running' });
      break;
    case 'success':
      update(ledger, orgId, spec.succeeded(event.value));
      break;
    case 'failure':
      update(ledger, orgId, (spec.failed ?? defaultFailed)(event.error));
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
    console.warn(`${run.kind} progress not saved:`, String(error)),
  );

function cancelRun(run: Run | undefined): void {
  // Stryker disable next-line OptionalChaining: never called without a run (checks fail after runBulk returned)
  if (run?.state !== 'running') return;
  run.state = 'cancelling';
  run.bulk.cancel();
}

/** Starts a run, or returns the run already going (of either kind): one run at a time. */
export function startRun<R>(spec: RunSpec<R>): RefreshProgress {
  if (isActive(current)) return snapshot(current);
  const ledger: Ledger = { items: new Map(), seq: 0 };
  for (const { orgId, reason } of spec.skipped ?? []) update(ledger, orgId, { state: 'skipped', skipReason: reason });
  for (const orgId of spec.orgIds) update(ledger, orgId, { state: 'queued' });
  // The first calls start (and report) inside runBulk itself, so the ledger exists before it.
  let run: Run | undefined;
  const task = async (orgId: string) => {
    try {
      return await spec.task(orgId);
    } catch (error) {
      // Locked mid-run (auto-lock, or the user): every org left would fail the same way, so stop asking.
      if (error instanceof WorkerError && error.kind === 'vault-locked') cancelRun(run);
      throw error;
    }
  };
  const bulk = runBulk(spec.orgIds, task, {
    concurrency: spec.concurrency,
    rateLimitOf: cloudManagerRateLimit,
    onEvent: (event) => onEvent(ledger, spec, event),
  });
  run = {
    runId: crypto.randomUUID(),
    kind: spec.kind,
    startedAt: Date.now(),
    state: 'running',
    bulk,
    ledger,
    preSkipped: spec.skipped?.length ?? 0,
  };
  current = run;
  const keepAlive = setInterval(() => persist(run), KEEP_ALIVE_MS);
  run.bulk.done
    .then((summary) => {
      run.state = summary.cancelled ? 'cancelled' : 'finished';
    })
    .catch((error) => {
      // Only a bug in the event handling can get here: the run stops, and the page is told it was cut short.
      console.warn(`${run.kind} run failed:`, String(error));
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
export async function runProgress(since?: number): Promise<RefreshProgress | null> {
  if (current) return snapshot(current, since);
  const stored = await readStoredRefresh();
  if (!stored) return null;
  // Left running by a worker that was stopped: those calls' outcomes are in the rows, the rest never ran.
  const state: RefreshState =
    stored.state === 'running' || stored.state === 'cancelling' ? 'interrupted' : stored.state;
  return { ...stored, state, running: 0, pausedUntil: undefined, items: [] };
}

export function cancelCurrentRun(): RefreshProgress | null {
  if (!current) return null;
  cancelRun(current);
  return snapshot(current);
}

export function isRunActive(): boolean {
  return isActive(current);
}
