// The Cloud Manager public API calls this extension makes, over any fetch-compatible function (the Digest layer in
// the extension, a plain function in tests). Every failure is thrown as a CloudManagerError. Every name an answer
// gives (org, project) is cut and cleaned here, where it is read, so no caller ever keeps or shows one uncut.
// The rule names learnt from a server are kept by (display-safe characters, MAX_NAME_LENGTH): one rule for all.
import { cut } from '../vault/identity';
import { type ApiCall, createApiCaller, type FetchLike } from './api-call';
import { CloudManagerError } from './cloud-manager-error';
import type { CloudManagerOperation } from './error-codes';
import { assertObjectId, isObjectId } from './ids';
import { readBodyText } from './response-body';
import type { RetryPolicy } from './retry';
import { normalizeLinkToken } from './token';

export type { FetchLike } from './api-call';

export type LinkStatus = 'SYNCED' | 'NOT_SYNCED' | 'NOT_LINKED';
export type LinkStatusResult = { status: LinkStatus };
export type Organization = { id: string; name: string };
export type GroupOrg = { groupId: string; orgId: string; name: string };
export type Project = { id: string; name: string };

export type CloudManagerApiOptions = {
  /** Origin of Cloud Manager or an Ops Manager, e.g. https://cloud.mongodb.com; a trailing slash is ignored. */
  baseUrl: string;
  fetch: FetchLike;
  /** For GET and DELETE only; a link POST is never repeated. Defaults to DEFAULT_RETRY. */
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
};

export interface CloudManagerApi {
  linkOrganization(orgId: string, linkToken: string): Promise<LinkStatusResult>;
  unlinkOrganization(orgId: string): Promise<void>;
  linkStatus(orgId: string): Promise<LinkStatusResult>;
  organization(orgId: string): Promise<Organization>;
  orgOfGroup(groupId: string): Promise<GroupOrg>;
  /** `GET /orgs`: the orgs the key can see; an org key sees its own org only, an Ops Manager global key all. */
  ownOrgs(): Promise<Organization[]>;
  /** `GET /orgs/{id}/groups`: the org's projects. */
  projectsOf(orgId: string): Promise<Project[]>;
}

/** Pages are read until this many entries; a key seeing more is treated as seeing that many. */
export const MAX_LISTED = 5_000;
const PAGE_SIZE = 500;

const API_PATH = '/api/public/v1.0';

type Call = Pick<ApiCall, 'operation' | 'body' | 'secrets'> & { method: 'GET' | 'POST' | 'DELETE'; path: string };

