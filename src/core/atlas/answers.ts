// What an Atlas Admin API answer must hold to be believed: a link token Cloud Manager could be given, orgs with a
// 24-hex id and a name (cut and cleaned as every server-given name is). Anything else is unexpected-response, which
// never repeats what the answer held.
import { CloudManagerError, isObjectId, normalizeLinkToken } from '../cloudmanager';
import { cut } from '../vault/identity';

export type AtlasOrganization = { id: string; name: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const notUnderstood = () => new CloudManagerError('unexpected-response', { variant: 'atlas' });

/**
 * The token of a `{linkToken}` answer, as the Cloud Manager link will send it (trimmed). A token that link would
 * refuse (empty, too long, more than one word) is no token: the error is after-token, without the token or the body.
 */
export function readLinkToken(body: Record<string, unknown> | undefined): string {
  const token = body?.linkToken;
  const unreadable = new CloudManagerError('unexpected-response', { variant: 'after-token' });
  if (typeof token !== 'string') throw unreadable;
  try {
    return normalizeLinkToken(token);
  } catch {
    // Its own error speaks of a token the user pasted; here Atlas made it.
    throw unreadable;
  }
}

/**
 * One entry of an org listing: undefined when Atlas marks it deleted, else a well-formed org (its name cut to size,
 * controls and text-direction characters made spaces) or a refusal.
 */
export function readListedOrg(entry: unknown): AtlasOrganization | undefined {
  if (!isRecord(entry)) throw notUnderstood();
  const { id, name, isDeleted } = entry;
  if (!isObjectId(id) || typeof name !== 'string' || name.length === 0) throw notUnderstood();
  if (isDeleted !== undefined && typeof isDeleted !== 'boolean') throw notUnderstood();
  return isDeleted ? undefined : { id, name: cut(name) };
}

/**
 * The answer to `GET /orgs/{id}`: the org asked for (an answer naming another id is refused), or org-not-found when
 * Atlas says it is deleted: no link token can be made for it.
 */
export function readOrganization(body: Record<string, unknown> | undefined, atlasOrgId: string): AtlasOrganization {
  if (!isRecord(body) || (body.id !== undefined && body.id !== atlasOrgId)) throw notUnderstood();
  const org = readListedOrg({ ...body, id: atlasOrgId });
  if (org === undefined) throw new CloudManagerError('org-not-found', { variant: 'atlas' });
  return org;
}

/** One page of a listing: its entries and, when it says so as a number, how many there are in all. */
export function readPage(body: Record<string, unknown> | undefined): { results: unknown[]; totalCount?: number } {
  const results = body?.results;
  if (!Array.isArray(results)) throw notUnderstood();
  const totalCount = body?.totalCount;
  // Without a numeric totalCount, a full page means there may be more: the caller reads on to a short one.
  return typeof totalCount === 'number' ? { results, totalCount } : { results };
}
