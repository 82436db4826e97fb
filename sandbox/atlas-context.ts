// What every Atlas v2 route shares in the sandbox: the request and context types, the API prefix, a listing's
// links, and reaching an Atlas org (ids, access lists, membership, the Atlas kind) before any route answers.
import { accessListAnswer } from './access-list';
import type { LinkState } from './api';
import { OBJECT_ID } from './api';
import type { AtlasTokenStore } from './atlas-tokens';
import { type Fixture, type FixtureKey, type FixtureOrg, type OrgRole, rolesOn } from './fixture';
import type { MigrationStore } from './migration-store';
import { type ApiAnswer, mmsError, notAuthorized } from './mms-errors';
import type { SandboxModes } from './modes';
import type { Paging } from './paging';
import type { RateLimitHeaders, TokenBuckets } from './token-bucket';

export const ATLAS_PREFIX = '/api/atlas/v2';

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

/** A listing's v2 `links`: self, then previous and next where those pages exist. */
export function listingLinks(origin: string, p: Paging, totalCount: number, path = '/orgs') {
  const href = (pageNum: number) => `${origin}${ATLAS_PREFIX}${path}?pageNum=${pageNum}&itemsPerPage=${p.itemsPerPage}`;
  const links = [{ href: href(p.pageNum), rel: 'self' }];
  if (p.pageNum > 1) links.push({ href: href(p.pageNum - 1), rel: 'previous' });
  if (p.pageNum * p.itemsPerPage < totalCount) links.push({ href: href(p.pageNum + 1), rel: 'next' });
  return links;
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
