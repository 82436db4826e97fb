// The migration cockpit's messages (#34): what Atlas sees of a client's linked org with a verdict per deployment,
// the targets, validate, start (only after a passed validation of the same plan, asked of Atlas again first),
// status and cutover. Every call goes through the client's Atlas key pair's guarded client (lock epoch, side rule,
// allowed servers); every validate, start and cutover is in history. A source credential goes into one request and
// nowhere else.
import { type MigrationValidation, migrationReadiness } from '../../core/atlas';
import { projectOwners, projectsOfOrg } from '../../core/atlas/org-projects';
import type { MigrationOperation } from '../../shared/domain';
import type { HandlersOf } from '../../shared/messages';
import type {
  MigrationMessages,
  MigrationPlanChoice,
  MigrationRecord,
  ValidationView,
} from '../../shared/migration-messages';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { recordAction } from '../orgs/history';
import { groupOrgItem } from '../storage/items';
import { lockEpoch, requireSameEpoch } from '../vault/session';
import { readContents } from '../vault/vault-store';
import { atlasMigrationApiFor } from './migration-api';
import { checkMigration, repaintOrg, storedMigration, withAnswer } from './migration-check';
import { followRunning } from './migration-follow';
import { checkedPlan, migrationPlan, planKey } from './migration-plan';
import { keepAtlasProjectNames, keepPlanValidation, keepSeenDeployments } from './migration-plans';
import { type MigrationSource, migrationSource } from './migration-source';
import { migrationsItem, type StoredValidation, saveMigration, validationsItem } from './migration-store';

/** A history entry: the result is Atlas's status, or the error's kind. */
async function recordMigrationAction(
  source: MigrationSource,
  operation: MigrationOperation,
  ok: boolean,
  result: string,
) {
  await recordAction({
    time: Date.now(),
    orgId: source.cloudManagerOrgId,
    ...(source.orgName ? { orgName: source.orgName } : {}),
    operation,
    ok,
    result,
    profileLabel: source.atlas.label,
    publicKey: source.atlas.publicKey,
    atlasOrgId: source.atlasOrgId,
  });
}

/** Runs `call` and records it in history either way. */
async function recorded<T>(
  source: MigrationSource,
  operation: MigrationOperation,
  call: () => Promise<T>,
  resultOf: (value: T) => string,
): Promise<T> {
  let value: T;
  try {
    value = await call();
  } catch (error) {
    await recordMigrationAction(source, operation, false, toErrorView(error).kind);
    throw error;
  }
  await recordMigrationAction(source, operation, true, resultOf(value));
  return value;
}

const viewOf = (job: MigrationValidation, checkedAt: number): ValidationView => ({
  id: job.id,
  status: job.status,
  outcome: job.outcome,
  ...(job.errorMessage === undefined ? {} : { errorMessage: job.errorMessage }),
  checkedAt,
});

const publicView = ({ atlasProjectId: _project, ...view }: StoredValidation): ValidationView => view;

async function keepValidation(key: string, view: ValidationView, atlasProjectId: string) {
  await validationsItem.update((all) => ({ ...all, [key]: { ...view, atlasProjectId } }));
}

/** The plan's stored validation, asked of Atlas again while pending; its end is recorded in history once. */
async function currentValidation(source: MigrationSource, plan: MigrationPlanChoice, key: string) {
  const stored = (await validationsItem.get())[key];
  if (stored?.outcome !== 'pending') return stored;
  const job = await atlasMigrationApiFor(source.atlas).validation(stored.atlasProjectId, stored.id);
  const view = viewOf(job, Date.now());
  await keepValidation(key, view, plan.atlasProjectId);
  await keepPlanValidation(source, plan, view);
  if (view.outcome !== 'pending') {
    await recordMigrationAction(source, 'migration-validate', view.outcome === 'passed', view.status);
  }
  return { ...view, atlasProjectId: plan.atlasProjectId };
}

