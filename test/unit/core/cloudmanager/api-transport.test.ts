// What the API makes of the transport, through the real Digest client and real fetch on loopback servers: a
// redirect is never followed (kind 'redirected', the target's host only, the token nowhere), a request that cannot
// be built is an internal fault, and only a server that cannot be reached is 'network'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudManagerApi, CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { createDigestFetch, createMemoryNonceStore } from '../../../../src/core/digest';
import { englishOf } from '../../../support/catalogue';
import { MUFASA } from '../digest/fake-digest-server';
import {
  closedPort,
  type DigestServerOptions,
  type LoopbackServer,
  startDigestServer,
  startRecordingServer,
} from '../digest/loopback-servers';
import { fakeCloudManager } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bGluay10b2tlbi1hcGktcmVkaXJlY3Q.c2VjcmV0';
const CODES = [301, 302, 307, 308] as const;

function apiAt(baseUrl: string, credentials = MUFASA): CloudManagerApi {
  const fetch = createDigestFetch(credentials, { store: createMemoryNonceStore(), timeoutMs: 5_000 });
  return createCloudManagerApi({ baseUrl, fetch, sleep: async () => undefined });
}

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

/** Everything a page, the worker's error view or a log line could show of the error. */
const shown = (e: CloudManagerError) =>
  `${englishOf(e).message} ${englishOf(e).remedy} ${JSON.stringify(e.params)} ${JSON.stringify(e)}`;

describe('a redirect from Cloud Manager', () => {
  let elsewhere: LoopbackServer;
  const servers: LoopbackServer[] = [];
  const redirecting = async (status: number, leg: 'signed' | 'unsigned') => {
    // The target's path and query echo the token: only its host may be named.
    const answer = () => ({ status, headers: { location: `${elsewhere.origin}/collect?linkToken=${TOKEN}` } });
    const options: DigestServerOptions = leg === 'signed' ? { signed: answer } : { unsigned: answer };
    const server = await startDigestServer(options);
    servers.push(server);
    return server;
  };
  const expectStopped = (error: CloudManagerError) => {
    expect(error.kind).toBe('redirected');
    expect(error.params).toEqual({ host: elsewhere.host });
    expect(englishOf(error).message).toBe(
      `Cloud Manager's answer pointed to another address (${elsewhere.host}); the call was stopped and nothing was sent there.`,
    );
    expect(englishOf(error).remedy).toContain(`Nothing was sent to ${elsewhere.host}.`);
    expect(elsewhere.calls).toEqual([]);
    expect(shown(error)).not.toContain(TOKEN);
    expect(shown(error)).not.toContain('/collect');
  };

  beforeAll(async () => {
    elsewhere = await startRecordingServer();
  });
  afterAll(async () => {
    await Promise.all([elsewhere, ...servers].map((s) => s.close()));
  });

  it.each(CODES)('%i to the signed link POST: the token goes nowhere else, no SYNCED is believed', async (code) => {
    const server = await redirecting(code, 'signed');
    const error = await failure(apiAt(server.origin).linkOrganization(ORG, TOKEN));
    expectStopped(error);
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'POST']); // the challenge, then the signed one
  });

  it.each(CODES)('%i to the status GET: not followed, not retried', async (code) => {
    const server = await redirecting(code, 'signed');
    expectStopped(await failure(apiAt(server.origin).linkStatus(ORG)));
    expect(server.calls).toHaveLength(2);
  });

  it.each(CODES)('%i to the unsigned first leg of the link POST: stopped before anything is signed', async (code) => {
    const server = await redirecting(code, 'unsigned');
    expectStopped(await failure(apiAt(server.origin).linkOrganization(ORG, TOKEN)));
    expect(server.calls).toHaveLength(1);
  });

  it('a redirect with no Location → the no-host text', async () => {
    const server = await startDigestServer({ signed: () => ({ status: 307 }) });
    servers.push(server);
    const error = await failure(apiAt(server.origin).linkStatus(ORG));
    expect([error.kind, error.variant, error.params]).toEqual(['redirected', 'no-host', {}]);
    expect(englishOf(error).message).not.toMatch(/[{}]/);
  });

  it("over a plain FetchLike: asks for redirect: 'manual' and stops at a 3xx it hands back", async () => {
    const location = `https://elsewhere.example/collect?linkToken=${TOKEN}`;
    const cm = fakeCloudManager({
      [`POST /api/public/v1.0/orgs/${ORG}/liveExport/migrationLink`]: [
        new Response(null, { status: 308, headers: { Location: location } }),
      ],
    });
    const seen: RequestInit[] = [];
    const api = createCloudManagerApi({
      baseUrl: 'https://cloud.mongodb.com',
      fetch: (url, init) => {
        seen.push(init ?? {});
        return cm.fetch(url, init);
      },
    });
    const error = await failure(api.linkOrganization(ORG, TOKEN));
    expect([error.kind, error.params]).toEqual(['redirected', { host: 'elsewhere.example' }]);
    expect(seen.map((init) => init.redirect)).toEqual(['manual']);
    expect(shown(error)).not.toContain(TOKEN);
  });
});

describe('local faults and real network failures', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startDigestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('works end to end with good credentials (the servers are sound)', async () => {
    await expect(apiAt(server.origin).linkStatus(ORG)).resolves.toEqual({ status: 'SYNCED' });
  });

  it.each([
    ['a line break', 'abcdefgh\n'],
    ['a character past U+00FF', 'abcd\u0100efgh'],
  ])('a public key with %s is an internal fault, not a network failure', async (_, username) => {
    const credentials = { username, password: MUFASA.password };
    for (const call of [
      (api: CloudManagerApi) => api.linkStatus(ORG),
      (api: CloudManagerApi) => api.linkOrganization(ORG, TOKEN),
    ]) {
      const error = await failure(call(apiAt(server.origin, credentials)));
      expect(error.kind).not.toBe('network');
      expect([error.kind, error.variant]).toEqual(['unknown', 'internal']);
      expect(shown(error)).not.toContain('abcd');
    }
  });

  it('a server that is down (a closed port) is a network failure', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const status = await failure(apiAt(origin).linkStatus(ORG));
    expect([status.kind, status.variant]).toEqual(['network', 'default']);
    const link = await failure(apiAt(origin).linkOrganization(ORG, TOKEN));
    expect([link.kind, link.variant]).toEqual(['network', 'during-link']);
  });
});
