// The migration parts of the sandbox's fixture (types only): deployments of Cloud Manager projects, their migration
// hosts, and Atlas projects' clusters. migration-world.ts derives what a fixture leaves out.

/** One deployment of a Cloud Manager project, as AvailableClustersDeployment describes it, plus sandbox behaviour. */
export interface FixtureDeployment {
  groupId: string;
  name: string;
  clusterId: string;
  mongoDBVersion: string;
  featureCompatibilityVersion: string;
  managed: boolean;
  sharded: boolean;
  shardsSize?: number;
  tlsEnabled: boolean;
  dbSizeBytes: number;
  oplogSizeMB: number;
  agentVersion: string;
  /** A validation of this deployment fails with this message, whatever its versions say. */
  validationError?: string;
}

/** One cluster of an Atlas project, as the clusters listing shows it (the fields a migration target needs). */
export interface FixtureAtlasCluster {
  groupId: string;
  id: string;
  name: string;
  mongoDBVersion: string;
  featureCompatibilityVersion: string;
  clusterType: 'REPLICASET' | 'SHARDED';
}

/** The migration parts a fixture may add; absent lists mean "derive one per project". */
export interface MigrationFixture {
  deployments?: FixtureDeployment[];
  /** Hostnames per Cloud Manager project id ([] = a project with no migration host provisioned). */
  migrationHosts?: Record<string, string[]>;
  atlasClusters?: FixtureAtlasCluster[];
}
