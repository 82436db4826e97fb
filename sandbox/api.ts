// The public API endpoints the extension uses, answered from the fixture and per-org link state, after the
// key's IP access list and the org's rules are checked the way Cloud Manager orders them. A key belongs to one
// org: on any other org it gets the same 401 as a wrong key; an Ops Manager global key spans every org.
// What a missing link and a link Atlas broke answer are not published: the modes (modes.ts) pick.
import { accessListAnswer } from './access-list';
import { type AtlasTokenStore, fingerprint } from './atlas-tokens';
import { type Fixture, type FixtureKey, isGlobalKey, keyOrgId, rolesOn } from './fixture';
import { type ApiAnswer, linkNotFound, mmsError, notAuthorized } from './mms-errors';
import type { SandboxModes } from './modes';
import { page } from './paging';

export interface LinkState {
  status: 'SYNCED' | 'NOT_SYNCED';
  tokenFingerprint: string;
  linkedAt: number;
  /** The Atlas org that issued the token, when it came from the sandbox's Atlas side (not the fixture's list). */
  atlasOrgId?: string;
  /** When that Atlas org's DELETE of link tokens removed the link's key: the link is broken from then on. */
  revokedAt?: number;
}

export interface ApiContext {
  fixture: Fixture;
  links: Map<string, LinkState>;
  /** Read on every request: a test may switch them between calls. */
  modes: Pick<SandboxModes, 'unlinkedStatus' | 'revokedLinkStatus'>;
  /** Tokens the Atlas side issued: they link like the fixture's, until the Atlas org's DELETE revokes them. */
  atlasTokens?: AtlasTokenStore;
}

export const OBJECT_ID = /^[a-f0-9]{24}$/;
const PREFIX = '/api/public/v1.0';
const ORGS_LIST = /^\/orgs\/?$/;
const ORG_GROUPS = /^\/orgs\/([^/]+)\/groups\/?$/;
const ORG_ROUTE = /^\/orgs\/([^/]+)(\/liveExport\/migrationLink(\/status)?)?\/?$/;
const GROUP_ROUTE = /^\/groups\/([^/]+)\/?$/;

export const decode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/**
 * The org a request path targets, for the request log: the org id in `/orgs/{id}...` (when well formed), or the
 * org of the project in `/groups/{id}` (when the project exists). Undefined for `/orgs` and unknown paths.
 */
export function targetOrgId(fixture: Fixture, pathname: string): string | undefined {
  const route = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : pathname;
  const orgId = (ORG_GROUPS.exec(route) ?? ORG_ROUTE.exec(route))?.[1];
  if (orgId !== undefined) {
    const id = decode(orgId);
    return OBJECT_ID.test(id) ? id : undefined;
  }
  const groupId = GROUP_ROUTE.exec(route)?.[1];
  if (groupId === undefined) return undefined;
  const id = decode(groupId);
  return fixture.groups.find((g) => g.id === id)?.orgId;
}

function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

