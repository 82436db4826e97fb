// One API call over a fetch-compatible function, the same for Cloud Manager's public API (api.ts) and the Atlas
// Admin API v2 (core/atlas/transport.ts): no cookies, no redirect followed, an error answer decoded into a
// CloudManagerError with the operation's texts, and only GET and DELETE repeated, as the retry policy allows.
import { CloudManagerError } from './cloud-manager-error';
import type { CloudManagerOperation } from './error-codes';
import { decodeErrorResponse, describeError } from './errors';
import { redirectedAnswer } from './redirected-answer';
import { parseJsonObject, readBodyText } from './response-body';
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './retry';

/**
 * The Digest layer, or any function like fetch. A failure to reach the server must reject with an error whose
 * `kind` is 'network' (as the Digest layer's does): a bare TypeError is not taken for one, since the platform throws
 * the same for a request it refuses to build.
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ApiCall = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The full address, query included. */
  url: string;
  operation: CloudManagerOperation;
  /** Accept, and Content-Type when the call has a body. */
  mediaType: string;
  body?: string;
  /** Values the request carried that must never be shown back (the link token): removed from the server's detail. */
  secrets?: readonly string[];
  /** Which side a refused redirect names ('atlas': the Atlas Admin API). */
  side?: 'atlas';
};

export type ApiCallOptions = {
  fetch: FetchLike;
  /** For GET and DELETE only. Defaults to DEFAULT_RETRY. */
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiCaller(options: ApiCallOptions) {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? defaultSleep;

  async function attempt(call: ApiCall): Promise<Response | CloudManagerError> {
    const headers: Record<string, string> = { Accept: call.mediaType };
    if (call.body !== undefined) headers['Content-Type'] = call.mediaType;
    let response: Response;
    try {
      // credentials: 'omit' keeps the user's session cookies out of key-signed calls; redirect: 'manual' keeps a
      // signed call (and a link token) from going anywhere but the key pair's own server.
      response = await options.fetch(call.url, {
        method: call.method,
        headers,
        body: call.body,
        credentials: 'omit',
        redirect: 'manual',
      });
    } catch (error) {
      return describeError(error, { operation: call.operation });
    }
    const redirected = redirectedAnswer(response, call.url, call.side);
    if (redirected) {
      await readBodyText(response);
      return redirected;
    }
    if (response.ok) return response;
    return decodeErrorResponse(response, { operation: call.operation, secrets: call.secrets });
  }

  /** Sends the call, repeating only GET and DELETE, and returns the first 2xx response. */
  async function send(call: ApiCall): Promise<Response> {
    // A repeated POST could make a second link, link token or migration, and a PUT (a cutover) is the user's
    // confirmed act: whether to try again is the caller's choice.
    const idempotent = call.method === 'GET' || call.method === 'DELETE';
    for (let failed = 1; ; failed++) {
      const outcome = await attempt(call);
      if (!(outcome instanceof CloudManagerError)) return outcome;
      const delay = idempotent ? retryDelay(outcome, policy, failed) : null;
      if (delay === null) throw outcome;
      await sleep(delay);
    }
  }

  /** The 2xx answer's body as a JSON object, or undefined when it is anything else (the caller refuses that). */
  async function sendForJson(call: ApiCall): Promise<Record<string, unknown> | undefined> {
    return parseJsonObject(await readBodyText(await send(call)));
  }

  return { send, sendForJson };
}
