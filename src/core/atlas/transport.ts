// Sends one Atlas Admin API v2 call over a fetch-compatible function: the versioned media type, no cookies, no
// redirect followed, error answers decoded as Cloud Manager's are, and only idempotent calls repeated.
import {
  type AtlasOperation,
  CloudManagerError,
  DEFAULT_RETRY,
  decodeErrorResponse,
  describeError,
  type FetchLike,
  type RetryPolicy,
} from '../cloudmanager';
import { redirectedAnswer } from '../cloudmanager/redirected-answer';
import { parseJsonObject, readBodyText } from '../cloudmanager/response-body';
import { retryDelay } from '../cloudmanager/retry';
import { atlasApiRoot } from './base-url';

/** The resource version every call names: the first release of the v2 API, which serves link tokens and orgs. */
export const ATLAS_MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';

/** The media type of one resource version (each Atlas resource is versioned on its own). */
export const atlasMediaType = (version: string): string => `application/vnd.atlas.${version}+json`;

export type AtlasCall = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** After /api/atlas/v2, with its query. */
  path: string;
  operation: AtlasOperation;
  body?: string;
  /** The resource version the call names (default 2023-01-01, ATLAS_MEDIA_TYPE). */
  version?: string;
};

export type AtlasTransportOptions = {
  baseUrl: string;
  fetch: FetchLike;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAtlasTransport(options: AtlasTransportOptions) {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? defaultSleep;

  async function attempt(call: AtlasCall, url: string): Promise<Response | CloudManagerError> {
    const mediaType = call.version === undefined ? ATLAS_MEDIA_TYPE : atlasMediaType(call.version);
    const headers: Record<string, string> = { Accept: mediaType };
    if (call.body !== undefined) headers['Content-Type'] = mediaType;
    let response: Response;
    try {
      // credentials: 'omit' keeps the user's session cookies out of key-signed calls; redirect: 'manual' keeps a
      // signed call from going anywhere but the key pair's own server.
      response = await options.fetch(url, {
        method: call.method,
        headers,
        body: call.body,
        credentials: 'omit',
        redirect: 'manual',
      });
    } catch (error) {
      return describeError(error, { operation: call.operation });
    }
    const redirected = redirectedAnswer(response, url, 'atlas');
    if (redirected) {
      await readBodyText(response);
      return redirected;
    }
    if (response.ok) return response;
    return decodeErrorResponse(response, { operation: call.operation });
  }

  /** Sends the call, repeating only GET and DELETE, and returns the first 2xx response. */
  async function send(call: AtlasCall): Promise<Response> {
    const url = `${atlasApiRoot(options.baseUrl)}${call.path}`;
    // A repeated POST could make a second link token or migration, and a cutover is the user's confirmed act:
    // whether to try again is the caller's choice.
    const idempotent = call.method === 'GET' || call.method === 'DELETE';
    for (let failed = 1; ; failed++) {
      const outcome = await attempt(call, url);
      if (!(outcome instanceof CloudManagerError)) return outcome;
      const delay = idempotent ? retryDelay(outcome, policy, failed) : null;
      if (delay === null) throw outcome;
      await sleep(delay);
    }
  }

  /** The 2xx answer's body as a JSON object, or undefined when it is anything else (the caller refuses that). */
  async function sendForJson(call: AtlasCall): Promise<Record<string, unknown> | undefined> {
    return parseJsonObject(await readBodyText(await send(call)));
  }

  return { send, sendForJson };
}
