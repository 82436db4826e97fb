// The public API endpoints the extension uses, answered from the fixture and per-org link state, after the
// key's IP access list and the org's rules are checked the way Cloud Manager orders them.
import { createHash } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import type { Fixture, FixtureKey, FixtureOrg } from './fixture';
import { type ApiAnswer, mmsError, notAuthorized } from './mms-errors';

export interface LinkState {
  status: 'SYNCED' | 'NOT_SYNCED';
  tokenFingerprint: string;
  linkedAt: number;
}

export interface ApiContext {
  fixture: Fixture;
  links: Map<string, LinkState>;
  unlinkedStatus: 'not-found' | 'not-synced';
}

const OBJECT_ID = /^[a-f0-9]{24}$/;
const PREFIX = '/api/public/v1.0';

function allowedBy(list: string[], ip: string): boolean {
  const blocks = new BlockList();
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    const type = isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (bits) blocks.addSubnet(address!, Number(bits), type);
    else blocks.addAddress(address!, type);
  }
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return blocks.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
}

function accessListAnswer(key: FixtureKey, org: FixtureOrg | undefined, ip: string): ApiAnswer | undefined {
  const shown = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (key.accessList && key.accessList.length > 0) {
    if (!allowedBy(key.accessList, ip)) {
      return mmsError(
        403,
        'IP_ADDRESS_NOT_ON_ACCESS_LIST',
        `IP address ${shown} is not allowed to access this resource.`,
        [shown],
      );
    }
  } else if (org?.requiresAccessList) {
    return mmsError(
      403,
      'ORG_REQUIRES_ACCESS_LIST',
      `This organization requires access through an access list of ip ranges. Please add your request IP ${shown} to your API Key Access List.`,
      [shown],
    );
  }
  return undefined;
}

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

export function answerApi(
  ctx: ApiContext,
  request: { method: string; path: string; body: string; ip: string },
  key: FixtureKey,
): ApiAnswer {
  const route = request.path.slice(PREFIX.length);
  const orgMatch = /^\/orgs\/([^/]+)(\/liveExport\/migrationLink(\/status)?)?\/?$/.exec(route);
  const groupMatch = /^\/groups\/([^/]+)\/?$/.exec(route);

  if (groupMatch) {
    if (request.method !== 'GET') return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    const groupId = decodeURIComponent(groupMatch[1]!);
    const denied = accessListAnswer(key, undefined, request.ip);
    if (denied) return denied;
    if (!OBJECT_ID.test(groupId))
      return mmsError(400, 'INVALID_GROUP_ID', `An invalid group ID ${groupId} was specified.`, [groupId]);
    const group = ctx.fixture.groups.find((g) => g.id === groupId);
    if (!group) return mmsError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId]);
    const org = ctx.fixture.orgs.find((o) => o.id === group.orgId);
    const orgDenied = accessListAnswer(key, org, request.ip);
    if (orgDenied) return orgDenied;
    if (!key.roles[group.orgId]) return notAuthorized();
    return { status: 200, body: { id: group.id, name: group.name, orgId: group.orgId, links: [] } };
  }

  if (!orgMatch) return mmsError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.path}.`, [request.path]);
  const orgId = decodeURIComponent(orgMatch[1]!);
  const isLink = orgMatch[2] !== undefined;
  const isStatus = orgMatch[3] !== undefined;
  const allowed = isStatus ? ['GET'] : isLink ? ['POST', 'DELETE'] : ['GET'];
  if (!allowed.includes(request.method)) return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');

  const keyDenied = accessListAnswer(key, undefined, request.ip);
  if (keyDenied) return keyDenied;
  if (!OBJECT_ID.test(orgId))
    return mmsError(400, 'INVALID_ORG_ID', `An invalid organization ID ${orgId} was specified.`, [orgId]);
  const org = ctx.fixture.orgs.find((o) => o.id === orgId);
  if (!org) return mmsError(404, 'ORG_NOT_FOUND', `No organization with ID ${orgId} exists.`, [orgId]);
  const orgDenied = accessListAnswer(key, org, request.ip);
  if (orgDenied) return orgDenied;
  const roles = key.roles[orgId];
  if (!roles) return notAuthorized();

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

  const link = ctx.links.get(orgId);
  const noLink = () =>
    ctx.unlinkedStatus === 'not-synced' && request.method === 'GET'
      ? { status: 200, body: { status: 'NOT_SYNCED' } }
      : mmsError(404, 'MIGRATION_LINK_NOT_FOUND', `No migration link exists for organization ${orgId}.`, [orgId]);

  if (isStatus) return link ? { status: 200, body: { status: link.status } } : noLink();

  if (request.method === 'DELETE') {
    if (!link) return noLink();
    ctx.links.delete(orgId);
    return { status: 204 };
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
  // The token itself is never echoed back in an error.
  if (!known) return mmsError(400, 'INVALID_LINK_TOKEN', 'The link token is invalid or expired.');
  ctx.links.set(orgId, { status: known.result, tokenFingerprint: fingerprint(known.token), linkedAt: Date.now() });
  return { status: 201, body: { status: known.result } };
}
