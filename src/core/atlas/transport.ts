// Sends one Atlas Admin API v2 call over a fetch-compatible function: the versioned media type, over the transport
// Cloud Manager's calls use (core/cloudmanager/api-call.ts): no cookies, no redirect followed, error answers decoded
// as Cloud Manager's are, and only idempotent calls repeated.
import type { AtlasOperation, FetchLike, RetryPolicy } from '../cloudmanager';
import { type ApiCall, createApiCaller } from '../cloudmanager/api-call';
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

export function createAtlasTransport(options: AtlasTransportOptions) {
  const caller = createApiCaller(options);

  /** The call with its address, version and side; a base URL Atlas calls are not sent to is refused here. */
  function located({ path, version, ...call }: AtlasCall): ApiCall {
    const mediaType = version === undefined ? ATLAS_MEDIA_TYPE : atlasMediaType(version);
    return { ...call, url: `${atlasApiRoot(options.baseUrl)}${path}`, mediaType, side: 'atlas' };
  }

  /** Sends the call, repeating only GET and DELETE, and returns the first 2xx response. */
  const send = async (call: AtlasCall): Promise<Response> => caller.send(located(call));

  /** The 2xx answer's body as a JSON object, or undefined when it is anything else (the caller refuses that). */
  const sendForJson = async (call: AtlasCall): Promise<Record<string, unknown> | undefined> =>
    caller.sendForJson(located(call));

  return { send, sendForJson };
}
