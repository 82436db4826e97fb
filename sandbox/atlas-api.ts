// The Atlas Admin API v2 routes the extension uses (orgs, live-migration link tokens), answered from the fixture's
// Atlas orgs. A key belongs to one org, as on Cloud Manager: any other org answers the same plain 401 as a wrong key.
// Order (Atlas does not publish it): Digest (server side), the key's access list, route, method, versioned media
// type, org id, org, membership, Atlas kind, rate limit, role, body. Authentication comes first because a Digest
// client's first request is unsigned and must get its challenge whatever it accepts, and because Atlas versions
// each resource separately: a version can only be judged once the route is known, i.e. past the auth layer.
// Answers follow the Atlas CLI's recordings where they exist (answer-sources.ts names each one's source).
import { accessListAnswer } from './access-list';
import { decode, type LinkState, OBJECT_ID } from './api';
import { atlasMediaType, negotiateVersion } from './atlas-media-type';
import { answerMigrationRoute, matchMigrationRoute } from './atlas-migration-api';
import type { AtlasTokenStore } from './atlas-tokens';
import { type Fixture, type FixtureKey, type FixtureOrg, keyOrgId, type OrgRole, rolesOn } from './fixture';
import type { MigrationStore } from './migration-store';
import { type ApiAnswer, linkNotFound, mmsError, notAuthorized, rateLimited } from './mms-errors';
import type { SandboxModes } from './modes';
import { type Paging, page } from './paging';
import type { RateLimitHeaders, TokenBuckets } from './token-bucket';

export const ATLAS_PREFIX = '/api/atlas/v2';
const ORGS_LIST = /^\/orgs\/?$/;
const ORG_ROUTE = /^\/orgs\/([^/]+)(\/liveMigrations\/linkTokens)?\/?$/;

export interface AtlasContext {
  fixture: Fixture;
  tokens: AtlasTokenStore;
  /** Per Atlas org, on the link-token endpoints only. */
  buckets: TokenBuckets;
  /** The Ratelimit-* headers' counts. */
  rateLimitHeaders: RateLimitHeaders;
  /** Per Atlas org, the Cloud Manager project ids with a live migration running: its revoke answers 409. */
  activeMigrations: Map<string, string[]>;
  modes: Pick<SandboxModes, 'rateLimitRetryAfter'>;
  /** Called after a DELETE of link tokens removed the org link: ends the Cloud Manager links made with them. */
  onRevoke(atlasOrgId: string): void;
  /** The Cloud Manager side's links: availableProjects lists the projects of the orgs linked with this org's tokens. */
  links: ReadonlyMap<string, LinkState>;
  /** The validations and migrations started here, on the sandbox clock. */
  migrations: MigrationStore;
}

export interface AtlasRequest {
  method: string;
  /** The URL path, starting with ATLAS_PREFIX. */
  path: string;
  query: URLSearchParams;
  body: string;
  ip: string;
  accept?: string;
  contentType?: string;
  /** `https://host:port`, for the absolute hrefs in a listing's links. */
  origin: string;
}

/** The org an Atlas path targets, for the request log (a well-formed id only). */
export function atlasTargetOrgId(pathname: string): string | undefined {
  const id = ORG_ROUTE.exec(pathname.slice(ATLAS_PREFIX.length))?.[1];
  if (id === undefined) return undefined;
  const decoded = decode(id);
  return OBJECT_ID.test(decoded) ? decoded : undefined;
}

