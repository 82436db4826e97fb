// Which kind a Cloud Manager or Atlas Admin API error answer is: the HTTP status and the operation decide, and only
// a specific errorCode refines them (the link endpoints' own codes for a bad token or a missing link are not
// published: their answers are decided by status).
import type { CloudManagerErrorKind } from './error-kinds';

/**
 * The Atlas Admin API v2 calls: link tokens (create, revoke), orgs (the list, one org), and after the link the
 * migration side: available projects (org-scoped), then the project-scoped ones (targets' projects and clusters,
 * validation, start, status, cutover).
 */
/** The Atlas calls that name an Atlas project: their 404 is a missing project. */
const PROJECT_OPERATIONS = [
  'atlas-clusters',
  'validate-migration',
  'migration-validation',
  'start-migration',
  'migration',
  'cutover',
] as const;

export const ATLAS_OPERATIONS = [
  'create-token',
  'revoke-token',
  'atlas-orgs',
  'atlas-org',
  'available-projects',
  'atlas-projects',
  ...PROJECT_OPERATIONS,
] as const;
export type AtlasOperation = (typeof ATLAS_OPERATIONS)[number];

export type CloudManagerOperation = 'link' | 'unlink' | 'status' | 'org' | 'group' | AtlasOperation;

export function isAtlasOperation(operation: CloudManagerOperation | undefined): operation is AtlasOperation {
  return (ATLAS_OPERATIONS as readonly unknown[]).includes(operation);
}

// Specific codes: each names one situation, whatever the status beside it, so it decides the kind. Sources: the
// reference's error table, MongoDB's Admin API v2 spec (the 404 id codes, the 401 role codes, the 409 revoke) and the
// answers recorded from the real service (shared/reference/atlas-api.md).
const SPECIFIC: Readonly<Record<string, CloudManagerErrorKind>> = {
  USER_UNAUTHORIZED: 'not-org-owner',
  NOT_ORG_OWNER: 'not-org-owner',
  USER_CANNOT_ACCESS_ORG: 'not-org-owner',
  IP_ADDRESS_NOT_ON_ACCESS_LIST: 'ip-not-allowed',
  IP_ADDRESS_NOT_ON_WHITELIST: 'ip-not-allowed',
  API_KEY_ACCESS_LIST_ACCESS_DENIED: 'ip-not-allowed',
  API_KEY_WHITELIST_ACCESS_DENIED: 'ip-not-allowed',
  RESOURCE_REQUIRES_ACCESS_LIST: 'access-list-required',
  RESOURCE_REQUIRES_WHITELIST: 'access-list-required',
  ORG_REQUIRES_ACCESS_LIST: 'access-list-required',
  ORG_REQUIRES_WHITELIST: 'access-list-required',
  ORG_NOT_FOUND: 'org-not-found',
  INVALID_ORG_ID: 'org-not-found',
  GROUP_NOT_FOUND: 'group-not-found',
  INVALID_GROUP_ID: 'group-not-found',
  EXPECTED_NON_ATLAS_ORG: 'atlas-org',
  // Documented in the v2 spec (404) for a Cloud Manager org named on the Atlas Admin API.
  NOT_ATLAS_ORG: 'not-atlas-org',
  // A missing or retired version in Accept (406), or a body in a media type the resource does not take (415).
  INVALID_VERSION_DATE: 'api-version-refused',
  UNSUPPORTED_MEDIA_TYPE: 'api-version-refused',
  RATE_LIMITED: 'rate-limited',
  RATE_LIMITED_TOKEN_BUCKET: 'rate-limited',
  WRITES_NOT_ALLOWED_DURING_APP_UPGRADES: 'maintenance',
  // Documented in the v2 spec (409): Atlas keeps the link while one of its projects migrates.
  CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK: 'migration-running',
};

/**
 * Generic codes say nothing the status does not: the real service sends UNEXPECTED_ERROR with 401 (a wrong key,
 * recorded), 404 (a revoke with nothing to remove, recorded) and 500. They, and any code not known here (no guess
 * is made from a code's spelling), leave the kind to the status and the operation.
 */
export const GENERIC_ERROR_CODES: ReadonlySet<string> = new Set(['UNEXPECTED_ERROR']);

/** Codes that mean "the body we sent was refused": on a link call the only thing in the body is the token. */
const BODY_REFUSED = new Set(['INVALID_JSON', 'MALFORMED_JSON', 'MISSING_ATTRIBUTE', 'VALIDATION_ERROR']);

/** The same for a link token request, whose body holds only the access list's addresses. */
const ACCESS_LIST_IPS_REFUSED = new Set([...BODY_REFUSED, 'INVALID_ATTRIBUTE', 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION']);

export type ErrorAnswer = {
  status: number;
  errorCode?: string;
  operation?: CloudManagerOperation;
  /** The response's WWW-Authenticate header: a 401 that still says stale=true was not a credential problem. */
  challenge?: string | null;
  /** Whether the answer names the caller's IP address (a 403 without a code that does is an access-list refusal). */
  namesIp?: boolean;
};

const isProjectOperation = (operation: CloudManagerOperation | undefined) =>
  (PROJECT_OPERATIONS as readonly unknown[]).includes(operation);

function notFoundKind(operation: CloudManagerOperation | undefined): CloudManagerErrorKind {
  if (operation === 'group') return 'group-not-found';
  if (operation === 'status' || operation === 'unlink') return 'not-linked';
  // Recorded: a revoke with no link to remove is 404 UNEXPECTED_ERROR ("Could not find the requested external
  // organization link."). A missing org has its own specific code.
  if (operation === 'revoke-token') return 'not-linked';
  // The migration calls (but availableProjects and the org's projects) name an Atlas project.
  if (isProjectOperation(operation)) return 'group-not-found';
  // Every other Atlas call names an org, or lists them.
  if (isAtlasOperation(operation)) return 'org-not-found';
  return operation === 'org' || operation === 'link' ? 'org-not-found' : 'unknown';
}

function byCode(code: string, operation: CloudManagerOperation | undefined): CloudManagerErrorKind | undefined {
  if (code === 'INVALID_PATH_PARAMETER') return operation === 'group' ? 'group-not-found' : 'org-not-found';
  if (operation === 'create-token' && ACCESS_LIST_IPS_REFUSED.has(code)) return 'access-list-ips-refused';
  if (BODY_REFUSED.has(code)) return operation === 'link' || operation === undefined ? 'invalid-token' : undefined;
  return Object.hasOwn(SPECIFIC, code) ? SPECIFIC[code] : undefined;
}

export function classifyErrorAnswer(answer: ErrorAnswer): CloudManagerErrorKind {
  const { status, errorCode, operation } = answer;
  const coded = errorCode === undefined ? undefined : byCode(errorCode, operation);
  if (coded) return coded;
  if (status === 401) return /\bstale\s*=\s*"?true/i.test(answer.challenge ?? '') ? 'stale-nonce' : 'bad-credentials';
  if (status === 403) return answer.namesIp ? 'ip-not-allowed' : 'not-org-owner';
  // Id errors were decided by their code above, so any other refusal of a link POST is about the token.
  if (status === 400 && operation === 'link') return 'invalid-token';
  // Atlas refuses a version it does not serve before it looks at anything else.
  if ((status === 406 || status === 415) && isAtlasOperation(operation)) return 'api-version-refused';
  if (status === 404) return notFoundKind(operation);
  // The v2 spec's only 409 on a revoke: a migration still uses the link.
  if (status === 409 && operation === 'revoke-token') return 'migration-running';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  if (status >= 200 && status < 400) return 'unexpected-response';
  return 'unknown';
}
