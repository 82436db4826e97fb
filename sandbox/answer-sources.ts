// The one table of every answer the sandbox gives on its APIs, each with where it comes from: recorded from the real
// service, documented by MongoDB, or assumed (with why). The code builds no answer that is not a row here: mmsError
// refuses an unlisted status/code pair, and the request pipeline refuses to send an unlisted answer for its side.
// docs/sandbox-answers.md is this table written out (a unit test keeps the two the same).
import { type AnswerRow, type AnswerSide, assumed, documented, recorded } from './answer-source';

export type { AnswerRow, AnswerSide, AnswerSource } from './answer-source';

const CM: AnswerSide[] = ['cloud-manager'];
const ATLAS: AnswerSide[] = ['atlas'];
const BOTH: AnswerSide[] = ['cloud-manager', 'atlas'];
const OAUTH: AnswerSide[] = ['oauth'];
const ANY: AnswerSide[] = ['cloud-manager', 'atlas', 'oauth'];

const SETUP = 'atlas/interactive/setupfailure/testdata/.snapshots/TestSetupFailureFlow';
const LINK = 'atlas/livemigrations/livemigrations/testdata/.snapshots/TestLinkToken';
const ORGS = 'atlas/iam/atlasorgs/testdata/.snapshots/TestAtlasOrgs';
const TOKENS = 'DELETE_api_atlas_v2_orgs_a0123456789abcdef012345a_liveMigrations_linkTokens_1.snaphost';

const CM_LINK_DOCS = 'Cloud Manager API docs: Link One Organization with One Atlas Organization, Return the Status';
const CM_ERRORS = 'Cloud Manager API docs: API errors (status and errorCode table)';
const V2_SPEC = 'Atlas Admin API v2 spec';
const LINK_TOKEN_OPS = `${V2_SPEC}: createOrgLiveMigrationLinkToken / deleteOrgLiveMigrationLinkTokens`;
// The spec file and commit the migration answers are shaped from (the same one test/fixtures/recorded cites).
const SPEC_AT = 'mongodb/atlas-sdk-go openapi/atlas-api-transformed.yaml @ 68a9d51c (2026-08-18)';
const spec = (where: string) => documented(`${SPEC_AT}: ${where}`);
const MIGRATION_OPS = 'validateLiveMigrations, createGroupLiveMigration, cutoverMigration, getMigrationValidateStatus';
const SAME_401 = 'not recorded for this case; the same auth layer answers it, so the recorded 401 body is reused';
const NO_LINK =
  "Cloud Manager's own answer for a missing link is not published; this is Atlas's recorded answer for the same " +
  'missing link (deleteOrgLink), the same MMS link store';

const row = (
  sides: AnswerSide[],
  status: number,
  errorCode: string | null,
  situation: string,
  source: AnswerRow['source'],
  mode?: string,
): AnswerRow =>
  mode ? { sides, status, errorCode, situation, mode, source } : { sides, status, errorCode, situation, source };

