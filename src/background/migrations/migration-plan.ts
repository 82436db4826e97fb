// A plan as the page sends it, checked field by field before anything is sent, turned into the core client's
// request with the write-only source credentials, and keyed (without them) so a start can find the validation of
// the very same plan.
import type { MigrationPlan } from '../../core/atlas';
import { isObjectId } from '../../core/cloudmanager';
import {
  HOSTNAME_SCHEMA_TYPES,
  type MigrationPlanChoice,
  type SourceCredentials,
} from '../../shared/migration-messages';
import { WorkerError } from '../messaging/worker-error';

const invalid = () => new WorkerError('invalid-input', { variant: 'migration-plan' });

// Cluster, deployment and host names: what Atlas and Cloud Manager give, bounded; never a control character.
const isName = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 256 && ![...v].some((c) => c < ' ' || c === '\u007f');

/** The plan with exactly its known fields, or invalid-input. */
export function checkedPlan(plan: unknown): MigrationPlanChoice {
  if (typeof plan !== 'object' || plan === null) throw invalid();
  const p = plan as Record<string, unknown>;
  const flags = ['managedAuthentication', 'ssl', 'dropDestinationData'] as const;
  if (!isObjectId(p.sourceProjectId) || !isObjectId(p.atlasProjectId)) throw invalid();
  if (!isName(p.sourceCluster) || !isName(p.destinationCluster) || !isName(p.migrationHost)) throw invalid();
  if (!flags.every((f) => typeof p[f] === 'boolean')) throw invalid();
  if (!(HOSTNAME_SCHEMA_TYPES as readonly unknown[]).includes(p.hostnameSchemaType)) throw invalid();
  return {
    sourceProjectId: p.sourceProjectId,
    sourceCluster: p.sourceCluster,
    atlasProjectId: p.atlasProjectId,
    destinationCluster: p.destinationCluster,
    migrationHost: p.migrationHost,
    managedAuthentication: p.managedAuthentication as boolean,
    ssl: p.ssl as boolean,
    hostnameSchemaType: p.hostnameSchemaType as MigrationPlanChoice['hostnameSchemaType'],
    dropDestinationData: p.dropDestinationData as boolean,
  };
}

/** The credentials when both are given (write-only: used for this one request); none when neither is. */
function checkedCredentials(credentials: unknown): SourceCredentials | undefined {
  if (credentials === undefined) return undefined;
  const c = credentials as Partial<SourceCredentials> | null;
  if (typeof c?.username !== 'string' || typeof c.password !== 'string') throw invalid();
  if (c.username.length === 0 && c.password.length === 0) return undefined;
  if (c.username.length === 0 || c.password.length === 0 || c.username.length > 1024 || c.password.length > 1024) {
    throw invalid();
  }
  return { username: c.username, password: c.password };
}

/** The core client's request: the plan, and the source credentials only when given. */
export function migrationPlan(plan: MigrationPlanChoice, credentials: unknown): MigrationPlan {
  const secret = checkedCredentials(credentials);
  return {
    source: {
      groupId: plan.sourceProjectId,
      clusterName: plan.sourceCluster,
      managedAuthentication: plan.managedAuthentication,
      ssl: plan.ssl,
      ...(secret ?? {}),
    },
    destination: {
      groupId: plan.atlasProjectId,
      clusterName: plan.destinationCluster,
      hostnameSchemaType: plan.hostnameSchemaType,
    },
    migrationHost: plan.migrationHost,
    dropDestinationData: plan.dropDestinationData,
  };
}

/** One key per org and plan (every field in a fixed order; never a credential). */
export function planKey(cloudManagerOrgId: string, plan: MigrationPlanChoice): string {
  return JSON.stringify([
    cloudManagerOrgId,
    plan.sourceProjectId,
    plan.sourceCluster,
    plan.atlasProjectId,
    plan.destinationCluster,
    plan.migrationHost,
    plan.managedAuthentication,
    plan.ssl,
    plan.hostnameSchemaType,
    plan.dropDestinationData,
  ]);
}
