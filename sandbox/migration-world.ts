// What the sandbox's Atlas side knows about migration sources and targets: each Cloud Manager project's deployments
// (the facts availableProjects lists) and migration hosts, and each Atlas project's clusters. A fixture may list
// them; a project it leaves out gets one ready replica set and one migration host, drawn from its id so every run
// serves the same facts.
import { createHash } from 'node:crypto';
import type { Fixture, FixtureGroup } from './fixture';
import type { FixtureAtlasCluster, FixtureDeployment } from './migration-fixture';

export type { FixtureAtlasCluster, FixtureDeployment, MigrationFixture } from './migration-fixture';

const hexFrom = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 24);

/** The default deployment of a project the fixture says nothing about: a 7.0 replica set that can move. */
function defaultDeployment(group: FixtureGroup): FixtureDeployment {
  const bytes = Number.parseInt(hexFrom(`size:${group.id}`).slice(0, 6), 16);
  return {
    groupId: group.id,
    name: `${group.name}-rs`,
    clusterId: hexFrom(`deployment:${group.id}`),
    mongoDBVersion: '7.0.14',
    featureCompatibilityVersion: '7.0',
    managed: true,
    sharded: false,
    tlsEnabled: true,
    dbSizeBytes: 1_000_000_000 + bytes * 1000,
    oplogSizeMB: 2048,
    agentVersion: '13.30.0.9380-1',
  };
}

/** The deployments of a Cloud Manager project: the fixture's when it lists any for it, else the default one. */
export function deploymentsOf(fixture: Fixture, group: FixtureGroup): FixtureDeployment[] {
  const listed = fixture.deployments?.filter((d) => d.groupId === group.id) ?? [];
  return listed.length > 0 ? listed : [defaultDeployment(group)];
}

/** A project's migration hosts (the spec's example hostname, vm001.example.com, under the project's name). */
export function migrationHostsOf(fixture: Fixture, group: FixtureGroup): string[] {
  return fixture.migrationHosts?.[group.id] ?? [`vm001.${group.name}.example.com`];
}

/** The clusters of an Atlas project: the fixture's, else one 8.0 replica set named Cluster0 (Atlas's default name). */
export function atlasClustersOf(fixture: Fixture, group: FixtureGroup): FixtureAtlasCluster[] {
  const listed = fixture.atlasClusters?.filter((c) => c.groupId === group.id) ?? [];
  if (listed.length > 0) return listed;
  return [
    {
      groupId: group.id,
      id: hexFrom(`cluster:${group.id}`),
      name: 'Cluster0',
      mongoDBVersion: '8.0.12',
      featureCompatibilityVersion: '8.0',
      clusterType: 'REPLICASET',
    },
  ];
}

/** An availableProjects entry (LiveImportAvailableProject): the schema's fields in its order. */
export function availableProject(fixture: Fixture, group: FixtureGroup) {
  return {
    deployments: deploymentsOf(fixture, group).map((d) => {
      const entry: Record<string, unknown> = {
        agentVersion: d.agentVersion,
        clusterId: d.clusterId,
        dbSizeBytes: d.dbSizeBytes,
        featureCompatibilityVersion: d.featureCompatibilityVersion,
        managed: d.managed,
        mongoDBVersion: d.mongoDBVersion,
        name: d.name,
        oplogSizeMB: d.oplogSizeMB,
        sharded: d.sharded,
      };
      if (d.sharded) entry.shardsSize = d.shardsSize ?? 2;
      entry.tlsEnabled = d.tlsEnabled;
      return entry;
    }),
    migrationHosts: migrationHostsOf(fixture, group),
    name: group.name,
    projectId: group.id,
  };
}

const parts = (version: string) => version.split('.').map((n) => Number.parseInt(n, 10) || 0);

/** Whether dotted version a is at least b (6.0.17 >= 6.0.9). */
export function versionAtLeast(a: string, b: string): boolean {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/**
 * Why a validation of this deployment fails, or undefined when it passes. The rule is Atlas's published pre-migration
 * check ("The source and destination cluster's MongoDB version is at least 6.0.17", c2c-push-live-migration); the
 * FCV check is the same page's earlier edition ("The FCV for source and destination clusters is at least 6.0"). The
 * wording of Atlas's errorMessage is not published: these sentences are the sandbox's.
 */
export function validationFailure(deployment: FixtureDeployment, destination: FixtureAtlasCluster): string | undefined {
  if (deployment.validationError) return deployment.validationError;
  if (!versionAtLeast(deployment.featureCompatibilityVersion, '6.0')) {
    return `Source cluster featureCompatibilityVersion ${deployment.featureCompatibilityVersion} is too old: 6.0 or later is required.`;
  }
  if (!versionAtLeast(deployment.mongoDBVersion, '6.0.17')) {
    return `Source cluster MongoDB version ${deployment.mongoDBVersion} is too old: 6.0.17 or later is required.`;
  }
  if (!versionAtLeast(destination.mongoDBVersion, '6.0.17')) {
    return `Destination cluster MongoDB version ${destination.mongoDBVersion} is too old: 6.0.17 or later is required.`;
  }
  if (deployment.sharded !== (destination.clusterType === 'SHARDED')) {
    return 'Source and destination clusters must both be replica sets or both be sharded clusters.';
  }
  return undefined;
}