// biome-ignore format: one answer a line, so the table reads as a table
export const ANSWER_SOURCES: readonly AnswerRow[] = [
  // Authentication, both APIs.
  row(BOTH, 401, 'UNEXPECTED_ERROR', 'wrong private key: fresh Digest challenge stale=false, pretty body', recorded(`${SETUP}/Invalid_Private_Key/POST_api_atlas_v2_groups_b0123456789abcdef012345b_databaseUsers_1.snaphost`)),
  row(BOTH, 401, 'UNEXPECTED_ERROR', 'unknown public key (or none, or a malformed Authorization)', recorded(`${SETUP}/Invalid_Public_Key/POST_api_atlas_v2_groups_b0123456789abcdef012345b_databaseUsers_1.snaphost`)),
  row(BOTH, 401, 'UNEXPECTED_ERROR', "a key of another org (a key is known in its own org only): the wrong key's answer", assumed(`${SAME_401}; a key belongs to one org (Cloud Manager docs, Programmatic Access)`)),
  row(BOTH, 401, 'UNEXPECTED_ERROR', 'right credentials, expired or reused nonce: challenge stale=true', documented('Ops Manager docs: a nonce older than 60 s is refused with stale=true (the body is the recorded 401)')),
  row(BOTH, 401, 'UNEXPECTED_ERROR', "right credentials, a nonce another key signed first: stale=true", assumed('whether nonces are bound to a user is not published; Apache-style servers accept any key'), 'nonce-bound-to-user'),
  row(BOTH, 401, 'UNEXPECTED_ERROR', 'unknown or expired Bearer token: challenge Bearer error="invalid_token"', assumed(`RFC 6750 section 3.1 challenge; ${SAME_401}`)),
  row(CM, 401, 'UNEXPECTED_ERROR', 'valid Bearer token on a liveExport path Cloud Manager refuses it on', assumed('whether the liveExport endpoints take service accounts during the Preview is not published'), 'bearer-refused-on-live-export'),
  row(BOTH, 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', "caller IP not on the key's access list (detail and parameters name it)", documented(CM_ERRORS)),
  row(BOTH, 403, 'ORG_REQUIRES_ACCESS_LIST', 'org requires an access list, key has none (parameters: caller IP)', documented(CM_ERRORS)),

  // Cloud Manager /api/public/v1.0.
  row(CM, 200, null, 'GET /orgs: the key\'s own org (a global key: every Cloud Manager org)', documented('Cloud Manager API docs: Get All Organizations')),
  row(CM, 200, null, 'GET /orgs/{id}, GET /orgs/{id}/groups', documented('Cloud Manager API docs: Get One Organization, Get All Projects in One Organization')),
  row(CM, 200, null, 'GET /groups/{id}', documented('Cloud Manager API docs: Get One Project')),
  row(CM, 201, null, 'POST migrationLink with a live token: {"status": SYNCED | NOT_SYNCED}', documented(CM_LINK_DOCS)),
  row(CM, 200, null, 'GET migrationLink/status of a live link', documented(CM_LINK_DOCS)),
  row(CM, 204, null, 'DELETE migrationLink of a live link (or of one Atlas broke)', documented('Cloud Manager API docs: Delete One Link')),
  row(CM, 404, 'UNEXPECTED_ERROR', 'status or DELETE of a never-linked org', assumed(NO_LINK)),
  row(CM, 200, null, 'status of a never-linked org: {"status": "NOT_SYNCED"}', assumed('a server that reports absence as NOT_SYNCED; not published either way'), 'unlinked-not-synced'),
  row(CM, 204, null, 'DELETE of a never-linked org: nothing to do, answered as done', assumed('the idempotent DELETE that goes with a status of NOT_SYNCED for absence; not published'), 'unlinked-not-synced'),
  row(CM, 200, null, "status of a link whose Atlas org revoked its tokens (deleteOrgLink removed the link's key): NOT_SYNCED", assumed("not published; the link's Atlas key is gone so it cannot sync: NOT_SYNCED is the likely answer")),
  row(CM, 404, 'UNEXPECTED_ERROR', 'status of a link Atlas revoked, answered as a never-linked org (unlinkedStatus not-found)', assumed('the other plausible answer: Cloud Manager drops a link whose key is gone'), 'revoked-link-as-unlinked'),
  row(CM, 401, 'USER_UNAUTHORIZED', 'link endpoints with a key lacking Organization Owner', documented(CM_ERRORS)),
  row(CM, 404, 'EXPECTED_NON_ATLAS_ORG', 'link endpoints on an Atlas org', documented(CM_ERRORS)),
  row(CM, 404, 'INVALID_ORG_ID', 'org id not 24 hex characters', documented(`${CM_ERRORS}; ${V2_SPEC} (404)`)),
  row(CM, 404, 'ORG_NOT_FOUND', 'no org with that id', documented(CM_ERRORS)),
  row(CM, 404, 'INVALID_GROUP_ID', 'project id not 24 hex characters', assumed(`${V2_SPEC} documents it as 404; Cloud Manager shares the MMS error catalogue`)),
  row(CM, 404, 'GROUP_NOT_FOUND', 'no project with that id', assumed(`recorded on Atlas v2 with this wording (${SETUP}/Invalid_Project_ID/POST_api_atlas_v2_groups_111111111111111111111111_databaseUsers_2.snaphost); Cloud Manager shares the catalogue`)),
  row(CM, 400, 'MALFORMED_JSON', 'POST migrationLink with a body that is not JSON', documented(CM_ERRORS)),
  row(CM, 400, 'MISSING_ATTRIBUTE', 'POST migrationLink without linkToken', documented(CM_ERRORS)),
  row(CM, 400, 'INVALID_ATTRIBUTE', 'POST migrationLink with a linkToken that is not a string', assumed("MMS's code for a present attribute of the wrong type; not published for this endpoint")),
  row(CM, 400, 'INVALID_LINK_TOKEN', 'POST migrationLink with an unknown, revoked or expired token (never echoed)', assumed('no public source names this answer; a 400 naming the token keeps it apart in tests, and clients decide from the status and the operation, never from this code')),
  row(CM, 429, 'RATE_LIMITED', 'rate-limit fault, with Retry-After', documented(CM_ERRORS)),
  row(CM, 429, 'RATE_LIMITED', 'rate-limit fault without Retry-After (the wait in detail and parameters)', documented(`${V2_SPEC}: Retry-After "might be returned" for 429`), 'rate-limit-without-retry-after'),

  // Atlas /api/atlas/v2.
  row(ATLAS, 200, null, 'GET /orgs: {links, results[{id,isDeleted,links,name,skipDefaultAlertsSettings}], totalCount}, Ratelimit-Limit 300', recorded(`${ORGS}/List/GET_api_atlas_v2_orgs_1.snaphost`)),
  row(ATLAS, 200, null, 'GET /orgs/{id}: self, groups, teams, users links; Ratelimit-Limit 500', recorded(`${ORGS}/Describe/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_1.snaphost`)),
  row(ATLAS, 201, null, 'POST linkTokens: {"linkToken"}, versioned Content-Type, Ratelimit-Limit 500', recorded(`${LINK}/Create/POST_api_atlas_v2_orgs_a0123456789abcdef012345a_liveMigrations_linkTokens_1.snaphost`)),
  row(ATLAS, 204, null, "DELETE linkTokens with a link: removes it and its key, ends every Cloud Manager link made with the org's tokens", recorded(`${LINK}/Delete/${TOKENS}`)),
  row(ATLAS, 404, 'UNEXPECTED_ERROR', 'DELETE linkTokens with no link: "Could not find the requested external organization link.", parameters null', recorded(`${LINK}/${TOKENS}`)),
  row(ATLAS, 409, 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK', 'DELETE linkTokens while migrations run in given projects (ids in detail)', documented(`${V2_SPEC}: deleteOrgLiveMigrationLinkTokens, conflict`)),
  row(ATLAS, 404, 'NOT_ATLAS_ORG', 'a Cloud Manager org on the Atlas API', documented(V2_SPEC)),
  row(ATLAS, 404, 'INVALID_ORG_ID', 'org id not 24 hex characters', documented(V2_SPEC)),
  row(ATLAS, 404, 'ORG_NOT_FOUND', 'no org with that id', documented(V2_SPEC)),
  row(ATLAS, 401, 'USER_UNAUTHORIZED', 'linkTokens with a key lacking Organization Owner', documented(`${LINK_TOKEN_OPS} (Organization Owner; USER_UNAUTHORIZED is 401)`)),
  row(ATLAS, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'empty per-org bucket on linkTokens, or a rate-limit fault; with Retry-After', documented('Atlas docs: API rate limiting (token buckets, Retry-After)')),
  row(ATLAS, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'the same without Retry-After (the wait in detail and parameters)', documented(`${V2_SPEC}: Retry-After "might be returned" for 429`), 'rate-limit-without-retry-after'),
  row(ATLAS, 406, 'INVALID_VERSION_DATE', 'Accept names no supported resource version', assumed('406 is what clients report for a missing or unknown version; the code and wording are not published')),
  row(ATLAS, 415, 'UNSUPPORTED_MEDIA_TYPE', 'a body whose Content-Type is not the version named in Accept', assumed("HTTP's answer for a body in a media type the resource does not take; not published")),
  row(ATLAS, 400, 'MALFORMED_JSON', 'POST linkTokens with a body that is not a JSON object', assumed(`${LINK_TOKEN_OPS} lists 400 without a code; Cloud Manager documents MALFORMED_JSON for this`)),
  row(ATLAS, 400, 'INVALID_ATTRIBUTE', 'POST linkTokens with accessListIps not a list of addresses or CIDR blocks', assumed(`${LINK_TOKEN_OPS} lists 400 without a code; MMS's code for an attribute of the wrong shape`)),

  // Atlas /api/atlas/v2 after the link: Cloud Migration Service and the targets' listings (atlas-migration-api.ts).
  row(ATLAS, 200, null, 'GET /orgs/{id}/liveMigrations/availableProjects: a bare array of {deployments[], migrationHosts[], name, projectId} for the orgs linked with its tokens', spec('paths./api/atlas/v2/orgs/{orgId}/liveMigrations/availableProjects.get (200, 2023-01-01), components.schemas.LiveImportAvailableProject, AvailableClustersDeployment')),
  row(ATLAS, 200, null, 'GET /orgs/{id}/groups: {links, results[{clusterCount, created, id, links, name, orgId}], totalCount}', spec('paths./api/atlas/v2/orgs/{orgId}/groups.get (200, 2023-01-01), components.schemas.PaginatedAtlasGroup, Group')),
  row(ATLAS, 200, null, 'GET /groups/{id}/clusters: {links, results[{clusterType, createDate, featureCompatibilityVersion, groupId, id, links, mongoDBMajorVersion, mongoDBVersion, name, paused, stateName}], totalCount}', spec('paths./api/atlas/v2/groups/{groupId}/clusters.get (200, 2024-08-05), components.schemas.ClusterDescription20240805')),
  row(ATLAS, 200, null, 'POST /groups/{id}/liveMigrations/validate and GET .../validate/{id}: {_id, errorMessage?, groupId, sourceGroupId, status}', spec('paths./api/atlas/v2/groups/{groupId}/liveMigrations/validate.post (200, 2024-05-30), .../validate/{validationId}.get (2023-01-01), components.schemas.LiveImportValidation')),
  row(ATLAS, 200, null, 'validation status PENDING, then SUCCESS or FAILED (with errorMessage) on the sandbox clock', assumed('the schema names status and errorMessage but not their values; these are the sandbox\'s')),
  row(ATLAS, 201, null, 'POST /groups/{id}/liveMigrations: {_id, migrationHosts, readyForCutover false, status NEW}', spec('paths./api/atlas/v2/groups/{groupId}/liveMigrations.post (201, 2024-05-30), components.schemas.LiveMigrationRequest20240530, LiveMigrationResponse')),
  row(ATLAS, 200, null, 'GET /groups/{id}/liveMigrations/{id}: NEW, WORKING with lagTimeSeconds falling, readyForCutover, COMPLETE after a cutover, EXPIRED 120 h after ready', spec('components.schemas.LiveMigrationResponse.status (the 120-hour timer), lagTimeSeconds ("only during an active migration, before the cutover phase")')),
  row(ATLAS, 200, null, 'how long each migration phase takes (NEW 5 s, sync 60 s, cutover 10 s)', assumed('Atlas publishes no durations; short ones keep the demo and the tests quick, and the clock control moves time')),
  row(ATLAS, 202, null, 'PUT /groups/{id}/liveMigrations/{id}/cutover of a migration ready for cutover: no body', spec('paths./api/atlas/v2/groups/{groupId}/liveMigrations/{liveMigrationId}/cutover.put (202 Accepted, no schema)')),
  row(ATLAS, 400, 'VALIDATION_ERROR', 'validate or start with a body missing a required field, not exactly one migration host, or naming what does not exist; a cutover before readyForCutover', assumed(`${MIGRATION_OPS} list 400; VALIDATION_ERROR is the spec's badRequest example code; the wording is the sandbox's`)),
  row(ATLAS, 400, 'MALFORMED_JSON', 'validate or start with a body that is not a JSON object', assumed(`${MIGRATION_OPS} list 400 without a code; as on linkTokens`)),
  row(ATLAS, 401, 'USER_UNAUTHORIZED', 'availableProjects, validate, start, cutover with a key lacking Organization Owner', spec('x-rolesRequirements: Organization Owner (getGroupLiveMigration: Organization Member)')),
  row(ATLAS, 404, 'INVALID_GROUP_ID', 'project id not 24 hex characters', documented(`${V2_SPEC} (404)`)),
  row(ATLAS, 404, 'GROUP_NOT_FOUND', 'no Atlas project with that id (a Cloud Manager project included)', recorded(`${SETUP}/Invalid_Project_ID/POST_api_atlas_v2_groups_111111111111111111111111_databaseUsers_2.snaphost`)),
  row(ATLAS, 404, 'RESOURCE_NOT_FOUND', 'an unknown validation or migration id in the project', assumed("the spec's notFound example code; the wording is recorded for other resources")),

  // Either API: paging, routing, faults.
  row(BOTH, 400, 'INVALID_QUERY_PARAMETER', 'itemsPerPage or pageNum out of range (parameters: name, value)', assumed('the exact code for a bad paging value is not published; this is the generic one')),
  row(BOTH, 404, 'RESOURCE_NOT_FOUND', 'a path neither API serves here', assumed(`the spec's notFound example; the wording "Cannot find resource ..." is recorded for other resources`)),
  row(BOTH, 405, 'METHOD_NOT_ALLOWED', 'a method the route does not take', assumed('a JAX-RS server answers 405 for it; the MMS body and code are not published')),
  row(ANY, 500, 'UNEXPECTED_ERROR', 'server-error fault', documented(`${V2_SPEC}: internalServerError example`)),
  row(ANY, 405, 'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES', 'upgrade-window fault', documented(CM_ERRORS)),
  row(ANY, 502, null, 'html fault: a proxy\'s "502 Bad Gateway" page, not JSON', assumed('a proxy or an outage can answer HTML; its exact page is not published')),

  // OAuth token endpoint, built by service-accounts.ts (listed here, answered there).
  row(OAUTH, 200, null, 'POST /api/oauth/token: {access_token, token_type Bearer, expires_in 3600}', documented('Atlas and Cloud Manager docs: service accounts, API authentication')),
  row(OAUTH, 401, 'invalid_client', 'token or revoke: no Basic credentials, unknown client, wrong or expired secret', assumed('RFC 6749 section 5.2 code; MongoDB does not publish its body')),
  row(OAUTH, 400, 'invalid_request', 'body not application/x-www-form-urlencoded (token), or naming no token (revoke)', assumed('RFC 6749 section 5.2 / RFC 7009 code; MongoDB does not publish its body')),
  row(OAUTH, 400, 'unsupported_grant_type', 'grant_type other than client_credentials', assumed('RFC 6749 section 5.2 code; MongoDB does not publish its body')),
  row(OAUTH, 403, 'access_denied', 'the account already holds 100 live tokens', documented('Atlas docs: service accounts (at most 100 live tokens)')),
  row(OAUTH, 429, 'RATE_LIMITED', 'more than 10 token requests a minute per IP and client, with Retry-After', documented('Atlas docs: service accounts (about 10 requests per minute)')),
  row(OAUTH, 405, 'METHOD_NOT_ALLOWED', 'a method other than POST on the token or revoke endpoint', assumed('as on the APIs: not published')),
  row(OAUTH, 429, 'RATE_LIMITED', 'rate-limit fault on the token endpoint (always with Retry-After)', documented('Atlas docs: service accounts')),
  row(OAUTH, 200, null, 'POST /api/oauth/revoke: no body, for any token named (RFC 7009 section 2.2)', documented('Atlas and Cloud Manager docs: revoke an access token')),
];

/** The rows an answer matches: same status and code, seen on that side (on any side when none is named). */
export function rowsFor(status: number, errorCode: string | null | undefined, side?: AnswerSide): AnswerRow[] {
  const code = errorCode ?? null;
  return ANSWER_SOURCES.filter(
    (r) => r.status === status && r.errorCode === code && (side === undefined || r.sides.includes(side)),
  );
}

/** Throws for an answer the table does not list: the sandbox must not say what it cannot source. */
export function assertListed(status: number, errorCode: string | null | undefined, side?: AnswerSide): void {
  if (rowsFor(status, errorCode, side).length > 0) return;
  const where = side ? ` on ${side}` : '';
  throw new Error(`sandbox answer ${status} ${errorCode ?? '(no code)'}${where} is not in answer-sources.ts`);
}
