// What the Atlas migration answers must hold to be believed, read field by field from the v2 spec's schemas
// (mongodb/atlas-sdk-go openapi/atlas-api-transformed.yaml: LiveImportAvailableProject, AvailableClustersDeployment,
// LiveImportValidation, LiveMigrationResponse, Group, ClusterDescription20240805). A required field missing or of
// the wrong type is unexpected-response, which never repeats what the answer held; names are cut and cleaned as
// every server-given name is.
import { CloudManagerError, isObjectId } from '../cloudmanager';
import { cut } from '../vault/identity';

export type AvailableDeployment = {
  name: string;
  clusterId?: string;
  mongoDBVersion: string;
  featureCompatibilityVersion: string;
  /** Automation manages it (else Cloud Manager only monitors it). */
  managed: boolean;
  sharded: boolean;
  shardsSize?: number;
  tlsEnabled: boolean;
  dbSizeBytes?: number;
  oplogSizeMB?: number;
  agentVersion?: string;
};

/** A Cloud Manager / Ops Manager project Atlas can migrate from, with its deployments and migration hosts. */
export type AvailableProject = {
  projectId: string;
  name: string;
  migrationHosts: string[];
  deployments: AvailableDeployment[];
};

/**
 * A validation job. `outcome` reads `status`, whose values the spec does not list: FAILED (or an errorMessage) is a
 * failure, SUCCESS a pass, anything else still running; `status` is kept as Atlas wrote it.
 */
export type MigrationValidation = {
  id: string;
  status: string;
  outcome: 'pending' | 'passed' | 'failed';
  errorMessage?: string;
  groupId?: string;
  sourceGroupId?: string;
};

/**
 * The statuses LiveMigrationResponse documents (its schema lists them in prose, not as an enum: a status Atlas adds
 * later is kept as written, for the page to show as it is).
 */
export const MIGRATION_STATUSES = ['NEW', 'WORKING', 'FAILED', 'COMPLETE', 'EXPIRED'] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

export type LiveMigration = {
  id: string;
  status: MigrationStatus | (string & {});
  /** Present only while data syncs, before the cutover phase. */
  lagTimeSeconds?: number;
  readyForCutover: boolean;
  migrationHosts: string[];
};

/** An Atlas project a migration can go to. */
export type AtlasProject = { id: string; name: string };

/** An Atlas cluster a migration can go to. */
export type AtlasCluster = {
  name: string;
  id?: string;
  mongoDBVersion?: string;
  featureCompatibilityVersion?: string;
  clusterType?: string;
  stateName?: string;
};

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const notUnderstood = () => new CloudManagerError('unexpected-response', { variant: 'atlas' });

function record(value: unknown): Fields {
  if (!isRecord(value)) throw notUnderstood();
  return value;
}

function text(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw notUnderstood();
  return value;
}

function flag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw notUnderstood();
  return value;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw notUnderstood();
  return value;
}

function objectId(value: unknown): string {
  if (!isObjectId(value)) throw notUnderstood();
  return value;
}

/** The optional fields present in the answer (a wrong type refuses the answer, an absent one is left out). */
function optional<T>(fields: Fields, names: readonly string[], check: (v: unknown) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const name of names) if (fields[name] !== undefined) out[name] = check(fields[name]);
  return out;
}

const count = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw notUnderstood();
  return value;
};

function readDeployment(entry: unknown): AvailableDeployment {
  const d = record(entry);
  return {
    name: cut(text(d.name)),
    mongoDBVersion: cut(text(d.mongoDBVersion)),
    featureCompatibilityVersion: cut(text(d.featureCompatibilityVersion)),
    managed: flag(d.managed),
    sharded: flag(d.sharded),
    tlsEnabled: flag(d.tlsEnabled),
    ...optional(d, ['clusterId'], objectId),
    ...optional(d, ['shardsSize', 'dbSizeBytes', 'oplogSizeMB'], count),
    ...optional(d, ['agentVersion'], (v) => cut(text(v))),
  };
}

function readAvailableProject(entry: unknown): AvailableProject {
  const p = record(entry);
  return {
    projectId: objectId(p.projectId),
    name: cut(text(p.name)),
    migrationHosts: list(p.migrationHosts).map((h) => cut(text(h))),
    deployments: list(p.deployments).map(readDeployment),
  };
}

/** The answer to availableProjects: a bare array (the spec's 200 is `type: array`), not a page. */
export function readAvailableProjects(body: unknown): AvailableProject[] {
  return list(body).map(readAvailableProject);
}

export function readValidation(body: unknown): MigrationValidation {
  const v = record(body);
  const status = text(v.status);
  const errorMessage = v.errorMessage === undefined || v.errorMessage === null ? undefined : cut(text(v.errorMessage));
  const outcome =
    status === 'FAILED' || errorMessage !== undefined ? 'failed' : status === 'SUCCESS' ? 'passed' : 'pending';
  return {
    id: objectId(v._id),
    status: cut(status),
    outcome,
    ...(errorMessage === undefined ? {} : { errorMessage }),
    ...optional(v, ['groupId', 'sourceGroupId'], objectId),
  };
}

export function readMigration(body: unknown): LiveMigration {
  const m = record(body);
  return {
    id: objectId(m._id),
    status: cut(text(m.status)),
    readyForCutover: m.readyForCutover === undefined ? false : flag(m.readyForCutover),
    migrationHosts: m.migrationHosts === undefined ? [] : list(m.migrationHosts).map((h) => cut(text(h))),
    ...optional(m, ['lagTimeSeconds'], count),
  };
}

export function readAtlasProject(entry: unknown): AtlasProject {
  const g = record(entry);
  return { id: objectId(g.id), name: cut(text(g.name)) };
}

export function readAtlasCluster(entry: unknown): AtlasCluster {
  const c = record(entry);
  return {
    name: cut(text(c.name)),
    ...optional(c, ['id'], objectId),
    ...optional(c, ['mongoDBVersion', 'featureCompatibilityVersion', 'clusterType', 'stateName'], (v) => cut(text(v))),
  };
}
