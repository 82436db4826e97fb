// A signed call never follows a redirect: with real fetch and two loopback servers, a 3xx from the Digest server
// (on the signed request or the unsigned first one) ends the call as DigestError 'redirected' naming only the
// target's host, and the target never sees a request. Also the browser shapes (opaque redirect, a followed answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError } from '../../../../src/core/digest';
import { MUFASA } from './fake-digest-server';
import { type LoopbackServer, startDigestServer, startRecordingServer } from './loopback-servers';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bGluay10b2tlbi1yZWRpcmVjdA.c2VjcmV0';
const LINK_PATH = '/api/public/v1.0/orgs/5f1a2b3c4d5e6f7a8b9c0d1e/liveExport/migrationLink';
const CODES = [301, 302, 307, 308] as const;

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

/** Everything the error carries, as a page or a log line could show it. */
const shown = (error: DigestError) => `${error.message} ${JSON.stringify(error)} ${String(error.cause ?? '')}`;

describe('a redirect from the Digest server, with real fetch', () => {
  let elsewhere: LoopbackServer;
  const servers: LoopbackServer[] = [];
  // The target's path and query echo the token: neither may appear in the error, only its host.
  const location = () => `${elsewhere.origin}/collect?linkToken=${TOKEN}`;
  const redirecting = async (status: number, leg: 'signed' | 'unsigned') => {
    const answer = () => ({ status, headers: { location: location() }, body: 'moved' });
    const server = await startDigestServer(leg === 'signed' ? { signed: answer } : { unsigned: answer });
    servers.push(server);
    return server;
  };
  const client = () => createDigestFetch(MUFASA, { store: createMemoryNonceStore(), timeoutMs: 5_000 });

  beforeAll(async () => {
    elsewhere = await startRecordingServer();
  });
  afterAll(async () => {
    await Promise.all([elsewhere, ...servers].map((s) => s.close()));
  });

  it.each(CODES)('%i to the signed link POST → redirected, naming only the host; nothing reaches it', async (code) => {
    const server = await redirecting(code, 'signed');
    const body = JSON.stringify({ linkToken: TOKEN });
    const error = await failure(client()(`${server.origin}${LINK_PATH}`, { method: 'POST', body }));
    expect(error.kind).toBe('redirected');
    expect(error.host).toBe(elsewhere.host);
    expect(server.calls.map((c) => Boolean(c.authorization))).toEqual([false, true]); // the challenge, then signed
    expect(elsewhere.calls).toEqual([]);
    expect(shown(error)).not.toContain(TOKEN);
    expect(shown(error)).not.toContain('/collect');
  });

  it.each(CODES)('%i to a signed GET → redirected; nothing reaches the target', async (code) => {
    const server = await redirecting(code, 'signed');
    const error = await failure(client()(`${server.origin}${LINK_PATH}/status`));
    expect([error.kind, error.host]).toEqual(['redirected', elsewhere.host]);
    expect(elsewhere.calls).toEqual([]);
  });

  it.each(CODES)('%i to the unsigned first request → redirected; nothing is signed or sent on', async (code) => {
    const server = await redirecting(code, 'unsigned');
    const body = JSON.stringify({ linkToken: TOKEN });
    const error = await failure(client()(`${server.origin}${LINK_PATH}`, { method: 'POST', body }));
    expect([error.kind, error.host]).toEqual(['redirected', elsewhere.host]);
    expect(server.calls).toHaveLength(1);
    expect(elsewhere.calls).toEqual([]);
    expect(shown(error)).not.toContain(TOKEN);
  });

  it("is not followed even when the caller asks redirect: 'follow'", async () => {
    const server = await redirecting(307, 'signed');
    const error = await failure(client()(`${server.origin}${LINK_PATH}/status`, { redirect: 'follow' }));
    expect(error.kind).toBe('redirected');
    expect(elsewhere.calls).toEqual([]);
  });

  it('a redirect without a readable Location → redirected with no host', async () => {
    const server = await startDigestServer({ signed: () => ({ status: 302 }) });
    servers.push(server);
    const error = await failure(client()(`${server.origin}${LINK_PATH}/status`));
    expect(error.kind).toBe('redirected');
    expect(error.host).toBeUndefined();
  });
});

describe('the shapes a browser hands back', () => {
  const URL_CM = 'https://cm.example.test/api/public/v1.0/orgs';
  const answering = (response: () => Response) =>
    createDigestFetch(MUFASA, { store: createMemoryNonceStore(), fetch: async () => response() });
  const reshaped = (fields: Partial<Record<'type' | 'status' | 'url', unknown>>) => {
    const response = new Response('{"status":"SYNCED"}', { status: 200 });
    for (const [name, value] of Object.entries(fields)) Object.defineProperty(response, name, { value });
    return response;
  };

  it("an opaque redirect (redirect: 'manual' in a browser: status 0, no headers) → redirected, no host", async () => {
    const error = await failure(answering(() => reshaped({ type: 'opaqueredirect', status: 0 }))(URL_CM));
    expect([error.kind, error.host]).toEqual(['redirected', undefined]);
  });

  it("an answer from another origin (a fetch that followed anyway) → redirected, naming that origin's host", async () => {
    const url = `https://elsewhere.example:8443/collect?linkToken=${TOKEN}`;
    const error = await failure(answering(() => reshaped({ url }))(URL_CM));
    expect([error.kind, error.host]).toEqual(['redirected', 'elsewhere.example:8443']);
    expect(shown(error)).not.toContain(TOKEN);
  });

  it('an answer from the same origin is the answer', async () => {
    const response = await answering(() => reshaped({ url: `${URL_CM}?x=1` }))(URL_CM);
    expect(await response.json()).toEqual({ status: 'SYNCED' });
  });
});
