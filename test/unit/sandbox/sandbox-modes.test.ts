// The modes for answers the real service does not publish: a never-linked org (404 or NOT_SYNCED, for status and
// DELETE), 429 with or without Retry-After on both APIs (the token endpoint keeps it), switching at run time by
// setModes and PUT /__sandbox/modes, SANDBOX_MODES each startable, and the CLI flags that pick them.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../../sandbox/cli-options';
import { DEFAULT_MODES } from '../../../sandbox/modes';
import { SANDBOX_MODES, type Sandbox, type SandboxOptions, startSandbox } from '../../../sandbox/server';
import { A, atlasCall } from './atlas-client';
import { digestRequest } from './digest-client';
import { RECORDED_NO_LINK } from './recorded-answers';

const P = '/api/public/v1.0';
let sb: Sandbox;
afterEach(async () => {
  await sb?.close();
});
const start = async (options: SandboxOptions = {}) => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0, ...options });
  return sb;
};
const orgId = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;

async function cm(method: string, path: string) {
  const key = sb.fixture.keys.find((k) => k.name === 'owner')!;
  const { response } = await digestRequest(sb.httpUrl!, {
    username: key.publicKey,
    password: key.privateKey,
    method,
    path,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('unlinkedStatus: what a never-linked org answers', () => {
  it('not-found (default): 404 for status and DELETE; not-synced: 200 NOT_SYNCED and 204', async () => {
    await start();
    const link = `${P}/orgs/${orgId('Acme Retail')}/liveExport/migrationLink`;
    expect(await cm('GET', `${link}/status`)).toMatchObject({ status: 404, text: RECORDED_NO_LINK });
    expect(await cm('DELETE', link)).toMatchObject({ status: 404, text: RECORDED_NO_LINK });
    expect(sb.setModes({ unlinkedStatus: 'not-synced' })).toMatchObject({ unlinkedStatus: 'not-synced' });
    expect(await cm('GET', `${link}/status`)).toMatchObject({ status: 200, text: '{"status":"NOT_SYNCED"}' });
    expect(await cm('DELETE', link)).toMatchObject({ status: 204, text: '' });
  });
});

describe('rateLimitRetryAfter: every 429 of either API, with or without Retry-After', () => {
  it('drops Retry-After from faults on both APIs and from the Atlas bucket, naming the wait in the body', async () => {
    await start({ rateLimitRetryAfter: false, atlasRateLimit: { capacity: 1, refillPerSecond: 0.2 } });
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 7, times: 1, match: { pathIncludes: '/orgs/' } }]);
    const limited = await cm('GET', `${P}/orgs/${orgId('Acme Retail')}`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, null]);
    expect(JSON.parse(limited.text)).toMatchObject({ errorCode: 'RATE_LIMITED', parameters: ['7'] });
    expect(JSON.parse(limited.text).detail).toContain('7 seconds');
    const tokens = `${A}/orgs/${orgId('Acme Retail (Atlas)')}/liveMigrations/linkTokens`;
    expect((await atlasCall(sb, 'atlas', 'POST', tokens)).status).toBe(201);
    const bucket = await atlasCall(sb, 'atlas', 'POST', tokens);
    expect([bucket.status, bucket.headers.get('retry-after'), bucket.json.parameters]).toEqual([429, null, ['5']]);
    // Switched back at run time through the control endpoint: Retry-After again.
    const put = await fetch(`${sb.httpUrl}/__sandbox/modes`, {
      method: 'PUT',
      body: JSON.stringify({ rateLimitRetryAfter: true }),
    });
    expect(await put.json()).toEqual({ ...DEFAULT_MODES });
    expect((await atlasCall(sb, 'atlas', 'POST', tokens)).headers.get('retry-after')).toBe('5');
  });

  it("leaves the token endpoint's 429 its Retry-After", async () => {
    await start({ rateLimitRetryAfter: false });
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 3, match: { pathIncludes: '/api/oauth/token' } }]);
    const r = await fetch(`${sb.httpUrl}/api/oauth/token`, { method: 'POST' });
    expect([r.status, r.headers.get('retry-after')]).toEqual([429, '3']);
    await r.text();
  });
});

describe('switching modes', () => {
  it('PUT /__sandbox/modes refuses a wrong value and keeps the modes; GET reads them', async () => {
    await start();
    const bad = await fetch(`${sb.httpUrl}/__sandbox/modes`, {
      method: 'PUT',
      body: JSON.stringify({ unlinkedStatus: 'gone' }),
    });
    expect(bad.status).toBe(400);
    await bad.text();
    expect(await (await fetch(`${sb.httpUrl}/__sandbox/modes`)).json()).toEqual({ ...DEFAULT_MODES });
    sb.setBearerRefusedPaths(['/liveExport/']);
    expect(sb.modes().bearerRefusedPaths).toEqual(['/liveExport/']);
  });

  it('starts a sandbox in every SANDBOX_MODES variant, each with the options it names', async () => {
    for (const mode of SANDBOX_MODES) {
      await start(mode.options);
      expect(sb.modes(), mode.name).toEqual({ ...DEFAULT_MODES, ...mode.options });
      await sb.close();
    }
  });
});

describe('npm run sandbox flags', () => {
  it('picks modes by name or one flag each, the flag winning', () => {
    expect(parseSandboxArgs([])).toMatchObject({ httpsPort: 8443, httpPort: 8080, ...DEFAULT_MODES, help: false });
    expect(
      parseSandboxArgs(['--mode', 'unlinked-not-synced', '--mode', 'rate-limit-without-retry-after']),
    ).toMatchObject({ unlinkedStatus: 'not-synced', rateLimitRetryAfter: false });
    expect(
      parseSandboxArgs([
        '--mode',
        'unlinked-not-synced',
        '--unlinked-status',
        'not-found',
        '--nonce-bound-to-user',
        '--bearer-refused-path',
        '/liveExport/',
        '--no-retry-after',
        '--revoked-link-status',
        'unlinked',
        '--https-port',
        '9443',
      ]),
    ).toMatchObject({
      httpsPort: 9443,
      unlinkedStatus: 'not-found',
      nonceBoundToUser: true,
      bearerRefusedPaths: ['/liveExport/'],
      rateLimitRetryAfter: false,
      revokedLinkStatus: 'unlinked',
    });
    expect(() => parseSandboxArgs(['--mode', 'nope'])).toThrow(/unknown sandbox mode/);
    expect(() => parseSandboxArgs(['--unlinked-status', 'gone'])).toThrow(/unlinkedStatus/);
  });
});
