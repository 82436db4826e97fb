// The API page's own example, with the system's curl: `curl --digest ... POST .../migrationLink?pretty=true`
// gets 201 {"status": "SYNCED"}; the same with a wrong private key gets 401 with a fresh Digest challenge.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/server';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';
const missing = !existsSync(CURL);
if (missing && process.env.CI)
  throw new Error('curl is missing: install it (apt-get install -y curl) to run this test');
if (missing) console.warn('curl not found: the curl interop test is skipped (apt-get install -y curl)');

describe.skipIf(missing)('curl --digest against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  });
  afterAll(async () => {
    await sb.close();
  });

  const curl = (user: string) => {
    const org = sb.fixture.orgs[0]!.id;
    const token = sb.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
    return run(CURL, [
      '--silent',
      '--include',
      '--digest',
      '--user',
      user,
      '--header',
      'Accept: application/json',
      '--header',
      'Content-Type: application/json',
      '--request',
      'POST',
      `${sb.httpUrl}/api/public/v1.0/orgs/${org}/liveExport/migrationLink?pretty=true`,
      '--data',
      JSON.stringify({ linkToken: token }),
    ]);
  };

  it('links with the right key pair: 201 and {"status": "SYNCED"}', async () => {
    const owner = sb.fixture.keys.find((k) => k.name === 'owner')!;
    const { stdout } = await curl(`${owner.publicKey}:${owner.privateKey}`);
    const last = stdout.split(/\r?\n\r?\n(?=HTTP\/)/).at(-1)!;
    expect(last).toMatch(/^HTTP\/1\.1 201/);
    expect(JSON.parse(last.slice(last.indexOf('\r\n\r\n') + 4))).toEqual({ status: 'SYNCED' });
  });

  it('gets 401 and a fresh challenge with a wrong private key', async () => {
    const owner = sb.fixture.keys.find((k) => k.name === 'owner')!;
    const { stdout } = await curl(`${owner.publicKey}:00000000-0000-0000-0000-000000000000`);
    const last = stdout.split(/\r?\n\r?\n(?=HTTP\/)/).at(-1)!;
    expect(last).toMatch(/^HTTP\/1\.1 401/);
    expect(last).toMatch(
      /WWW-Authenticate: Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false/i,
    );
  });
});
