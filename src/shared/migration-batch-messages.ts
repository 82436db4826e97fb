// Many at once (#34 item 4): plans put in a batch from the plan form, validated together and started together
// through the dashboard's worker-side run (progress, cancel and pacing as "refresh all"; its progress and cancel are
// 'dashboard/progress' and 'dashboard/cancel'). A start goes only to plans whose validation Atlas passed. A source
// username and password are given once per run, go into that run's requests only, and are never kept or answered.
import type { RefreshProgress } from './dashboard-messages';
import type { MigrationPlanChoice, SourceCredentials, ValidationView } from './migration-messages';

/** A plan in the batch, with the names it was planned with and its last validation (none: never validated). */
export interface BatchPlan {
  /** The plan's key: one entry per org and plan. */
  id: string;
  cloudManagerOrgId: string;
  orgName?: string;
  client: string;
  sourceProjectName: string;
  atlasProjectName: string;
  plan: MigrationPlanChoice;
  addedAt: number;
  validation?: ValidationView;
}

/** What a page sends to put a plan in the batch: the plan and the names it shows. */
export interface BatchPlanRequest {
  cloudManagerOrgId: string;
  plan: MigrationPlanChoice;
  sourceProjectName: string;
  atlasProjectName: string;
}

type BatchRun = { request: { ids: string[]; credentials?: SourceCredentials }; response: RefreshProgress };

export interface MigrationBatchMessages {
  /** The batch, oldest first, each plan with its last validation. */
  'migrations/batch': { request: Record<string, never>; response: BatchPlan[] };
  /** Puts a plan in the batch (the same plan again replaces its entry). */
  'migrations/batch-add': { request: BatchPlanRequest; response: BatchPlan };
  /** Takes plans out of the batch (nothing is sent to Atlas). */
  'migrations/batch-remove': { request: { ids: string[] }; response: null };
  /** Validates these plans, each asked again until Atlas answers; joins a run already going (of any kind). */
  'migrations/batch-validate': BatchRun;
  /** Starts these plans, each only after a passed validation of it; a started plan leaves the batch. */
  'migrations/batch-start': BatchRun;
}