export function answerApi(
  ctx: ApiContext,
  request: { method: string; path: string; body: string; ip: string; query?: URLSearchParams },
  key: FixtureKey,
): ApiAnswer {
  const route = request.path.slice(PREFIX.length);
  const query = request.query ?? new URLSearchParams();

  if (ORGS_LIST.test(route)) {
    // The key's own org (a global key: every cloud-manager org on the server).
    if (request.method !== 'GET') return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    const own = ctx.fixture.orgs.find((o) => o.id === keyOrgId(key));
    const denied = accessListAnswer(key, own, request.ip);
    if (denied) return denied;
    const orgs = isGlobalKey(key)
      ? ctx.fixture.orgs.filter((o) => o.kind === 'cloud-manager')
      : ctx.fixture.orgs.filter((o) => key.roles[o.id]);
    return page(
      orgs.map((o) => ({ id: o.id, name: o.name, isDeleted: false, links: [] })),
      query,
    );
  }

  const groupsMatch = ORG_GROUPS.exec(route);
  const orgMatch = groupsMatch ? null : ORG_ROUTE.exec(route);
  const groupMatch = GROUP_ROUTE.exec(route);

  if (groupMatch) {
    if (request.method !== 'GET') return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    const groupId = decode(groupMatch[1]!);
    const denied = accessListAnswer(key, undefined, request.ip);
    if (denied) return denied;
    if (!OBJECT_ID.test(groupId))
      return mmsError(404, 'INVALID_GROUP_ID', `An invalid group ID ${groupId} was specified.`, [groupId]);
    const group = ctx.fixture.groups.find((g) => g.id === groupId);
    if (!group) return mmsError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId]);
    const org = ctx.fixture.orgs.find((o) => o.id === group.orgId);
    const orgDenied = accessListAnswer(key, org, request.ip);
    if (orgDenied) return orgDenied;
    if (!org || !rolesOn(key, org)) return notAuthorized();
    return { status: 200, body: { id: group.id, name: group.name, orgId: group.orgId, links: [] } };
  }

  const match = groupsMatch ?? orgMatch;
  if (!match) return mmsError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.path}.`, [request.path]);
  const orgId = decode(match[1]!);
  const isLink = orgMatch?.[2] !== undefined;
  const isStatus = orgMatch?.[3] !== undefined;
  const allowed = isStatus ? ['GET'] : isLink ? ['POST', 'DELETE'] : ['GET'];
  if (!allowed.includes(request.method)) return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');

  const keyDenied = accessListAnswer(key, undefined, request.ip);
  if (keyDenied) return keyDenied;
  if (!OBJECT_ID.test(orgId))
    return mmsError(404, 'INVALID_ORG_ID', `An invalid organization ID ${orgId} was specified.`, [orgId]);
  const org = ctx.fixture.orgs.find((o) => o.id === orgId);
  if (!org) return mmsError(404, 'ORG_NOT_FOUND', `No organization with ID ${orgId} exists.`, [orgId]);
  const orgDenied = accessListAnswer(key, org, request.ip);
  if (orgDenied) return orgDenied;
  const roles = rolesOn(key, org);
  if (!roles) return notAuthorized();

  if (groupsMatch) {
    const groups = ctx.fixture.groups.filter((g) => g.orgId === orgId);
    return page(
      groups.map((g) => ({ id: g.id, name: g.name, orgId: g.orgId, links: [] })),
      query,
    );
  }
  if (!isLink) return { status: 200, body: { id: org.id, name: org.name, isDeleted: false, links: [] } };

  if (!roles.includes('ORG_OWNER')) {
    return mmsError(401, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');
  }
  if (org.kind === 'atlas') {
    return mmsError(
      404,
      'EXPECTED_NON_ATLAS_ORG',
      `Organization ${orgId} is an Atlas organization; expected a Cloud Manager organization.`,
      [orgId],
    );
  }

  const stored = ctx.links.get(orgId);
  const broken = stored?.revokedAt !== undefined;
  // A broken link answers NOT_SYNCED, or (revokedLinkStatus 'unlinked') as if it had never existed.
  const link = broken && ctx.modes.revokedLinkStatus === 'unlinked' ? undefined : stored;
  const notSynced = ctx.modes.unlinkedStatus === 'not-synced';

  if (isStatus) {
    if (link) return { status: 200, body: { status: broken ? 'NOT_SYNCED' : link.status } };
    return notSynced ? { status: 200, body: { status: 'NOT_SYNCED' } } : linkNotFound();
  }

  if (request.method === 'DELETE') {
    ctx.links.delete(orgId);
    return link || notSynced ? { status: 204 } : linkNotFound();
  }

  // POST: link with a token.
  const parsed = parseJsonBody(request.body);
  if (!parsed.ok) return mmsError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  const body = parsed.value as { linkToken?: unknown } | null;
  if (!body || typeof body !== 'object' || body.linkToken === undefined) {
    return mmsError(400, 'MISSING_ATTRIBUTE', 'The required attribute linkToken was not specified.', ['linkToken']);
  }
  if (typeof body.linkToken !== 'string') {
    return mmsError(400, 'INVALID_ATTRIBUTE', 'Invalid attribute linkToken specified.', ['linkToken']);
  }
  const known = ctx.fixture.linkTokens.find((t) => t.token === body.linkToken);
  const issued = known ? undefined : ctx.atlasTokens?.redeem(body.linkToken, orgId);
  // The token itself is never echoed back in an error.
  if (!known && !issued) return mmsError(400, 'INVALID_LINK_TOKEN', 'The link token is invalid or expired.');
  const result = known?.result ?? 'SYNCED';
  const state: LinkState = { status: result, tokenFingerprint: fingerprint(body.linkToken), linkedAt: Date.now() };
  if (issued) state.atlasOrgId = issued.atlasOrgId;
  ctx.links.set(orgId, state);
  return { status: 201, body: { status: result } };
}
