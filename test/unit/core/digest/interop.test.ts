// Interop with a real third-party Digest server: Debian's apache2 + mod_auth_digest (MD5, qop=auth), counting
// requests in its access log. Skipped with a warning when apache2 is missing, a failure when CI is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDigestRejection } from '../../../../src/core/digest';
import { APACHE, type Apache, REALM, startApache, USER } from './apache';
import { recordingClient, serverAvailable } from './interop-support';

const available = serverAvailable(APACHE, 'Apache', 'apt-get install apache2');
const client = (password = USER.password) => recordingClient({ username: USER.username, password });

describe.skipIf(!available)('Apache mod_auth_digest interop', () => {
  let apache: Apache;
  beforeAll(async () => {
    apache = await startApache();
  }, 15_000);
  afterAll(async () => {
    await apache?.stop();
  });

  it('GET: cold = 401 then 200 (rspauth verified), warm = one 200 with the same nonce and the next nc', async () => {
    const { digestFetch, sent } = client();
    const cold = await digestFetch(`${apache.origin}/index.txt?a=1&b=%20x`);
    expect(cold.status).toBe(200);
    expect(await cold.text()).toBe('hello from apache\n');
    expect(cold.headers.get('authentication-info')).toMatch(/rspauth="[0-9a-f]{32}"/);
    expect(await apache.logSince(2)).toEqual(['GET /index.txt?a=1&b=%20x 401', 'GET /index.txt?a=1&b=%20x 200']);
    expect(sent[1]).toMatchObject({ realm: REALM, algorithm: 'MD5', qop: 'auth', nc: '00000001' });

    // Apache keeps a nonce valid for AuthDigestNonceLifetime (300 s by default) and, with AuthDigestNcCheck
    // off (the default), accepts it again: the warm call is one request, rspauth still checked. A fragment and a
    // bare "?" are not part of the request-target, nor of the signed uri.
    for (const [path, nc] of [
      ['/index.txt?#top', '00000002'],
      ['/index.txt', '00000003'],
    ] as const) {
      const warm = await digestFetch(`${apache.origin}${path}`);
      expect(warm.status).toBe(200);
      expect(await apache.logSince(1)).toEqual(['GET /index.txt 200']);
      expect(sent.at(-1)).toMatchObject({ nonce: sent[1]!.nonce, nc, uri: '/index.txt' });
    }
    expect(sent).toHaveLength(4);
  });

  it('POST with a body: Apache answers the signed POST with 200 and echoes the exact body', async () => {
    const { digestFetch } = client();
    const body = '{"linkToken":"é ✓"}';
    const cold = await digestFetch(`${apache.origin}/echo`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(cold.status).toBe(200);
    expect(await cold.text()).toBe(body);
    expect(await apache.logSince(2)).toEqual(['POST /echo 401', 'POST /echo 200']);

    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const warm = await digestFetch(`${apache.origin}/echo`, { method: 'POST', body: new Blob([bytes]) });
    expect(warm.status).toBe(200);
    expect(new Uint8Array(await warm.arrayBuffer())).toEqual(bytes);
    expect(await apache.logSince(1)).toEqual(['POST /echo 200']);
  });

  it('a wrong password: 2 requests, the final 401 returned and marked as a rejection', async () => {
    const { digestFetch } = client(`${USER.password}-wrong`);
    const response = await digestFetch(`${apache.origin}/index.txt`);
    expect(response.status).toBe(401);
    expect(isDigestRejection(response)).toBe(true);
    expect(await apache.logSince(2)).toEqual(['GET /index.txt 401', 'GET /index.txt 401']);
  });

  it('AuthDigestNonceLifetime 4: nextnonce adopted; once it expires, stale=true → one retry, a 200, no rejection', async () => {
    // Apache sends nextnonce in Authentication-Info when the nonce is within 30 s of its lifetime: with a 4 s
    // lifetime, on every answer. The client adopts it (nc restarts at 1); 5 s later it has expired too. (4 s, not
    // 1 or 2: Apache counts whole seconds, and on a loaded machine the signed request must still land within the
    // lifetime of its challenge.)
    const { digestFetch, sent, infos, challenges } = client();
    const why = () => `Apache's error log:\n${apache.errorLog()}`;
    expect((await digestFetch(`${apache.origin}/short/index.txt`)).status, why()).toBe(200);
    expect(await apache.logSince(2), why()).toEqual(['GET /short/index.txt 401', 'GET /short/index.txt 200']);
    const nextnonce = infos[1]!.nextnonce;
    expect(nextnonce).toBeTruthy();
    expect(nextnonce).not.toBe(sent[1]!.nonce);
    await new Promise((r) => setTimeout(r, 5_100));
    const response = await digestFetch(`${apache.origin}/short/index.txt`);
    expect(response.status, why()).toBe(200);
    expect(isDigestRejection(response)).toBe(false);
    expect(await apache.logSince(2), why()).toEqual(['GET /short/index.txt 401', 'GET /short/index.txt 200']);
    expect(challenges[2]).toMatch(/stale=true/i);
    expect(sent.slice(2).map((s) => [s.nonce === nextnonce, s.nc])).toEqual([
      [true, '00000001'],
      [false, '00000001'],
    ]);
  });
});
