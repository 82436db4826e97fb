// The Atlas CLI's documented request with the system's curl, against the sandbox's HTTPS listener: `curl --digest`
// with the versioned Accept and Content-Type creates a link token, and that token links a Cloud Manager org.
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

describe.skipIf(missing)('curl --digest against the Atlas side', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ httpsPort: 0, httpPort: null });
  });
  afterAll(async () => {
    await sb.close();
  });

  const curl = async (keyName: string, method: string, path: string, headers: string[], data?: string) => {
    const key = sb.fixture.keys.find((k) => k.name === keyName)!;
    const { stdout } = await run(CURL, [
      ...['--silent', '--include', '--digest', '--cacert', sb.certPath, '--user', `${key.publicKey}:${key.privateKey}`],
      ...headers.flatMap((h) => ['--header', h]),
      ...['--request', method, `${sb.httpsUrl}${path}`],
      ...(data ? ['--data', data] : []),
    ]);
    const last = stdout.split(/\r?\n\r?\n(?=HTTP\/)/).at(-1)!;
    return { status: Number(last.slice(9, 12)), body: last.slice(last.indexOf('\r\n\r\n') + 4) };
  };

  it('creates a token with the versioned headers, and the token links on the Cloud Manager side', async () => {
    const atlasOrg = sb.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!;
    const v1 = 'application/vnd.atlas.2023-01-01+json';
    const path = `/api/atlas/v2/orgs/${atlasOrg.id}/liveMigrations/linkTokens`;
    const created = await curl('atlas', 'POST', path, [`Accept: ${v1}`, `Content-Type: ${v1}`], '{"accessListIps":[]}');
    expect(created.status).toBe(201);
    const { linkToken } = JSON.parse(created.body) as { linkToken: string };
    const refused = await curl('atlas', 'POST', path, ['Accept: application/json']);
    expect(refused.status).toBe(406);
    const acme = sb.fixture.orgs[0]!.id;
    const linked = await curl(
      'owner',
      'POST',
      `/api/public/v1.0/orgs/${acme}/liveExport/migrationLink`,
      ['Accept: application/json', 'Content-Type: application/json'],
      JSON.stringify({ linkToken }),
    );
    expect([linked.status, JSON.parse(linked.body)]).toEqual([201, { status: 'SYNCED' }]);
  });
});
