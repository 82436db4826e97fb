// Many at once (#34 item 4): the batch of plans (storage.local, no credential) and its two runs, validate and start,
// through the dashboard's worker-side run (dashboard-run.ts: bounded concurrency, slower after a 429, progress, cancel,
// one run at a time). Each plan goes through the single plan's own handlers, so a batch checks, records and refuses
// exactly as one plan does: a start only after a passed validation of that very plan. The run's source credentials
// live in its closure until it ends and go only to plans without managed authentication.
import type { RefreshProgress } from '../../shared/dashboard-messages';
import type { HandlersOf } from '../../shared/messages';
import type { BatchPlan, BatchPlanRequest, MigrationBatchMessages } from '../../shared/migration-batch-messages';
import type { SourceCredentials, ValidationView } from '../../shared/migration-messages';
import { startRun } from '../dashboard/dashboard-run';
import { isRefreshRunning, refreshProgress } from '../dashboard/refresh-run';
import { readConcurrency } from '../dashboard/refresh-store';
import { WorkerError } from '../messaging/worker-error';
import { item } from '../storage/item';
import { tableOf } from '../storage/items';
import { readContents } from '../vault/vault-store';
import { migrationHandlers } from './migration-handlers';
import { checkedPlan, planKey } from './migration-plan';
import { migrationSource } from './migration-source';
import { validationsItem } from './migration-store';

type StoredBatchPlan = Omit<BatchPlan, 'validation'>;

export const batchItem = item<Record<string, StoredBatchPlan>>('migrationBatch', {
  fallback: {},
  read: tableOf((p) => typeof p.id === 'string' && typeof p.cloudManagerOrgId === 'string'),
});

/** While Atlas still validates, the plan is asked again this often, for at most this long. */
export const VALIDATION_ASK_MS = 2_000;
export const VALIDATION_PATIENCE_MS = 10 * 60_000;
const MAX_BATCH = 500;

const invalidList = () => new WorkerError('invalid-input', { variant: 'batch' });
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;

async function batch(): Promise<BatchPlan[]> {
  const [plans, validations] = await Promise.all([batchItem.get(), validationsItem.get()]);
  return Object.values(plans)
    .sort((a, b) => a.addedAt - b.addedAt)
    .map((p) => {
      const stored = validations[p.id];
      if (!stored) return p;
      const { atlasProjectId: _project, ...validation } = stored;
      return { ...p, validation };
    });
}

async function addToBatch(request: BatchPlanRequest): Promise<BatchPlan> {
  const plan = checkedPlan(request.plan);
  if (!isName(request.sourceProjectName) || !isName(request.atlasProjectName)) throw invalidList();
  const source = await migrationSource(request.cloudManagerOrgId);
  const entry: StoredBatchPlan = {
    id: planKey(source.cloudManagerOrgId, plan),
    cloudManagerOrgId: source.cloudManagerOrgId,
    ...(source.orgName ? { orgName: source.orgName } : {}),
    client: source.client.label,
    sourceProjectName: request.sourceProjectName,
    atlasProjectName: request.atlasProjectName,
    plan,
    addedAt: Date.now(),
  };
  await batchItem.update((all) => ({ ...all, [entry.id]: entry }));
  return (await batch()).find((p) => p.id === entry.id)!;
}

/** The batch entries the ids name, each once, or invalid-input (an id not in the batch included). */
async function entriesOf(ids: unknown): Promise<StoredBatchPlan[]> {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH) throw invalidList();
  const all = await batchItem.get();
  const unique = [...new Set(ids)];
  if (!unique.every((id) => typeof id === 'string' && all[id])) throw invalidList();
  return unique.map((id) => all[id as string]!);
}

const sourceRequest = (entry: StoredBatchPlan, credentials: SourceCredentials | undefined) => ({
  cloudManagerOrgId: entry.cloudManagerOrgId,
  plan: entry.plan,
  ...(credentials && !entry.plan.managedAuthentication ? { credentials } : {}),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Validates one plan and asks again while Atlas works on it (at most VALIDATION_PATIENCE_MS). */
export async function validateBatchPlan(
  entry: StoredBatchPlan,
  credentials: SourceCredentials | undefined,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<ValidationView> {
  const { cloudManagerOrgId, plan } = entry;
  let view = await migrationHandlers['migrations/validate'](sourceRequest(entry, credentials));
  const until = Date.now() + VALIDATION_PATIENCE_MS;
  while (view.outcome === 'pending' && Date.now() < until) {
    await wait(VALIDATION_ASK_MS);
    view = (await migrationHandlers['migrations/validation']({ cloudManagerOrgId, plan })) ?? view;
  }
  return view;
}

async function startBatchPlan(entry: StoredBatchPlan, credentials: SourceCredentials | undefined) {
  const record = await migrationHandlers['migrations/start'](sourceRequest(entry, credentials));
  await batchItem.update(({ [entry.id]: _started, ...rest }) => rest);
  return record;
}

async function batchRun(
  kind: 'validate' | 'start',
  ids: unknown,
  credentials: SourceCredentials | undefined,
): Promise<RefreshProgress> {
  if (isRefreshRunning()) return (await refreshProgress())!;
  await readContents(); // locked: one clear answer up front, not one error per plan
  const entries = new Map((await entriesOf(ids)).map((e) => [e.id, e]));
  return startRun<unknown>({
    kind,
    orgIds: [...entries.keys()],
    concurrency: await readConcurrency(),
    task: (id) =>
      kind === 'validate'
        ? validateBatchPlan(entries.get(id)!, credentials)
        : startBatchPlan(entries.get(id)!, credentials),
    succeeded: () => ({ state: 'ok', checkedAt: Date.now() }),
  });
}

export const migrationBatchHandlers: HandlersOf<MigrationBatchMessages> = {
  'migrations/batch': () => batch(),
  'migrations/batch-add': addToBatch,
  async 'migrations/batch-remove'({ ids }) {
    if (!Array.isArray(ids) || ids.length > MAX_BATCH) throw invalidList();
    await batchItem.update((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !ids.includes(id))));
    return null;
  },
  'migrations/batch-validate': ({ ids, credentials }) => batchRun('validate', ids, credentials),
  'migrations/batch-start': ({ ids, credentials }) => batchRun('start', ids, credentials),
};