/** The base URL without trailing slashes, or undefined when it is not a plain http(s) address. */
function apiRoot(baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl)) return undefined;
  const url = new URL(baseUrl);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  if (url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${API_PATH}`;
}

const LINK_ANSWERS: readonly LinkStatus[] = ['SYNCED', 'NOT_SYNCED'];
const STATUS_ANSWERS: readonly LinkStatus[] = ['SYNCED', 'NOT_SYNCED', 'NOT_LINKED'];

function linkStatusOf(body: Record<string, unknown> | undefined, allowed: readonly LinkStatus[]): LinkStatus {
  const status = body?.status;
  if ((allowed as readonly unknown[]).includes(status)) return status as LinkStatus;
  // After a 2xx to the link POST the link probably exists: the text says to check before linking again.
  throw new CloudManagerError('unexpected-response', { variant: allowed === LINK_ANSWERS ? 'after-link' : undefined });
}

function objectIdOf(value: unknown): string {
  if (isObjectId(value)) return value;
  throw new CloudManagerError('unexpected-response');
}

/**
 * A name the server gave, as it may be kept and shown: at most MAX_NAME_LENGTH characters, every control, line
 * separator and text-direction character a space (a 200,000-character name with NUL, LF and U+202E was once stored
 * as is, and copied into every history entry). An empty or missing name is no answer.
 */
export function serverName(value: unknown): string {
  if (typeof value === 'string' && value.length > 0) return cut(value);
  throw new CloudManagerError('unexpected-response');
}

export function createCloudManagerApi(options: CloudManagerApiOptions): CloudManagerApi {
  const root = apiRoot(options.baseUrl);
  const caller = createApiCaller(options);

  /** The call with its address and media type; a base URL that is no plain http(s) address sends nothing. */
  function located({ path, ...call }: Call): ApiCall {
    if (root === undefined) throw new CloudManagerError('network', { variant: 'invalid-base-url' });
    return { ...call, url: `${root}${path}`, mediaType: 'application/json' };
  }

  /** Sends the call (a POST never repeated) and returns the first 2xx response. */
  const send = async (call: Call): Promise<Response> => caller.send(located(call));
  const sendForJson = async (call: Call): Promise<Record<string, unknown> | undefined> =>
    caller.sendForJson(located(call));

  /** Reads a paged list (`results`, `totalCount`) page by page, 500 at a time, up to MAX_LISTED entries. */
  async function listAll<T>(
    path: string,
    operation: CloudManagerOperation,
    read: (entry: Record<string, unknown>) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; out.length < MAX_LISTED; page++) {
      const answer = await sendForJson({
        method: 'GET',
        path: `${path}?itemsPerPage=${PAGE_SIZE}&pageNum=${page}`,
        operation,
      });
      const { results, totalCount }: Record<string, unknown> = answer ?? {};
      if (!Array.isArray(results)) throw new CloudManagerError('unexpected-response');
      for (const entry of results) {
        if (!entry || typeof entry !== 'object' || Array.isArray(entry))
          throw new CloudManagerError('unexpected-response');
        out.push(read(entry as Record<string, unknown>));
      }
      // Without a totalCount, a full page means there may be more: read on until a short one.
      const total = typeof totalCount === 'number' ? totalCount : Number.POSITIVE_INFINITY;
      if (results.length < PAGE_SIZE || out.length >= total) break;
    }
    return out.slice(0, MAX_LISTED);
  }

  const linkPath = (orgId: string) => `/orgs/${assertObjectId(orgId, 'org')}/liveExport/migrationLink`;

  return {
    async linkOrganization(orgId, linkToken) {
      const path = linkPath(orgId);
      const token = normalizeLinkToken(linkToken);
      const body = JSON.stringify({ linkToken: token });
      const answer = await sendForJson({ method: 'POST', path, operation: 'link', body, secrets: [token] });
      return { status: linkStatusOf(answer, LINK_ANSWERS) };
    },

    async unlinkOrganization(orgId) {
      try {
        const response = await send({ method: 'DELETE', path: linkPath(orgId), operation: 'unlink' });
        await readBodyText(response); // frees the connection; a DELETE answer carries nothing we need
      } catch (error) {
        // No link is what the user asked for; it is also what a retried DELETE sees after the first one worked.
        if (error instanceof CloudManagerError && error.kind === 'not-linked') return;
        throw error;
      }
    },

    async linkStatus(orgId) {
      try {
        const answer = await sendForJson({ method: 'GET', path: `${linkPath(orgId)}/status`, operation: 'status' });
        return { status: linkStatusOf(answer, STATUS_ANSWERS) };
      } catch (error) {
        if (error instanceof CloudManagerError && error.kind === 'not-linked') return { status: 'NOT_LINKED' };
        throw error;
      }
    },

    async organization(orgId) {
      const path = `/orgs/${assertObjectId(orgId, 'org')}`;
      const answer = await sendForJson({ method: 'GET', path, operation: 'org' });
      if (answer?.id !== undefined && answer.id !== orgId) throw new CloudManagerError('unexpected-response');
      return { id: orgId, name: serverName(answer?.name) };
    },

    async ownOrgs() {
      return listAll('/orgs', 'org', (entry) => ({ id: objectIdOf(entry.id), name: serverName(entry.name) }));
    },

    async projectsOf(orgId) {
      const path = `/orgs/${assertObjectId(orgId, 'org')}/groups`;
      return listAll(path, 'org', (entry) => {
        if (entry.orgId !== undefined && entry.orgId !== orgId) throw new CloudManagerError('unexpected-response');
        return { id: objectIdOf(entry.id), name: serverName(entry.name) };
      });
    },

    async orgOfGroup(groupId) {
      const path = `/groups/${assertObjectId(groupId, 'group')}`;
      const answer: Record<string, unknown> = (await sendForJson({ method: 'GET', path, operation: 'group' })) ?? {};
      const orgId = answer.orgId;
      if (!isObjectId(orgId)) throw new CloudManagerError('unexpected-response');
      return { groupId, orgId, name: serverName(answer.name) };
    },
  };
}
