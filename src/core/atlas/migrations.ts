// The Atlas side after the link (Cloud Migration Service): the Cloud Manager projects Atlas can migrate, the
// targets (an org's projects, a project's clusters), validation, start, status and cutover, over the same transport
// as the link-token calls. Each call names the resource version the spec gives its operation. Only reads are
// repeated on failure: a validation, a start or a cutover is sent once.
import { assertObjectId } from '../cloudmanager';
import { readBodyText } from '../cloudmanager/response-body';
import type { AtlasApiOptions } from './api';
import { listAll } from './listing';
import {
  type AtlasCluster,
  type AtlasProject,
  type AvailableProject,
  type LiveMigration,
  type MigrationValidation,
  readAtlasCluster,
  readAtlasProject,
  readAvailableProjects,
  readMigration,
  readValidation,
} from './migration-answers';
import { createAtlasTransport } from './transport';

/** validate and start take the 2024-05-30 request (LiveMigrationRequest20240530); the spec lists no other. */
export const MIGRATION_REQUEST_VERSION = '2024-05-30';
/** The clusters listing's only version in the spec (ClusterDescription20240805). */
export const CLUSTERS_VERSION = '2024-08-05';

/** What a validation or a start names (the spec's Source, Destination, one migration host and the options). */
export type MigrationPlan = {
  source: {
    /** The Cloud Manager project. */
    groupId: string;
    clusterName: string;
    /** Automation manages authentication to the source: then no username and password. */
    managedAuthentication: boolean;
    ssl: boolean;
    /** Write-only secrets: sent in this one request, never stored or repeated. */
    username?: string;
    password?: string;
    caCertificatePath?: string;
  };
  destination: {
    /** The Atlas project; the call goes to it. */
    groupId: string;
    clusterName: string;
    hostnameSchemaType: string;
    privateLinkId?: string;
  };
  /** The spec allows exactly one. */
  migrationHost: string;
  dropDestinationData: boolean;
  sharding?: { createSupportingIndexes: boolean; shardingEntries: unknown[] };
};

export interface AtlasMigrationApi {
  /** `GET /orgs/{id}/liveMigrations/availableProjects`: the linked Cloud Manager projects Atlas can migrate. */
  availableProjects(atlasOrgId: string): Promise<AvailableProject[]>;
  /** `GET /orgs/{id}/groups`, every page: the Atlas projects a migration can go to. */
  projects(atlasOrgId: string): Promise<AtlasProject[]>;
  /** `GET /groups/{id}/clusters`, every page: the clusters of an Atlas project. */
  clusters(atlasProjectId: string): Promise<AtlasCluster[]>;
  /** `POST /groups/{id}/liveMigrations/validate`: starts a validation job (sent once). */
  validate(plan: MigrationPlan): Promise<MigrationValidation>;
  /** `GET /groups/{id}/liveMigrations/validate/{validationId}`. */
  validation(atlasProjectId: string, validationId: string): Promise<MigrationValidation>;
  /** `POST /groups/{id}/liveMigrations` (201): starts the migration (sent once). */
  start(plan: MigrationPlan): Promise<LiveMigration>;
  /** `GET /groups/{id}/liveMigrations/{migrationId}`. */
  migration(atlasProjectId: string, migrationId: string): Promise<LiveMigration>;
  /** `PUT /groups/{id}/liveMigrations/{migrationId}/cutover` (202; sent once). */
  cutover(atlasProjectId: string, migrationId: string): Promise<void>;
}

const groupPath = (atlasProjectId: string) => `/groups/${assertObjectId(atlasProjectId, 'group')}`;
const migrationsPath = (atlasProjectId: string) => `${groupPath(atlasProjectId)}/liveMigrations`;
const jobPath = (atlasProjectId: string, id: string) =>
  `${migrationsPath(atlasProjectId)}/${assertObjectId(id, 'group')}`;

/** The request body in the spec's field names; optional fields only when given. */
export function migrationRequestBody(plan: MigrationPlan): string {
  const { source, destination } = plan;
  return JSON.stringify({
    source: {
      groupId: assertObjectId(source.groupId, 'group'),
      clusterName: source.clusterName,
      managedAuthentication: source.managedAuthentication,
      ssl: source.ssl,
      ...(source.username === undefined ? {} : { username: source.username }),
      ...(source.password === undefined ? {} : { password: source.password }),
      ...(source.caCertificatePath === undefined ? {} : { caCertificatePath: source.caCertificatePath }),
    },
    destination: {
      groupId: assertObjectId(destination.groupId, 'group'),
      clusterName: destination.clusterName,
      hostnameSchemaType: destination.hostnameSchemaType,
      ...(destination.privateLinkId === undefined ? {} : { privateLinkId: destination.privateLinkId }),
    },
    migrationHosts: [plan.migrationHost],
    dropDestinationData: plan.dropDestinationData,
    ...(plan.sharding === undefined ? {} : { sharding: plan.sharding }),
  });
}

export function createAtlasMigrationApi(options: AtlasApiOptions): AtlasMigrationApi {
  const { send, sendForJson } = createAtlasTransport(options);
  const json = async (response: Response): Promise<unknown> => {
    const raw = await readBodyText(response);
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined; // the readers refuse it as unexpected-response, without repeating it
    }
  };

  return {
    async availableProjects(atlasOrgId) {
      const path = `/orgs/${assertObjectId(atlasOrgId, 'org')}/liveMigrations/availableProjects`;
      return readAvailableProjects(await json(await send({ method: 'GET', path, operation: 'available-projects' })));
    },

    projects(atlasOrgId) {
      const path = `/orgs/${assertObjectId(atlasOrgId, 'org')}/groups`;
      return listAll(sendForJson, { path, operation: 'atlas-projects' }, readAtlasProject);
    },

    clusters(atlasProjectId) {
      const path = `${groupPath(atlasProjectId)}/clusters`;
      return listAll(sendForJson, { path, operation: 'atlas-clusters', version: CLUSTERS_VERSION }, readAtlasCluster);
    },

    async validate(plan) {
      const path = `${migrationsPath(plan.destination.groupId)}/validate`;
      const body = migrationRequestBody(plan);
      const version = MIGRATION_REQUEST_VERSION;
      return readValidation(
        await sendForJson({ method: 'POST', path, operation: 'validate-migration', body, version }),
      );
    },

    async validation(atlasProjectId, validationId) {
      const path = `${migrationsPath(atlasProjectId)}/validate/${assertObjectId(validationId, 'group')}`;
      return readValidation(await sendForJson({ method: 'GET', path, operation: 'migration-validation' }));
    },

    async start(plan) {
      const path = migrationsPath(plan.destination.groupId);
      const body = migrationRequestBody(plan);
      const version = MIGRATION_REQUEST_VERSION;
      return readMigration(await sendForJson({ method: 'POST', path, operation: 'start-migration', body, version }));
    },

    async migration(atlasProjectId, migrationId) {
      const path = jobPath(atlasProjectId, migrationId);
      return readMigration(await sendForJson({ method: 'GET', path, operation: 'migration' }));
    },

    async cutover(atlasProjectId, migrationId) {
      const path = `${jobPath(atlasProjectId, migrationId)}/cutover`;
      await readBodyText(await send({ method: 'PUT', path, operation: 'cutover' }));
    },
  };
}
