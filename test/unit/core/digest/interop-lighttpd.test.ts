// Interop with a second third-party Digest server: Debian's lighttpd (SHA-256 and MD5 offered, charset=UTF-8),
// counting requests in its access log. Skipped with a warning when lighttpd is missing, a failure when CI is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDigestRejection } from '../../../../src/core/digest';
import { type RunningServer, recordingClient, serverAvailable } from './interop-support';
import { LIGHTTPD, REALM, startLighttpd, USERS } from './lighttpd';

const available = serverAvailable(LIGHTTPD, 'lighttpd', 'apt-get install lighttpd');

describe.skipIf(!available)('lighttpd mod_auth interop (SHA-256)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLighttpd();
  }, 15_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('GET: SHA-256 is chosen over MD5; cold = 401 then 200, warm = one 200 on the same nonce with the next nc', async () => {
    const { digestFetch, sent, challenges } = recordingClient(USERS.ascii);
    const cold = await digestFetch(`${server.origin}/index.txt?a=1&b=%20x`);
    expect(cold.status).toBe(200);
    expect(await cold.text()).toBe('hello from lighttpd\n');
    expect(await server.logSince(2)).toEqual(['GET /index.txt?a=1&b=%20x 401', 'GET /index.txt?a=1&b=%20x 200']);
    // The server offered both, MD5 included: the answer is SHA-256.
    expect(challenges[0]).toMatch(/algorithm=SHA-256[\s\S]*algorithm=MD5/);
    expect(sent[1]).toMatchObject({ realm: REALM, algorithm: 'SHA-256', qop: 'auth', nc: '00000001' });
    expect(sent[1]!.response).toMatch(/^[0-9a-f]{64}$/);

    for (const [path, nc] of [
      ['/index.txt?#top', '00000002'],
      ['/index.txt', '00000003'],
    ] as const) {
      const warm = await digestFetch(`${server.origin}${path}`);
      expect(warm.status).toBe(200);
      expect(await server.logSince(1)).toEqual(['GET /index.txt 200']);
      expect(sent.at(-1)).toMatchObject({ nonce: sent[1]!.nonce, nc, uri: '/index.txt', algorithm: 'SHA-256' });
    }
    expect(sent).toHaveLength(4);
  });

  it('POST with a body to a CGI: the signed POST gets 200 and the exact body back, cold and warm', async () => {
    const { digestFetch } = recordingClient(USERS.ascii);
    const body = '{"linkToken":"é ✓"}';
    const cold = await digestFetch(`${server.origin}/echo.sh`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(cold.status).toBe(200);
    expect(await cold.text()).toBe(body);
    expect(await server.logSince(2)).toEqual(['POST /echo.sh 401', 'POST /echo.sh 200']);

    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const warm = await digestFetch(`${server.origin}/echo.sh`, { method: 'POST', body: bytes });
    expect(warm.status).toBe(200);
    expect(new Uint8Array(await warm.arrayBuffer())).toEqual(bytes);
    expect(await server.logSince(1)).toEqual(['POST /echo.sh 200']);
  });

  it("a non-ASCII user name goes as username*=UTF-8''… and is accepted, cold and warm", async () => {
    const { digestFetch, sent } = recordingClient(USERS.utf8);
    expect((await digestFetch(`${server.origin}/index.txt`)).status).toBe(200);
    expect((await digestFetch(`${server.origin}/index.txt`)).status).toBe(200);
    expect(await server.logSince(3)).toEqual(['GET /index.txt 401', 'GET /index.txt 200', 'GET /index.txt 200']);
    expect(sent[1]!['username*']).toBe("UTF-8''J%C3%A4s%C3%B8n%20Doe");
    expect(sent[1]!.username).toBeUndefined();
  });

  it('a wrong password: 2 requests, the final 401 returned and marked as a rejection', async () => {
    const { digestFetch } = recordingClient({ ...USERS.ascii, password: `${USERS.ascii.password}-wrong` });
    const response = await digestFetch(`${server.origin}/index.txt`);
    expect(response.status).toBe(401);
    expect(isDigestRejection(response)).toBe(true);
    expect(await server.logSince(2)).toEqual(['GET /index.txt 401', 'GET /index.txt 401']);
  });
});