/** A listing's v2 `links`: self, then previous and next where those pages exist. */
export function listingLinks(origin: string, p: Paging, totalCount: number, path = '/orgs') {
  const href = (pageNum: number) => `${origin}${ATLAS_PREFIX}${path}?pageNum=${pageNum}&itemsPerPage=${p.itemsPerPage}`;
  const links = [{ href: href(p.pageNum), rel: 'self' }];
  if (p.pageNum > 1) links.push({ href: href(p.pageNum - 1), rel: 'previous' });
  if (p.pageNum * p.itemsPerPage < totalCount) links.push({ href: href(p.pageNum + 1), rel: 'next' });
  return links;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 address, or a CIDR block of one (prefix within the family's bits). */
export function isAddressOrCidr(entry: unknown): boolean {
  if (typeof entry !== 'string') return false;
  const [address = '', bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && URL.canParse(`http://[${address}]/`);
  if (!v4 && !v6) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128);
}

/** The `accessListIps` of a create request's optional body, or the 400 that refuses the body. */
function accessListIps(raw: string): string[] | ApiAnswer {
  if (raw.trim() === '') return [];
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return mmsError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return mmsError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  }
  const ips = (body as { accessListIps?: unknown }).accessListIps;
  if (ips === undefined) return [];
  if (!Array.isArray(ips) || !ips.every(isAddressOrCidr)) {
    return mmsError(400, 'INVALID_ATTRIBUTE', 'Invalid attribute accessListIps specified.', ['accessListIps']);
  }
  return ips as string[];
}

export function answerAtlasApi(ctx: AtlasContext, request: AtlasRequest, key: FixtureKey): ApiAnswer {
  // The key's own access list belongs to authentication, which runs before any resource is chosen.
  const keyDenied = accessListAnswer(key, undefined, request.ip);
  if (keyDenied) return keyDenied;

  const route = request.path.slice(ATLAS_PREFIX.length);
  const isList = ORGS_LIST.test(route);
  const orgMatch = isList ? null : ORG_ROUTE.exec(route);
  const migration = isList || orgMatch ? undefined : matchMigrationRoute(route);
  if (!isList && !orgMatch && !migration) {
    return mmsError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.path}.`, [request.path]);
  }
  const isTokens = orgMatch?.[2] !== undefined;
  const methods = migration?.methods ?? (isTokens ? ['POST', 'DELETE'] : ['GET']);
  if (!methods.includes(request.method)) {
    return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
  }
  // Versions are per resource, so the version is checked once the resource is known, before it runs.
  const negotiated = negotiateVersion(
    request.accept,
    request.contentType,
    (request.method === 'POST' || request.method === 'PUT') && request.body.trim() !== '',
    migration?.versions,
  );
  if (!('version' in negotiated)) return negotiated;
  // A success names the version it answers in, with or without a body (the recorded 204 does too).
  const mediaType = { 'Content-Type': atlasMediaType(negotiated.version) };
  const answer = migration
    ? answerMigrationRoute(ctx, request, key, migration, mediaType)
    : isList
      ? orgList(ctx, request, key, mediaType)
      : orgRoute(ctx, request, key, decode(orgMatch![1]!), isTokens, mediaType);
  // Every answer of a known route counts against, and shows, its limit; the auth layer's 401 does not (recorded).
  if (answer.challenge) return answer;
  const limit = ctx.rateLimitHeaders.count(isList ? 300 : 500, key.publicKey);
  return { ...answer, headers: { ...answer.headers, ...limit } };
}

/** An org as the recorded list shows it. */
const orgSummary = (origin: string, org: FixtureOrg) => ({
  id: org.id,
  isDeleted: false,
  links: [{ href: `${origin}${ATLAS_PREFIX}/orgs/${org.id}`, rel: 'self' }],
  name: org.name,
  skipDefaultAlertsSettings: false,
});

/** An org as the recorded describe shows it: its own link and those of its groups, teams and users. */
function orgDetail(origin: string, org: FixtureOrg) {
  const self = `${origin}${ATLAS_PREFIX}/orgs/${org.id}`;
  const links = [{ href: self, rel: 'self' }];
  for (const part of ['groups', 'teams', 'users'])
    links.push({ href: `${self}/${part}`, rel: `https://cloud.mongodb.com/${part}` });
  return { ...orgSummary(origin, org), links };
}

function orgList(ctx: AtlasContext, request: AtlasRequest, key: FixtureKey, mediaType: Record<string, string>) {
  // Only an Atlas org is listed: a Cloud Manager key sees an empty list here, not its own org.
  const own = ctx.fixture.orgs.find((o) => o.id === keyOrgId(key));
  const denied = accessListAnswer(key, own, request.ip);
  if (denied) return denied;
  const orgs = own?.kind === 'atlas' ? [orgSummary(request.origin, own)] : [];
  const answer = page(orgs, request.query, (p, total) => listingLinks(request.origin, p, total));
  if (answer.status !== 200) return answer;
  // The recorded key order: links, results, totalCount.
  const { links, results, totalCount } = answer.body as { links: unknown[]; results: unknown[]; totalCount: number };
  return { status: 200, body: { links, results, totalCount }, headers: mediaType };
}

/**
 * The Atlas org a route names and the key's roles there, or the refusal: a malformed or unknown id (404), the
 * access lists (403), a key of another org (the plain 401), a Cloud Manager org (404 NOT_ATLAS_ORG).
 */
export function reachAtlasOrg(
  ctx: AtlasContext,
  request: AtlasRequest,
  key: FixtureKey,
  orgId: string,
): { org: FixtureOrg; roles: OrgRole[] } | ApiAnswer {
  if (!OBJECT_ID.test(orgId)) {
    return mmsError(404, 'INVALID_ORG_ID', `An invalid organization ID ${orgId} was specified.`, [orgId]);
  }
  const org = ctx.fixture.orgs.find((o) => o.id === orgId);
  if (!org) return mmsError(404, 'ORG_NOT_FOUND', `No organization with ID ${orgId} exists.`, [orgId]);
  const orgDenied = accessListAnswer(key, org, request.ip);
  if (orgDenied) return orgDenied;
  const roles = rolesOn(key, org);
  if (!roles) return notAuthorized();
  if (org.kind !== 'atlas') {
    // The "wrong side": a Cloud Manager org (reached with its own key) on the Atlas API; the spec documents
    // NOT_ATLAS_ORG as a 404, its wording is not published.
    return mmsError(404, 'NOT_ATLAS_ORG', `Organization ${orgId} is not an Atlas organization.`, [orgId]);
  }
  return { org, roles };
}

function orgRoute(
  ctx: AtlasContext,
  request: AtlasRequest,
  key: FixtureKey,
  orgId: string,
  isTokens: boolean,
  mediaType: Record<string, string>,
): ApiAnswer {
  const reached = reachAtlasOrg(ctx, request, key, orgId);
  if ('status' in reached) return reached;
  const { org, roles } = reached;
  if (!isTokens) return { status: 200, body: orgDetail(request.origin, org), headers: mediaType };

  // The bucket is per org, so it is taken once the org is known to be the caller's; a request refused below
  // (role, body) still spends a token, as a limiter in front of the handler would count it.
  const retryAfter = ctx.buckets.take(org.id);
  if (retryAfter !== undefined) {
    const detail = 'Too many requests to this endpoint for this organization.';
    return rateLimited('RATE_LIMITED_TOKEN_BUCKET', detail, retryAfter, ctx.modes.rateLimitRetryAfter);
  }
  if (!roles.includes('ORG_OWNER')) {
    return mmsError(401, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');
  }
  if (request.method === 'DELETE') return revokeLink(ctx, org.id, mediaType);
  const ips = accessListIps(request.body);
  if (!Array.isArray(ips)) return ips;
  return { status: 201, body: { linkToken: ctx.tokens.issue(org.id, ips) }, headers: mediaType };
}

/**
 * deleteOrgLink: refused while migrations run (documented 409), 404 when there is no link (recorded), else the
 * link and its key go (recorded 204), and with them every Cloud Manager link made with the org's tokens. The
 * DELETE names no token: with several, all go (what Atlas does then is not published).
 */
function revokeLink(ctx: AtlasContext, atlasOrgId: string, mediaType: Record<string, string>): ApiAnswer {
  const played = ctx.activeMigrations.get(atlasOrgId) ?? [];
  const running = [...new Set([...played, ...ctx.migrations.runningSourceProjects(atlasOrgId)])];
  if (running.length > 0) {
    return mmsError(
      409,
      'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK',
      `Cannot delete organization link while there is active migration in following project ids: ${running.join(',')}`,
      [running.join(',')],
    );
  }
  if (ctx.tokens.revokeAll(atlasOrgId) === 0) return linkNotFound();
  ctx.onRevoke(atlasOrgId);
  return { status: 204, headers: mediaType };
}
