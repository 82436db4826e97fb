// The caller's fetch arguments turned into a request that can be sent up to three times and signed: the exact
// request-target to sign as `uri`, the method, the headers, the body as bytes, and the options to forward; and
// the checked options of each send.
import { type ReplayableBody, replayableBody } from './body';
import { DigestError } from './errors';

export interface ReplayableRequest {
  /** What is fetched: no fragment and no bare "?", so every runtime sends exactly `uri` as the request-target. */
  url: string;
  origin: string;
  /** The request-target signed as the Digest `uri`: path plus query string. */
  uri: string;
  method: string;
  headers: Headers;
  body: ReplayableBody;
  /** The caller's own signal, if any. */
  signal: AbortSignal | undefined;
  /**
   * The caller's other options (cache, referrer policy, ...), passed on every send; redirect and credentials are
   * not the caller's to choose (see sendInit).
   */
  options: RequestInit;
}

export async function replayableRequest(input: string | URL | Request, init: RequestInit): Promise<ReplayableRequest> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  // undici drops a bare "?" from the request line and Chromium keeps it: fetching without it makes the signed
  // uri and the request line agree everywhere. A fragment is never sent.
  url.hash = '';
  if (url.search === '') url.search = '';

  const signal = init.signal ?? request?.signal ?? undefined;
  // Before reading a body or sending anything.
  if (signal?.aborted) throw new DigestError('aborted', { cause: signal.reason });

  let source: BodyInit | null | undefined = init.body;
  if (source === undefined && request?.body) {
    if (request.bodyUsed) {
      throw new DigestError('unreplayable-body');
    }
    source = await request.arrayBuffer();
  }
  const body = await replayableBody(source);
  const headers = new Headers(init.headers ?? request?.headers);
  if (body.contentType && !headers.has('content-type')) headers.set('content-type', body.contentType);

  // A Request's own settings still apply when it is replayed (init wins, as with fetch).
  const inherited: RequestInit = request
    ? {
        cache: request.cache,
        referrerPolicy: request.referrerPolicy,
        integrity: request.integrity,
        keepalive: request.keepalive,
      }
    : {};
  const { body: _body, headers: _headers, signal: _signal, method: _method, ...rest } = init;

  return {
    url: url.href,
    origin: url.origin,
    uri: url.pathname + url.search,
    method: (init.method ?? request?.method ?? 'GET').toUpperCase(),
    headers,
    body,
    signal,
    options: { ...inherited, ...rest },
  };
}

/**
 * The options of one send, checked by building a Request from them: fetch rejects with the same TypeError for a
 * request it cannot build (a username with a line break or a character past U+00FF in the Authorization header)
 * as for a server it cannot reach, so a request that cannot be built must fail here, before fetch, as what it is.
 */
export function sendInit(
  request: ReplayableRequest,
  authorization: string | undefined,
  signal: AbortSignal,
): RequestInit {
  // Whatever the caller asked: a signed call is never followed elsewhere, and never carries the user's cookies.
  const init: RequestInit = {
    ...request.options,
    method: request.method,
    body: request.body.send,
    redirect: 'manual',
    credentials: 'omit',
  };
  try {
    const headers = new Headers(request.headers);
    if (authorization) headers.set('authorization', authorization);
    init.headers = headers;
    new Request(request.url, init);
  } catch {
    // The platform's message quotes the offending header whole (username, Digest response): it is not kept.
    throw new DigestError('invalid-request');
  }
  init.signal = signal;
  return init;
}