async function startMigration(request: {
  cloudManagerOrgId: string;
  plan: MigrationPlanChoice;
  credentials?: unknown;
}): Promise<MigrationRecord> {
  const plan = checkedPlan(request.plan);
  const since = lockEpoch();
  const source = await migrationSource(request.cloudManagerOrgId);
  const key = planKey(source.cloudManagerOrgId, plan);
  const body = migrationPlan(plan, request.credentials);
  const api = atlasMigrationApiFor(source.atlas);
  // Only a validation Atlas passed, of this very plan (asked again while it was pending), lets the start go.
  const validation = await currentValidation(source, plan, key);
  requireSameEpoch(since);
  if (validation?.outcome !== 'passed') {
    const variant = validation?.outcome ?? 'none';
    throw new WorkerError('not-validated', { variant });
  }
  // Taken before the start: a second start of the same plan (a double click) finds no passed validation.
  await validationsItem.update(({ [key]: _taken, ...rest }) => rest);
  // The names the record shows, and a check that both projects are the org's own.
  const [available, projects] = await Promise.all([
    api.availableProjects(source.atlasOrgId),
    api.projects(source.atlasOrgId),
  ]);
  const sourceProject = available.find((p) => p.projectId === plan.sourceProjectId);
  const atlasProject = projects.find((p) => p.id === plan.atlasProjectId);
  if (!sourceProject || !atlasProject) {
    throw new WorkerError('invalid-input', { variant: 'migration-plan' });
  }
  requireSameEpoch(since);
  const started = await recorded(
    source,
    'migration-start',
    () => api.start(body),
    (m) => m.status,
  );
  const now = Date.now();
  const record: MigrationRecord = withAnswer(
    {
      id: started.id,
      cloudManagerOrgId: source.cloudManagerOrgId,
      ...(source.orgName ? { orgName: source.orgName } : {}),
      client: source.client.label,
      atlasOrgId: source.atlasOrgId,
      atlasProjectId: plan.atlasProjectId,
      atlasProjectName: atlasProject.name,
      sourceProjectId: plan.sourceProjectId,
      sourceProjectName: sourceProject.name,
      sourceCluster: plan.sourceCluster,
      destinationCluster: plan.destinationCluster,
      dropDestinationData: plan.dropDestinationData,
      status: started.status,
      readyForCutover: false,
      startedAt: now,
      checkedAt: now,
    },
    started,
    now,
  );
  await saveMigration(record);
  await followRunning();
  await repaintOrg(record);
  return record;
}

async function cutover(request: { migrationId: string }): Promise<MigrationRecord> {
  const record = await storedMigration(request.migrationId);
  const source = await migrationSource(record.cloudManagerOrgId, record.atlasOrgId);
  // Atlas is asked first: a cutover goes only to a migration it calls ready.
  const now = await checkMigration(record);
  if (!now.readyForCutover) {
    throw new WorkerError('migration-not-ready', {
      status: now.status,
    });
  }
  const api = atlasMigrationApiFor(source.atlas);
  await recorded(
    source,
    'migration-cutover',
    () => api.cutover(record.atlasProjectId, record.id),
    () => 'accepted',
  );
  await saveMigration({ ...now, cutoverAt: Date.now() });
  return checkMigration({ ...now, cutoverAt: Date.now() }).catch(async () => storedMigration(record.id));
}

export const migrationHandlers: HandlersOf<MigrationMessages> = {
  async 'migrations/available-projects'({ cloudManagerOrgId }) {
    const source = await migrationSource(cloudManagerOrgId);
    const listed = await atlasMigrationApiFor(source.atlas).availableProjects(source.atlasOrgId);
    // Atlas lists every linked org's projects: only this org's are its to plan (none: Atlas does not see its link).
    const owners = projectOwners((await readContents()).profiles, await groupOrgItem.get());
    const projects = projectsOfOrg(listed, source.cloudManagerOrgId, owners).map((p) => ({
      ...p,
      deployments: p.deployments.map((d) => ({
        ...d,
        readiness: migrationReadiness(d, { migrationHosts: p.migrationHosts, side: source.side }),
      })),
    }));
    await keepSeenDeployments(source, projects);
    return {
      cloudManagerOrgId: source.cloudManagerOrgId,
      ...(source.orgName ? { orgName: source.orgName } : {}),
      client: source.client.label,
      atlasOrgId: source.atlasOrgId,
      ...(source.atlas.org?.name ? { atlasOrgName: source.atlas.org.name } : {}),
      projects,
    };
  },

  async 'migrations/targets'({ cloudManagerOrgId }) {
    const source = await migrationSource(cloudManagerOrgId);
    const api = atlasMigrationApiFor(source.atlas);
    const projects = await api.projects(source.atlasOrgId);
    const withClusters = [];
    // One project at a time: an org has a handful, and the user's own clicks keep their share of the limit.
    for (const project of projects) withClusters.push({ ...project, clusters: await api.clusters(project.id) });
    await keepAtlasProjectNames(projects);
    return { projects: withClusters };
  },

  async 'migrations/validate'({ cloudManagerOrgId, plan: raw, credentials }) {
    const plan = checkedPlan(raw);
    const source = await migrationSource(cloudManagerOrgId);
    const body = migrationPlan(plan, credentials);
    const api = atlasMigrationApiFor(source.atlas);
    const job = await recorded(
      source,
      'migration-validate',
      () => api.validate(body),
      (v) => v.status,
    );
    const view = viewOf(job, Date.now());
    await keepValidation(planKey(source.cloudManagerOrgId, plan), view, plan.atlasProjectId);
    await keepPlanValidation(source, plan, view);
    return view;
  },

  async 'migrations/validation'({ cloudManagerOrgId, plan: raw }) {
    const plan = checkedPlan(raw);
    const source = await migrationSource(cloudManagerOrgId);
    const current = await currentValidation(source, plan, planKey(source.cloudManagerOrgId, plan));
    return current ? publicView(current) : null;
  },

  'migrations/start': startMigration,

  async 'migrations/list'() {
    const all = Object.values(await migrationsItem.get());
    return all.sort((a, b) => b.startedAt - a.startedAt);
  },

  async 'migrations/get'({ migrationId }) {
    const record = await checkMigration(await storedMigration(migrationId));
    await followRunning();
    return record;
  },

  'migrations/cutover': cutover,
};
