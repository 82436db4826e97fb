// Fault injection, the control endpoints, the stand-in page, HTTPS with its SPKI pin and the demo text.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixture } from '../../../sandbox/fixture';
import { formatDemoInstructions, type Sandbox, startSandbox } from '../../../sandbox/server';
import { digestRequest } from './digest-client';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const owner = () => sb.fixture.keys.find((k) => k.name === 'owner')!;
const path = () => `/api/public/v1.0/orgs/${sb.fixture.orgs[0]!.id}`;
const signed = () =>
  digestRequest(sb.httpUrl!, { username: owner().publicKey, password: owner().privateKey, path: path() });

describe('sandbox faults and controls', () => {
  it('injects each fault, consumes `times`, and clears', async () => {
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 7, times: 1 }]);
    let r = (await signed()).response;
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await r.json()).errorCode).toBe('RATE_LIMITED');
    expect((await signed()).response.status).toBe(200);

    sb.setFaults([{ kind: 'server-error' }]);
    r = (await signed()).response;
    expect([r.status, (await r.json()).errorCode]).toEqual([500, 'UNEXPECTED_ERROR']);
    sb.setFaults([{ kind: 'upgrade', match: { method: 'GET', pathIncludes: '/orgs/' } }]);
    r = (await signed()).response;
    expect([r.status, (await r.json()).errorCode]).toEqual([405, 'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES']);
    sb.setFaults([{ kind: 'upgrade', match: { method: 'POST' } }]);
    expect((await signed()).response.status).toBe(200);

    sb.setFaults([{ kind: 'html' }]);
    const html = await fetch(sb.httpUrl + path());
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    sb.setFaults([{ kind: 'reset' }]);
    await expect(fetch(sb.httpUrl + path())).rejects.toThrow();
    sb.setFaults([{ kind: 'latency', ms: 300 }]);
    let t = performance.now();
    await (await fetch(sb.httpUrl + path())).text();
    expect(performance.now() - t).toBeGreaterThanOrEqual(250);
    sb.setFaults([{ kind: 'slow', ms: 300, times: 1 }]);
    t = performance.now();
    await (await fetch(sb.httpUrl + path())).text();
    expect(performance.now() - t).toBeGreaterThanOrEqual(250);
    sb.clearFaults();
    sb.setLatency(200);
    t = performance.now();
    await (await fetch(sb.httpUrl + path())).text();
    expect(performance.now() - t).toBeGreaterThanOrEqual(150);
    sb.setLatency(0);
  });

  it('offers the same through control endpoints, and a readable request log', async () => {
    const base = sb.httpUrl!;
    await fetch(`${base}/__sandbox/log`, { method: 'DELETE' });
    await fetch(`${base}/__sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify([{ kind: 'server-error', times: 1 }]),
    });
    expect((await signed()).response.status).toBe(500);
    expect(await (await fetch(`${base}/__sandbox/faults`)).json()).toEqual([{ kind: 'server-error', times: 0 }]);
    await fetch(`${base}/__sandbox/faults`, { method: 'DELETE' });
    const log = (await (await fetch(`${base}/__sandbox/log`)).json()) as { status: number; authorized: boolean }[];
    expect(log.map((e) => [e.status, e.authorized])).toEqual([
      [401, false],
      [500, true],
    ]);
    expect((await (await fetch(`${base}/__sandbox/latency`, { method: 'PUT', body: '{"ms": 0}' })).json()).ms).toBe(0);
    expect(await (await fetch(`${base}/__sandbox/state`)).json()).toHaveProperty('links');
  });

  it('serves a stand-in Cloud Manager page with the names', async () => {
    const page = await fetch(`${sb.httpUrl}/v2/${sb.fixture.groups[0]!.id}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Cloud Manager (sandbox)');
    expect(html).toContain('Acme Retail');
    expect(html).not.toContain(owner().privateKey);
    const root = await fetch(`${sb.httpUrl}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/v2']);
  });

  it('serves HTTPS with the certificate whose SPKI hash it wrote next to it', async () => {
    const pem = readFileSync(sb.certPath, 'utf8');
    const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
    const spki = createHash('sha256').update(der).digest('base64');
    expect(readFileSync(join(sb.certPath, '..', 'spki.txt'), 'utf8').trim()).toBe(spki);
    expect(sb.spki).toBe(spki);
    const status = await new Promise<number>((resolve, reject) => {
      get(
        `${sb.httpsUrl}/v2`,
        { ca: pem, servername: 'cloud.mongodb.com', headers: { host: 'cloud.mongodb.com' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      ).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('prints ready-to-paste demo instructions: a key pair per client org, and the global key on HTTP', () => {
    const text = formatDemoInstructions(sb);
    const globex = sb.fixture.keys.find((k) => k.name === 'globex')!;
    const ops = sb.fixture.keys.find((k) => k.name === 'opsmanager')!;
    expect(text).toContain(`https://cloud.mongodb.com/v2#/org/${sb.fixture.orgs[0]!.id}/projects`);
    expect(text).toContain(`https://cloud.mongodb.com/v2#/org/${Object.keys(globex.roles)[0]}/projects`);
    expect(text).toContain(`https://cloud.mongodb.com/v2/${sb.fixture.groups[0]!.id}#deployment/topology`);
    for (const k of [owner(), globex, ops]) {
      expect(text).toContain(`Public key (username):  ${k.publicKey}`);
      expect(text).toContain(`Private key (password): ${k.privateKey}`);
    }
    // Each client key is printed under its own org.
    const acmeAt = text.indexOf('Client org: Acme Retail');
    const globexAt = text.indexOf('Client org: Globex Logistics');
    expect(acmeAt).toBeGreaterThan(-1);
    expect(text.indexOf(owner().publicKey)).toBeGreaterThan(acmeAt);
    expect(text.indexOf(owner().publicKey)).toBeLessThan(globexAt);
    expect(text.indexOf(globex.publicKey)).toBeGreaterThan(globexAt);
    expect(text).toContain(`Server address:         ${sb.httpUrl}`);
    expect(text.indexOf(ops.publicKey)).toBeGreaterThan(text.indexOf('Ops Manager global key'));
    expect(text).toContain(sb.spki);
    expect(text).toContain(`127.0.0.1:${sb.httpsPort}`);
    expect(text).toContain(sb.fixture.linkTokens[0]!.token);
    expect(text).not.toContain(sb.fixture.keys.find((k) => k.name === 'readonly')!.privateKey);
  });

  it('leaves the global key out when there is no HTTP listener, and works for a generated fixture', () => {
    expect(formatDemoInstructions({ ...sb, httpUrl: null })).not.toContain('Ops Manager global key');
    const fixture = generateFixture({ orgs: 3, seed: 5 });
    const text = formatDemoInstructions({ ...sb, fixture });
    expect(text).toContain(`Client org: ${fixture.orgs[0]!.name}`);
    expect(text).toContain(fixture.keys[1]!.privateKey);
    expect(text).not.toContain(fixture.keys[2]!.publicKey);
  });
});
