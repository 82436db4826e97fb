// The Atlas side after the link (Cloud Migration Service and the targets' listings), shaped as the v2 spec's schemas
// (mongodb/atlas-sdk-go openapi/atlas-api-transformed.yaml): availableProjects lists the projects of every Cloud
// Manager org linked with this Atlas org's tokens; validations and migrations run on the sandbox clock
// (migration-store.ts). atlas-api.ts authenticates, routes, negotiates the version, then calls answerMigrationRoute.
import { decode, OBJECT_ID } from './api';
import { type AtlasContext, type AtlasRequest, listingLinks, reachAtlasOrg } from './atlas-context';
import type { FixtureGroup, FixtureKey, FixtureOrg, OrgRole } from './fixture';
import { readMigrationRequest } from './migration-request';
import { MIGRATION_TIMELINE, migrationState } from './migration-store';
import {
  atlasClustersOf,
  availableProject,
  deploymentsOf,
  migrationHostsOf,
  validationFailure,
} from './migration-world';
import { type ApiAnswer, mmsError } from './mms-errors';
import { page } from './paging';

type Kind =
  | 'available-projects'
  | 'org-groups'
  | 'clusters'
  | 'start'
  | 'validate'
  | 'validation'
  | 'migration'
  | 'cutover';

export interface MigrationRoute {
  kind: Kind;
  methods: string[];
  /** The resource versions the spec lists for the operation (each operation is versioned on its own). */
  versions: string[];
  orgId?: string;
  groupId?: string;
  id?: string;
}

const V1 = ['2023-01-01'];
// biome-ignore format: one route a line
const ROUTES: [RegExp, Kind, string, string[]][] = [
  [/^\/orgs\/([^/]+)\/liveMigrations\/availableProjects\/?$/, 'available-projects', 'GET', V1],
  [/^\/orgs\/([^/]+)\/groups\/?$/, 'org-groups', 'GET', V1],
  [/^\/groups\/([^/]+)\/clusters\/?$/, 'clusters', 'GET', ['2024-08-05']],
  [/^\/groups\/([^/]+)\/liveMigrations\/?$/, 'start', 'POST', ['2024-05-30']],
  [/^\/groups\/([^/]+)\/liveMigrations\/validate\/?$/, 'validate', 'POST', ['2024-05-30']],
  [/^\/groups\/([^/]+)\/liveMigrations\/validate\/([^/]+)\/?$/, 'validation', 'GET', V1],
  [/^\/groups\/([^/]+)\/liveMigrations\/([^/]+)\/cutover\/?$/, 'cutover', 'PUT', V1],
  [/^\/groups\/([^/]+)\/liveMigrations\/([^/]+)\/?$/, 'migration', 'GET', V1],
];

/** The migration route a path (after /api/atlas/v2) names, if any. */
export function matchMigrationRoute(route: string): MigrationRoute | undefined {
  for (const [pattern, kind, method, versions] of ROUTES) {
    const m = pattern.exec(route);
    if (!m) continue;
    const scope = route.startsWith('/orgs/') ? { orgId: decode(m[1]!) } : { groupId: decode(m[1]!) };
    return { kind, methods: [method], versions, ...scope, ...(m[2] === undefined ? {} : { id: decode(m[2]) }) };
  }
  return undefined;
}

const notOwner = () => mmsError(401, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');
const OWNER_ONLY: readonly Kind[] = ['available-projects', 'start', 'validate', 'validation', 'cutover'];
const CREATED = '2024-01-15T09:00:00Z';

/** The Atlas project a group route names, the key's roles on its org, or the refusal. */
function reachAtlasGroup(
  ctx: AtlasContext,
  request: AtlasRequest,
  key: FixtureKey,
  groupId: string,
): { group: FixtureGroup; org: FixtureOrg; roles: OrgRole[] } | ApiAnswer {
  if (!OBJECT_ID.test(groupId)) {
    return mmsError(404, 'INVALID_GROUP_ID', `An invalid group ID ${groupId} was specified.`, [groupId]);
  }
  const group = ctx.fixture.groups.find((g) => g.id === groupId);
  const org = group && ctx.fixture.orgs.find((o) => o.id === group.orgId);
  // A Cloud Manager project is not one of Atlas's: on this API it is as unknown as a made-up id.
  if (!group || org?.kind !== 'atlas') {
    return mmsError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId]);
  }
  const reached = reachAtlasOrg(ctx, request, key, org.id);
  return 'status' in reached ? reached : { group, ...reached };
}

