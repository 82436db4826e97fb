// What a consultant hands over after the cockpit's work: the plans kept per deployment (an export of every client's)
// and one client's report (each of its orgs' link, Atlas target, deployments with readiness, plan, validation,
// migration, lag, the cutover window's time left and the cutover, then the history of validate, start and cutover).
// Decided here once so the CSV and the printable page say the same; the pages only word it.
import { type CutoverWindow, cutoverWindow } from './cutover-window';
import type { ReadinessReason } from './migration-readiness';

/** The plan last validated for a deployment: names and options only, never a credential. */
export interface KeptPlan {
  atlasProjectId: string;
  atlasProjectName?: string;
  destinationCluster: string;
  migrationHost: string;
  managedAuthentication: boolean;
  ssl: boolean;
  hostnameSchemaType: string;
  dropDestinationData: boolean;
  plannedAt: number;
}

export interface KeptValidation {
  outcome: 'pending' | 'passed' | 'failed';
  status: string;
  errorMessage?: string;
  checkedAt: number;
}

/** What is kept of one deployment of a client's Cloud Manager org: its verdict when last seen, its last plan. */
export interface KeptDeployment {
  cloudManagerOrgId: string;
  orgName?: string;
  client: string;
  atlasOrgId: string;
  atlasOrgName?: string;
  sourceProjectId: string;
  sourceProjectName?: string;
  deployment: string;
  readiness?: { ready: boolean; reasons: ReadinessReason[]; seenAt: number };
  plan?: KeptPlan;
  validation?: KeptValidation;
}

/** A migration as the worker last saw it: what the report reads of it (the pages read the rest of its record). */
export type MigrationLike = Readonly<{
  cloudManagerOrgId: string;
  sourceProjectId: string;
  sourceProjectName?: string;
  sourceCluster: string;
  status: string;
  readySince?: number;
  cutoverAt?: number;
  startedAt: number;
}>;

export interface ReportDeployment<M extends MigrationLike = MigrationLike> {
  sourceProjectId: string;
  sourceProjectName?: string;
  deployment: string;
  kept?: KeptDeployment;
  /** The deployment's latest migration. */
  migration?: M;
  /** The cutover window while it is open or has just closed: ready, not cut over, not settled. */
  window?: CutoverWindow;
}

export interface ReportOrg<O, M extends MigrationLike = MigrationLike> {
  org: O;
  deployments: ReportDeployment<M>[];
}

export interface ClientReport<O, H, M extends MigrationLike = MigrationLike> {
  client: string;
  generatedAt: number;
  orgs: ReportOrg<O, M>[];
  /** The client's validate, start and cutover entries, oldest first. */
  history: H[];
}

export interface ClientReportInput<O, H, M extends MigrationLike> {
  client: string;
  /** The client's Cloud Manager orgs, each with what the page shows of its link and target. */
  orgs: readonly O[];
  kept: readonly KeptDeployment[];
  migrations: readonly M[];
  history: readonly H[];
}

type OrgLike = { orgId: string; name?: string };
type HistoryLike = { time: number; orgId: string; operation: string };

const SETTLED = new Set(['COMPLETE', 'FAILED', 'EXPIRED']);
const byText = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
const deploymentKey = (orgId: string, projectId: string, deployment: string) =>
  JSON.stringify([orgId, projectId, deployment]);

/** The window of a migration ready for cutover and neither cut over nor settled; none otherwise. */
export function openWindow(migration: MigrationLike, now: number): CutoverWindow | undefined {
  if (migration.readySince === undefined || migration.cutoverAt !== undefined) return undefined;
  if (SETTLED.has(migration.status)) return undefined;
  return cutoverWindow(migration.readySince, now);
}

/** The kept plans, by client, org, source project and deployment: what the plan export lists. */
export function keptPlans(kept: readonly KeptDeployment[]): KeptDeployment[] {
  return kept
    .filter((d) => d.plan !== undefined)
    .sort(
      (a, b) =>
        byText(a.client, b.client) ||
        byText(a.orgName ?? a.cloudManagerOrgId, b.orgName ?? b.cloudManagerOrgId) ||
        byText(a.sourceProjectName ?? a.sourceProjectId, b.sourceProjectName ?? b.sourceProjectId) ||
        byText(a.deployment, b.deployment),
    );
}

function deploymentsOf<M extends MigrationLike>(
  orgId: string,
  input: ClientReportInput<unknown, unknown, M>,
  now: number,
): ReportDeployment<M>[] {
  const found = new Map<string, ReportDeployment<M>>();
  const at = (projectId: string, projectName: string | undefined, deployment: string) => {
    const key = deploymentKey(orgId, projectId, deployment);
    const entry = found.get(key) ?? { sourceProjectId: projectId, deployment };
    if (projectName && !entry.sourceProjectName) entry.sourceProjectName = projectName;
    found.set(key, entry);
    return entry;
  };
  for (const kept of input.kept) {
    if (kept.cloudManagerOrgId === orgId) at(kept.sourceProjectId, kept.sourceProjectName, kept.deployment).kept = kept;
  }
  for (const m of input.migrations) {
    if (m.cloudManagerOrgId !== orgId) continue;
    const entry = at(m.sourceProjectId, m.sourceProjectName, m.sourceCluster);
    if (!entry.migration || entry.migration.startedAt < m.startedAt) entry.migration = m;
  }
  return [...found.values()]
    .map((entry) => {
      const open = entry.migration && openWindow(entry.migration, now);
      return open ? { ...entry, window: open } : entry;
    })
    .sort(
      (a, b) =>
        byText(a.sourceProjectName ?? a.sourceProjectId, b.sourceProjectName ?? b.sourceProjectId) ||
        byText(a.deployment, b.deployment),
    );
}

/** One client's report at `now`: its orgs by name, each with its deployments, and its migration history. */
export function buildClientReport<O extends OrgLike, H extends HistoryLike, M extends MigrationLike>(
  input: ClientReportInput<O, H, M>,
  now: number,
): ClientReport<O, H, M> {
  const orgIds = new Set(input.orgs.map((o) => o.orgId));
  const orgs = [...input.orgs]
    .sort((a, b) => byText(a.name ?? a.orgId, b.name ?? b.orgId))
    .map((org) => ({ org, deployments: deploymentsOf(org.orgId, input, now) }));
  const history = input.history
    .filter((e) => orgIds.has(e.orgId) && e.operation.startsWith('migration-'))
    .sort((a, b) => a.time - b.time);
  return { client: input.client, generatedAt: now, orgs, history };
}
