// The migration cockpit's messages (#34): what Atlas sees of a client's linked Cloud Manager org, the targets, a
// plan's validation, its start, the migrations the worker watches and their cutover. A source username and password
// go in one request and are never in an answer, in storage or in history.
import type { AtlasCluster, AvailableDeployment, LiveMigration, Readiness } from '../core/atlas';
import type { ErrorView } from './domain';

/** The destination's hostname kind (the spec's Destination.hostnameSchemaType, without Private Link). */
export const HOSTNAME_SCHEMA_TYPES = ['PUBLIC', 'VPC_PEERING'] as const;
export type HostnameSchemaType = (typeof HOSTNAME_SCHEMA_TYPES)[number];

/** What a plan names, picked from lists; never a secret. */
export interface MigrationPlanChoice {
  /** The Cloud Manager project and its deployment (availableProjects). */
  sourceProjectId: string;
  sourceCluster: string;
  /** The Atlas project and cluster (targets). */
  atlasProjectId: string;
  destinationCluster: string;
  /** One of the source project's own migration hosts. */
  migrationHost: string;
  managedAuthentication: boolean;
  ssl: boolean;
  hostnameSchemaType: HostnameSchemaType;
  dropDestinationData: boolean;
}

/** Write-only: sent with one validate or start, never stored, answered or logged. */
export interface SourceCredentials {
  username: string;
  password: string;
}

export type DeploymentView = AvailableDeployment & { readiness: Readiness };

export interface AvailableProjectView {
  projectId: string;
  name: string;
  migrationHosts: string[];
  deployments: DeploymentView[];
}

/** What Atlas sees of a Cloud Manager org: the Atlas org it asked (the org's target) and the projects it lists. */
export interface MigrationSourceView {
  cloudManagerOrgId: string;
  orgName?: string;
  client: string;
  atlasOrgId: string;
  atlasOrgName?: string;
  projects: AvailableProjectView[];
}

export interface MigrationTargets {
  projects: { id: string; name: string; clusters: AtlasCluster[] }[];
}

export interface ValidationView {
  id: string;
  status: string;
  outcome: 'pending' | 'passed' | 'failed';
  errorMessage?: string;
  checkedAt: number;
}

/** A migration the extension started, as last seen (the watch keeps it current while it runs). */
export interface MigrationRecord {
  id: string;
  cloudManagerOrgId: string;
  orgName?: string;
  client: string;
  atlasOrgId: string;
  atlasProjectId: string;
  atlasProjectName?: string;
  sourceProjectId: string;
  sourceProjectName?: string;
  sourceCluster: string;
  destinationCluster: string;
  dropDestinationData: boolean;
  status: LiveMigration['status'];
  lagTimeSeconds?: number;
  readyForCutover: boolean;
  /** When the extension first saw readyForCutover: the 120-hour window ends at most 120 h later. */
  readySince?: number;
  startedAt: number;
  checkedAt: number;
  cutoverAt?: number;
  /** The last check's failure (the record keeps its last known status). */
  error?: ErrorView;
}

type Source = { cloudManagerOrgId: string };
type PlanRequest = Source & { plan: MigrationPlanChoice; credentials?: SourceCredentials };

export interface MigrationMessages {
  /** The client's Atlas key pair asks the org's Atlas target which projects it can migrate, with a verdict each. */
  'migrations/available-projects': { request: Source; response: MigrationSourceView };
  /** The Atlas projects of the org's Atlas target and each one's clusters. */
  'migrations/targets': { request: Source; response: MigrationTargets };
  /** Starts Atlas's validation of the plan (sent once); recorded in history. */
  'migrations/validate': { request: PlanRequest; response: ValidationView };
  /** The plan's last validation, asked again while it is pending; null when it has none. */
  'migrations/validation': { request: Source & { plan: MigrationPlanChoice }; response: ValidationView | null };
  /** Starts the migration, only after a passed validation of the same plan (asked again first); in history. */
  'migrations/start': { request: PlanRequest; response: MigrationRecord };
  /** Every migration the extension started, as last seen (no call). */
  'migrations/list': { request: Record<string, never>; response: MigrationRecord[] };
  /** Asks Atlas for one migration now. */
  'migrations/get': { request: { migrationId: string }; response: MigrationRecord };
  /** Cuts the migration over (sent once; only when ready); in history. */
  'migrations/cutover': { request: { migrationId: string }; response: MigrationRecord };
}
