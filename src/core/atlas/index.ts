// The Atlas Admin API v2 layer: link tokens and orgs, and after the link the migration side (available projects,
// targets, validation, migrations, cutover) with its readiness verdict; the Cloud Manager layer's typed errors.

export { type AtlasOrganization, readLinkToken, readListedOrg, readOrganization } from './answers';
export { type AtlasApi, type AtlasApiOptions, createAtlasApi, type LinkTokenOptions, type RevokeOutcome } from './api';
export { atlasApiRoot, isAtlasForGovernment } from './base-url';
export {
  type AtlasCluster,
  type AtlasProject,
  type AvailableDeployment,
  type AvailableProject,
  type LiveMigration,
  MIGRATION_STATUSES,
  type MigrationStatus,
  type MigrationValidation,
} from './migration-answers';
export {
  migrationReadiness,
  READINESS_SOURCES,
  type Readiness,
  type ReadinessContext,
  type ReadinessNote,
  type ReadinessReason,
  type ReadinessRule,
} from './migration-readiness';
export { type AtlasMigrationApi, createAtlasMigrationApi, type MigrationPlan } from './migrations';
export { ATLAS_MEDIA_TYPE } from './transport';
