// A scripted token endpoint and API behind one fake fetch, on a fake clock (sleep advances it): what each request
// carried, in order, and which tokens the API takes. The token endpoint issues tok-1, tok-2, ... for the one
// right client (id "mdb_sa_id_client", secret SECRET) unless a scripted answer is queued.
import { createMemoryTokenStore, createTokenFetch, type TokenFetchOptions } from '../../../../src/core/oauth';

export const ORIGIN = 'https://cloud.mongodb.com';
export const TOKEN_URL = `${ORIGIN}/api/oauth/token`;
export const CLIENT_ID = 'mdb_sa_id_client';
export const SECRET = 'mdb_sa_sk_S3cr3t-value-never-shown';
export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;
export const CM_ORGS = `${ORIGIN}/api/public/v1.0/orgs`;
export const CM_LINK = `${ORIGIN}/api/public/v1.0/orgs/5f1a2b3c4d5e6f7a8b9c0d1e/liveExport/migrationLink`;
export const ATLAS_ORGS = `${ORIGIN}/api/atlas/v2/orgs`;

export interface Seen {
  url: string;
  method: string;
  authorization: string | null;
  contentType: string | null;
  body: string;
  time: number;
  init: RequestInit;
}

type Scripted = () => Response | Promise<Response>;

export function fakeOAuth(options: { lifetimeS?: number } = {}) {
  let clock = 1_750_000_000_000;
  let issued = 0;
  const state = {
    tokenRequests: [] as Seen[],
    apiRequests: [] as Seen[],
    sleeps: [] as number[],
    /** Tokens the API accepts. */
    valid: new Set<string>(),
    /** Answers the token endpoint gives next, before issuing again. */
    tokenScript: [] as Scripted[],
    /** Answers the API gives next, before its default. */
    apiScript: [] as Scripted[],
    /** Held until released, when set: the token endpoint's answer waits for it. */
    gate: undefined as Promise<void> | undefined,
  };
  const now = () => clock;
  const advance = (ms: number) => {
    clock += ms;
  };
  const sleep = async (ms: number) => {
    state.sleeps.push(ms);
    clock += ms;
  };

  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    const headers = new Headers(init.headers);
    const body = init.body === undefined || init.body === null ? '' : await new Response(init.body).text();
    const seen: Seen = {
      url,
      method: init.method ?? 'GET',
      authorization: headers.get('authorization'),
      contentType: headers.get('content-type'),
      body,
      time: clock,
      init,
    };
    if (url === TOKEN_URL) {
      state.tokenRequests.push(seen);
      if (state.gate) await state.gate;
      const scripted = state.tokenScript.shift();
      if (scripted) return scripted();
      if (seen.authorization !== BASIC) return Response.json({ error: 'invalid_client' }, { status: 401 });
      issued += 1;
      const token = `tok-${issued}`;
      state.valid.add(token);
      return Response.json({ access_token: token, token_type: 'Bearer', expires_in: options.lifetimeS ?? 3600 });
    }
    state.apiRequests.push(seen);
    const scripted = state.apiScript.shift();
    if (scripted) return scripted();
    const token = /^Bearer (.+)$/.exec(seen.authorization ?? '')?.[1];
    if (token && state.valid.has(token)) return Response.json({ ok: true, token });
    return refusal();
  }) as typeof globalThis.fetch;

  const store = createMemoryTokenStore();
  const client = (more: Partial<TokenFetchOptions> & { secret?: string } = {}) =>
    createTokenFetch(
      { clientId: CLIENT_ID, clientSecret: more.secret ?? SECRET },
      { fetch, now, sleep, store, ...more },
    );
  return { state, fetch, now, sleep, advance, store, client };
}

/** The API's answer to a refused token (RFC 6750), a plain MMS 401 body. */
export const refusal = () =>
  new Response(JSON.stringify({ detail: 'You are not authorized for this resource.', error: 401 }), {
    status: 401,
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Type': 'application/json' },
  });

export async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return error;
}

/** Everything an error carries, as a page or a log line could show it. */
export const shown = (error: Error) =>
  `${error.message} ${JSON.stringify(error)} ${String(error.cause ?? '')} ${error.stack ?? ''}`;
