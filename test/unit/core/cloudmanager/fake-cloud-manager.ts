// A fetch-compatible stand-in for Cloud Manager: answers per "METHOD path" from queued replies and records every
// request exactly as the API layer sent it.
export type RecordedRequest = {
  method: string;
  url: string;
  path: string;
  headers: Headers;
  body: string | null;
  credentials: RequestCredentials | undefined;
};
export type Reply = Response | (() => Response) | Error;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** An MMS-format error body, with the code in the header as the real server sends it. */
export function mmsError(status: number, errorCode: string | undefined, detail: string, parameters: unknown[] = []) {
  const headers: Record<string, string> = errorCode ? { 'X-Error-Code': errorCode } : {};
  return json(status, { detail, error: status, errorCode, parameters, reason: 'Error' }, headers);
}

export function fakeCloudManager(routes: Record<string, Reply[]>) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    const body = init?.body === undefined || init.body === null ? null : String(init.body);
    requests.push({
      method,
      url: input,
      path: url.pathname,
      headers: new Headers(init?.headers),
      body,
      credentials: init?.credentials,
    });
    const queue = routes[`${method} ${url.pathname}`];
    const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    // An unplanned request answers 418 so that no test passes by accident on a default reply.
    if (reply === undefined) return json(418, { detail: `No route for ${method} ${url.pathname}` });
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply() : reply.clone();
  };
  return { fetch, requests };
}