export function answerMigrationRoute(
  ctx: AtlasContext,
  request: AtlasRequest,
  key: FixtureKey,
  route: MigrationRoute,
  mediaType: Record<string, string>,
): ApiAnswer {
  const reached: { group?: FixtureGroup; org: FixtureOrg; roles: OrgRole[] } | ApiAnswer =
    route.orgId !== undefined
      ? reachAtlasOrg(ctx, request, key, route.orgId)
      : reachAtlasGroup(ctx, request, key, route.groupId!);
  if ('status' in reached) return reached;
  const roles: OrgRole[] = reached.roles;
  if (OWNER_ONLY.includes(route.kind) && !roles.includes('ORG_OWNER')) return notOwner();
  const org = reached.org;
  const ok = (status: number, body?: unknown): ApiAnswer =>
    body === undefined ? { status, headers: mediaType } : { status, body, headers: mediaType };

  if (route.kind === 'available-projects')
    return ok(
      200,
      linkedProjects(ctx, org).map((g) => availableProject(ctx.fixture, g)),
    );
  if (route.kind === 'org-groups') {
    const groups = ctx.fixture.groups.filter((g) => g.orgId === org.id);
    const answer = page(
      groups.map((g) => ({
        clusterCount: atlasClustersOf(ctx.fixture, g).length,
        created: CREATED,
        id: g.id,
        links: [{ href: `${request.origin}/api/atlas/v2/groups/${g.id}`, rel: 'self' }],
        name: g.name,
        orgId: g.orgId,
      })),
      request.query,
      (p, total) => listingLinks(request.origin, p, total, `/orgs/${org.id}/groups`),
    );
    return answer.status === 200 ? { ...answer, headers: mediaType } : answer;
  }
  const group = reached.group;
  if (!group) return mmsError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.path}.`, [request.path]);
  if (route.kind === 'clusters') {
    const answer = page(
      atlasClustersOf(ctx.fixture, group).map((c) => ({
        clusterType: c.clusterType,
        createDate: CREATED,
        featureCompatibilityVersion: c.featureCompatibilityVersion,
        groupId: c.groupId,
        id: c.id,
        links: [{ href: `${request.origin}/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}`, rel: 'self' }],
        mongoDBMajorVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
        mongoDBVersion: c.mongoDBVersion,
        name: c.name,
        paused: false,
        stateName: 'IDLE',
      })),
      request.query,
      (p, total) => listingLinks(request.origin, p, total, `/groups/${group.id}/clusters`),
    );
    return answer.status === 200 ? { ...answer, headers: mediaType } : answer;
  }
  if (route.kind === 'validation') {
    const record = ctx.migrations.validations.get(route.id ?? '');
    if (!record || record.groupId !== group.id) return notFound(request);
    const done = ctx.migrations.clock.now() - record.createdAt >= MIGRATION_TIMELINE.validationMs;
    return ok(200, validationBody(record, done));
  }
  if (route.kind === 'migration' || route.kind === 'cutover') {
    const record = ctx.migrations.migrations.get(route.id ?? '');
    if (!record || record.groupId !== group.id) return notFound(request);
    if (route.kind === 'migration') return ok(200, migrationBody(record, ctx.migrations.clock.now()));
    if (!ctx.migrations.state(record).readyForCutover) {
      return mmsError(400, 'VALIDATION_ERROR', `Migration ${record.id} is not ready for cutover.`, [record.id]);
    }
    record.cutoverAt = ctx.migrations.clock.now();
    return ok(202);
  }

  // validate or start: the request body, then what it names.
  const plan = readMigrationRequest(request.body);
  if ('status' in plan) return plan;
  if (plan.destination.groupId !== group.id) {
    return mmsError(400, 'VALIDATION_ERROR', 'destination.groupId must be the project in the path.', [
      'destination.groupId',
    ]);
  }
  const source = linkedProjects(ctx, org).find((g) => g.id === plan.source.groupId);
  const deployment = source && deploymentsOf(ctx.fixture, source).find((d) => d.name === plan.source.clusterName);
  const destination = atlasClustersOf(ctx.fixture, group).find((c) => c.name === plan.destination.clusterName);
  const hostKnown = source !== undefined && migrationHostsOf(ctx.fixture, source).includes(plan.migrationHosts[0]!);
  const unresolved = !source
    ? `Source project ${plan.source.groupId} is not available for migration to this organization.`
    : !deployment
      ? `Source cluster ${plan.source.clusterName} was not found in project ${source.id}.`
      : !destination
        ? `Destination cluster ${plan.destination.clusterName} was not found in project ${group.id}.`
        : !hostKnown
          ? `Migration host ${plan.migrationHosts[0]} is not a migration host of project ${source.id}.`
          : undefined;
  const failure = unresolved ?? (deployment && destination ? validationFailure(deployment, destination) : undefined);
  if (route.kind === 'validate') {
    const record = ctx.migrations.validate(group.id, plan.source.groupId, failure);
    return ok(200, validationBody(record, false));
  }
  // A start names what exists (else 400); what validation would refuse makes the migration fail once it runs.
  if (unresolved) return mmsError(400, 'VALIDATION_ERROR', unresolved, []);
  const record = ctx.migrations.start({
    groupId: group.id,
    atlasOrgId: org.id,
    sourceGroupId: source!.id,
    sourceClusterName: plan.source.clusterName,
    destinationClusterName: plan.destination.clusterName,
    migrationHosts: [...plan.migrationHosts],
    dropDestinationData: plan.dropDestinationData,
    ...(failure === undefined ? {} : { failure }),
  });
  return ok(201, migrationBody(record, record.createdAt));
}

/** The Cloud Manager projects of every org linked (and not revoked) with this Atlas org's tokens. */
function linkedProjects(ctx: AtlasContext, org: FixtureOrg) {
  const linked = new Set(
    [...ctx.links.entries()]
      .filter(([, link]) => link.atlasOrgId === org.id && link.revokedAt === undefined)
      .map(([cmOrgId]) => cmOrgId),
  );
  return ctx.fixture.groups.filter((g) => linked.has(g.orgId));
}

const notFound = (request: AtlasRequest) =>
  mmsError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.path}.`, [request.path]);

/** LiveImportValidation, in the schema's field order; errorMessage only on a failure. */
function validationBody(
  record: { id: string; groupId: string; sourceGroupId: string; failure?: string },
  done: boolean,
) {
  const failed = done && record.failure !== undefined;
  return {
    _id: record.id,
    ...(failed ? { errorMessage: record.failure } : {}),
    groupId: record.groupId,
    sourceGroupId: record.sourceGroupId,
    status: !done ? 'PENDING' : failed ? 'FAILED' : 'SUCCESS',
  };
}

/** LiveMigrationResponse, in the schema's field order; lagTimeSeconds only while syncing. */
function migrationBody(record: Parameters<typeof migrationState>[0], now: number) {
  const state = migrationState(record, now);
  return {
    _id: record.id,
    ...(state.lagTimeSeconds === undefined ? {} : { lagTimeSeconds: state.lagTimeSeconds }),
    migrationHosts: [...record.migrationHosts],
    readyForCutover: state.readyForCutover,
    status: state.status,
  };
}
