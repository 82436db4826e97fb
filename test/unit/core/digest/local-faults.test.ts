// Telling a request this side cannot build from a server that cannot be reached, with real fetch: fetch rejects
// with a TypeError for both, so only the Digest client, which builds the request first, can tell them apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError } from '../../../../src/core/digest';
import { closedPort, type LoopbackServer, startDigestServer } from './loopback-servers';

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

const client = (username: string, password = 'a1b2c3d4-0000-4000-8000-5e3c7e75ec7e') =>
  createDigestFetch({ username, password }, { store: createMemoryNonceStore(), timeoutMs: 5_000 });

describe('a request that cannot be built is not a network failure', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startDigestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['a line break', 'abcdefgh\n'],
    ['a character past U+00FF', 'abcd\u0100efgh'],
  ])('a username with %s → invalid-request, nothing signed is sent', async (_, username) => {
    server.calls.length = 0;
    const error = await failure(client(username)(`${server.origin}/api/public/v1.0/orgs`));
    expect(error.kind).toBe('invalid-request');
    // The challenge was fetched; the signed request never left.
    expect(server.calls.map((c) => Boolean(c.authorization))).toEqual([false]);
    // The platform's message quotes the whole Authorization header: none of it is kept.
    expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(/abcd|response=/);
    expect(error.cause).toBeUndefined();
  });

  it('a GET with a body → invalid-request before anything is sent', async () => {
    server.calls.length = 0;
    const error = await failure(client('Mufasa')(`${server.origin}/x`, { body: 'x' }));
    expect(error.kind).toBe('invalid-request');
    expect(server.calls).toEqual([]);
  });
});

describe('a server that cannot be reached', () => {
  it('a closed port → network', async () => {
    const port = await closedPort();
    const error = await failure(client('Mufasa')(`http://127.0.0.1:${port}/api/public/v1.0/orgs`));
    expect(error.kind).toBe('network');
  });
});
