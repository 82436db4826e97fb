// The sandbox's HTTP port as an HTTPS proxy (how Firefox reaches it at the real address): curl through it gets
// the stand-in page and a Digest call at https://cloud.mongodb.com, checked against the sandbox's own certificate;
// a CONNECT to any other host is refused, and closing the sandbox ends an open tunnel.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDemoInstructions, type Sandbox, startSandbox } from '../../../sandbox/server';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';
const missing = !existsSync(CURL);
if (missing && process.env.CI) throw new Error('curl is missing: install it (apt-get install -y curl)');

describe.skipIf(missing)('CONNECT tunnel to cloud.mongodb.com', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  });
  afterAll(async () => {
    await sb.close();
  });

  const viaProxy = (url: string, ...extra: string[]) =>
    run(CURL, [
      '--silent',
      '--show-error',
      '--include',
      '--proxy',
      sb.httpUrl!,
      '--cacert',
      sb.certPath,
      ...extra,
      url,
    ]);

  it('tunnels https://cloud.mongodb.com to the sandbox, whose certificate is for that name', async () => {
    const { stdout } = await viaProxy('https://cloud.mongodb.com/v2');
    expect(stdout).toMatch(/^HTTP\/1\.1 200 Connection Established/);
    expect(stdout).toContain('Cloud Manager (sandbox)');
  });

  it('carries a Digest call end to end', async () => {
    const key = sb.fixture.keys.find((k) => k.name === 'owner')!;
    const org = sb.fixture.orgs[0]!.id;
    sb.clearLog();
    const { stdout } = await viaProxy(
      `https://cloud.mongodb.com/api/public/v1.0/orgs/${org}/liveExport/migrationLink/status`,
      '--digest',
      '--user',
      `${key.publicKey}:${key.privateKey}`,
    );
    expect(stdout).toMatch(/HTTP\/1\.1 (200|404)/);
    expect(sb.log.at(-1)).toMatchObject({ authorized: true });
  });

  it("is named in the sandbox's instructions as Firefox's HTTPS proxy", () => {
    expect(formatDemoInstructions(sb)).toContain(
      `HTTPS proxy 127.0.0.1 port ${sb.httpPort} (tunnels cloud.mongodb.com only)`,
    );
  });

  it('refuses a CONNECT to any other host', async () => {
    const error = await viaProxy('https://example.com/').then(
      () => null,
      (e: { stderr: string }) => e.stderr,
    );
    expect(error).toMatch(/403/);
    const other = await viaProxy('https://cloud.mongodb.com:8443/').then(
      () => null,
      (e: { stderr: string }) => e.stderr,
    );
    expect(other).toMatch(/403/);
  });

  it('ends an open tunnel when the sandbox closes', async () => {
    const local = await startSandbox({ httpsPort: 0, httpPort: 0 });
    const socket = connect(local.httpPort!, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      socket.once('data', (d) => resolve(String(d)));
      socket.write('CONNECT cloud.mongodb.com:443 HTTP/1.1\r\nHost: cloud.mongodb.com:443\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await local.close();
    await closed;
  });
});
