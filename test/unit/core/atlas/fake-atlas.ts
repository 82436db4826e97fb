// The Atlas side of the fake server: the Cloud Manager fake (routes by "METHOD path", every request recorded)
// set up for an Atlas API client, plus Atlas's error bodies, which have the same shape as Cloud Manager's.
import { expect } from 'vitest';
import { createAtlasApi } from '../../../../src/core/atlas';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import { fakeCloudManager, json, type Reply } from '../cloudmanager/fake-cloud-manager';

export { json, type Reply };

export const BASE = 'https://cloud.mongodb.com';
export const ROOT = '/api/atlas/v2';
export const ATLAS_ORG = '6123456789abcdef01234567';
export const TOKENS = `${ROOT}/orgs/${ATLAS_ORG}/liveMigrations/linkTokens`;
export const MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json';

/** An Atlas error body `{detail, error, errorCode, parameters, reason}`, with any extra headers (Retry-After). */
export function atlasError(
  status: number,
  errorCode: string | undefined,
  detail: string,
  parameters: unknown[] = [],
  headers: Record<string, string> = {},
): Response {
  return json(status, { detail, error: status, errorCode, parameters, reason: 'Error' }, headers);
}

/** A plain Digest refusal: what a wrong key, or a key of another org, gets. */
export const digestRefusal = () =>
  new Response('', {
    status: 401,
    headers: {
      'WWW-Authenticate': 'Digest realm="MMS Public API", nonce="n1", algorithm=MD5, qop="auth", stale=false',
    },
  });

export function setup(
  routes: Record<string, Reply[]>,
  retry = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  baseUrl = BASE,
) {
  const server = fakeCloudManager(routes);
  const sleeps: number[] = [];
  // The fake records what a server sees; how the call may be redirected is the client's side of the init.
  const redirects: (RequestRedirect | undefined)[] = [];
  const api = createAtlasApi({
    baseUrl,
    fetch: (input, init) => {
      redirects.push(init?.redirect);
      return server.fetch(input, init);
    },
    retry,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { api, requests: server.requests, sleeps, redirects };
}

export async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

/** A token as long as the ones Atlas prints (224 base64url characters), different on every call. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(168));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
