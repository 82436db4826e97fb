// The Atlas Admin API v2 routes the extension uses (orgs, live-migration link tokens), answered from the fixture's
// Atlas orgs. A key belongs to one org, as on Cloud Manager: any other org answers the same plain 401 as a wrong key.
// Order (Atlas does not publish it): Digest (server side), the key's access list, route, method, versioned media
// type, org id, org, membership, Atlas kind, rate limit, role, body. Authentication comes first because a Digest
// client's first request is unsigned and must get its challenge whatever it accepts, and because Atlas versions
// each resource separately: a version can only be judged once the route is known, i.e. past the auth layer.
// Answers follow the Atlas CLI's recordings where they exist (answer-sources.ts names each one's source).
import { accessListAnswer } from './access-list';
import { decode, OBJECT_ID } from './api';
import { ATLAS_PREFIX, type AtlasContext, type AtlasRequest, listingLinks, reachAtlasOrg } from './atlas-context';
import { atlasMediaType, negotiateVersion } from './atlas-media-type';
import { answerMigrationRoute, matchMigrationRoute } from './atlas-migration-api';
import { type FixtureKey, type FixtureOrg, keyOrgId } from './fixture';
import { type ApiAnswer, linkNotFound, mmsError, rateLimited } from './mms-errors';
import { page } from './paging';

export { ATLAS_PREFIX, type AtlasContext, type AtlasRequest, listingLinks, reachAtlasOrg } from './atlas-context';

const ORGS_LIST = /^\/orgs\/?$/;
const ORG_ROUTE = /^\/orgs\/([^/]+)(\/liveMigrations\/linkTokens)?\/?$/;

/** The org an Atlas path targets, for the request log (a well-formed id only). */
export function atlasTargetOrgId(pathname: string): string | undefined {
  const id = ORG_ROUTE.exec(pathname.slice(ATLAS_PREFIX.length))?.[1];
  if (id === undefined) return undefined;
  const decoded = decode(id);
  return OBJECT_ID.test(decoded) ? decoded : undefined;
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
