// The sandbox's service accounts: the token endpoint (Basic, grant type, form body, invalid_client, an expired
// secret, 10 requests a minute per IP and client with Retry-After, the live-token cap), Bearer tokens on every API
// path with the account's org roles and access list, unknown, expired and refused tokens answered 401, the request
// log naming the account, the fixture's accounts (demo and generated), the demo text; the revocation endpoint (RFC
// 7009: Basic as the token endpoint checks it, 200 also for an unknown token, a revoked token refused and no longer
// live); then the extension's token client (src/core/oauth) against the real sandbox over HTTP: two independent
// implementations checking each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureServiceAccount,
  generateFixture,
  loadDemoFixture,
  validateFixture,
} from '../../../sandbox/fixture';
import { formatDemoInstructions, type Sandbox, startSandbox } from '../../../sandbox/server';
import { parseBasic } from '../../../sandbox/service-accounts';
import { createAtlasApi } from '../../../src/core/atlas';
import { CloudManagerError, createCloudManagerApi } from '../../../src/core/cloudmanager';
import { createMemoryTokenStore, createTokenFetch, forgetTokens } from '../../../src/core/oauth';
import { digestRequest } from './digest-client';

const P = '/api/public/v1.0';
const A = '/api/atlas/v2';
const V1 = 'application/vnd.atlas.2023-01-01+json';
const TOKEN = '/api/oauth/token';
const FORM = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

const sandboxes: Sandbox[] = [];
async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  const sb = await startSandbox({ httpsPort: 0, httpPort: 0, ...options });
  sandboxes.push(sb);
  return sb;
}
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

const account = (sb: Sandbox, name: string) => sb.fixture.serviceAccounts!.find((a) => a.name === name)!;
const org = (sb: Sandbox, name: string) => sb.fixture.orgs.find((o) => o.name === name)!;

async function askToken(
  sb: Sandbox,
  who: FixtureServiceAccount,
  options: { secret?: string; body?: string; contentType?: string; method?: string; authorization?: string } = {},
) {
  const response = await fetch(`${sb.httpUrl}${TOKEN}`, {
    method: options.method ?? 'POST',
    headers: {
      Authorization: options.authorization ?? basic(who.clientId, options.secret ?? who.clientSecret),
      'Content-Type': options.contentType ?? FORM,
    },
    body: options.method === 'GET' ? undefined : (options.body ?? 'grant_type=client_credentials'),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

async function withBearer(sb: Sandbox, token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  if (path.startsWith(A)) headers.set('Accept', V1);
  const response = await fetch(`${sb.httpUrl}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

describe('the token endpoint', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await start({ serviceAccountTokenRequestsPerMinute: 1000 });
  });

  it('issues a JWT-shaped Bearer token for an hour, logs the account, and keeps only a record of it', async () => {
    const cm = account(sb, 'serviceaccount');
    sb.clearLog();
    const before = Date.now();
    const r = await askToken(sb, cm);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect([r.json.token_type, r.json.expires_in]).toEqual(['Bearer', 3600]);
    expect(r.json.access_token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sb.log).toEqual([
      expect.objectContaining({ method: 'POST', path: TOKEN, status: 200, serviceAccount: cm.clientId }),
    ]);
    const record = sb.serviceAccountTokens().at(-1)!;
    expect(record).toMatchObject({ clientId: cm.clientId, name: 'serviceaccount' });
    expect(record.expiresAt - record.issuedAt).toBe(3600_000);
    expect(record.issuedAt).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(sb.serviceAccountTokens())).not.toContain(r.json.access_token.split('.')[2]);
    expect((await askToken(sb, cm)).json.access_token).not.toBe(r.json.access_token);
  });

  it('401 invalid_client for a wrong secret, an unknown client or no Basic credentials; no account logged', async () => {
    const cm = account(sb, 'serviceaccount');
    sb.clearLog();
    const answers = [
      await askToken(sb, cm, { secret: `${cm.clientSecret}x` }),
      await askToken(sb, { ...cm, clientId: 'mdb_sa_id_000000000000000000000000' }),
      await askToken(sb, cm, { authorization: 'Bearer abc' }),
      await askToken(sb, cm, { authorization: `Basic ${Buffer.from(cm.clientId).toString('base64')}` }),
    ];
    expect(answers.map((a) => [a.status, a.json.error, a.headers.get('www-authenticate')])).toEqual(
      Array(4).fill([401, 'invalid_client', 'Basic realm="oauth"']),
    );
    expect(sb.log.map((e) => [e.status, e.serviceAccount])).toEqual(Array(4).fill([401, undefined]));
  });

  it('refuses another grant type (400 unsupported_grant_type), another body type (400 invalid_request), a GET', async () => {
    const cm = account(sb, 'serviceaccount');
    expect((await askToken(sb, cm, { body: 'grant_type=password' })).json).toMatchObject({
      error: 'unsupported_grant_type',
    });
    const json = await askToken(sb, cm, {
      contentType: 'application/json',
      body: '{"grant_type":"client_credentials"}',
    });
    expect([json.status, json.json.error]).toEqual([400, 'invalid_request']);
    expect((await askToken(sb, cm, { method: 'GET' })).status).toBe(405);
    // The form type may carry a charset.
    expect((await askToken(sb, cm, { contentType: `${FORM};charset=UTF-8` })).status).toBe(200);
  });

  it('an expired secret: 401 invalid_client saying it expired', async () => {
    const r = await askToken(sb, account(sb, 'expiredserviceaccount'));
    expect([r.status, r.json.error, r.json.error_description]).toEqual([
      401,
      'invalid_client',
      'The client secret has expired.',
    ]);
  });

  it('parses Basic credentials whose secret holds a colon', () => {
    expect(parseBasic(basic('id', 'a:b'))).toEqual({ clientId: 'id', secret: 'a:b' });
    expect(parseBasic('Digest x')).toBeUndefined();
  });
});

describe('the token endpoint limits', () => {
  it('10 requests a minute per IP and client: the 11th is 429 RATE_LIMITED with Retry-After; other clients go on', async () => {
    const sb = await start();
    const cm = account(sb, 'serviceaccount');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await askToken(sb, cm)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const refused = await askToken(sb, cm);
    expect([refused.status, refused.json.errorCode]).toEqual([429, 'RATE_LIMITED']);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // Wrong secrets count too: the limit is on the client id the request names.
    expect((await askToken(sb, cm, { secret: 'wrong' })).status).toBe(429);
    expect((await askToken(sb, account(sb, 'atlasserviceaccount'))).status).toBe(200);
  });

  it('a live-token cap: 403 access_denied beyond it, until tokens expire', async () => {
    const sb = await start({ serviceAccountTokenCap: 2 });
    const cm = account(sb, 'serviceaccount');
    expect([(await askToken(sb, cm)).status, (await askToken(sb, cm)).status]).toEqual([200, 200]);
    const refused = await askToken(sb, cm);
    expect([refused.status, refused.json.error]).toEqual([403, 'access_denied']);
    expect((await askToken(sb, account(sb, 'atlasserviceaccount'))).status).toBe(200);
    expect(sb.expireServiceAccountTokens(cm.clientId)).toBe(2);
    expect((await askToken(sb, cm)).status).toBe(200);
  });
});

const REVOKE = '/api/oauth/revoke';
/** POST /api/oauth/revoke as RFC 7009 says: Basic credentials, token=...&token_type_hint=access_token. */
async function revoke(
  sb: Sandbox,
  who: FixtureServiceAccount,
  token: string,
  options: { secret?: string; body?: string; contentType?: string; method?: string; authorization?: string } = {},
) {
  const response = await fetch(`${sb.httpUrl}${REVOKE}`, {
    method: options.method ?? 'POST',
    headers: {
      Authorization: options.authorization ?? basic(who.clientId, options.secret ?? who.clientSecret),
      'Content-Type': options.contentType ?? FORM,
    },
    body:
      options.method === 'GET'
        ? undefined
        : (options.body ?? new URLSearchParams({ token, token_type_hint: 'access_token' }).toString()),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const liveOf = (sb: Sandbox, who: FixtureServiceAccount) =>
  sb.serviceAccountTokens().filter((r) => r.clientId === who.clientId && !r.revoked && r.expiresAt > Date.now()).length;

describe('the revocation endpoint', () => {
  it('200 with no body: the token is refused on both APIs from then on, marked revoked, no longer live', async () => {
    const sb = await start({ serviceAccountTokenRequestsPerMinute: 1000 });
    const cm = account(sb, 'serviceaccount');
    const [first, second] = [(await askToken(sb, cm)).json.access_token, (await askToken(sb, cm)).json.access_token];
    expect(liveOf(sb, cm)).toBe(2);
    expect(sb.serviceAccountTokens().map((r) => r.revoked)).toEqual([false, false]);
    sb.clearLog();
    const r = await revoke(sb, cm, first);
    expect([r.status, r.json, r.headers.get('cache-control')]).toEqual([200, undefined, 'no-store']);
    expect(sb.log).toEqual([
      expect.objectContaining({ method: 'POST', path: REVOKE, status: 200, serviceAccount: cm.clientId }),
    ]);
    expect((await withBearer(sb, first, `${P}/orgs`)).status).toBe(401);
    expect((await withBearer(sb, first, `${A}/orgs`)).status).toBe(401);
    expect((await withBearer(sb, second, `${P}/orgs`)).status).toBe(200);
    expect(sb.serviceAccountTokens().map((x) => x.revoked)).toEqual([true, false]);
    expect(liveOf(sb, cm)).toBe(1);
    const records = await (await fetch(`${sb.httpUrl}/__sandbox/service-account-tokens`)).json();
    expect(records.map((x: { revoked: boolean }) => x.revoked)).toEqual([true, false]);
  });

  it("200 for a token unknown, already revoked, or expired (RFC 7009 §2.2); another client's token is left alone", async () => {
    const sb = await start();
    const cm = account(sb, 'serviceaccount');
    const atlas = account(sb, 'atlasserviceaccount');
    const mine = (await askToken(sb, cm)).json.access_token;
    const theirs = (await askToken(sb, atlas)).json.access_token;
    expect((await revoke(sb, cm, 'eyJ.never.issued')).status).toBe(200);
    expect((await revoke(sb, cm, mine)).status).toBe(200);
    expect((await revoke(sb, cm, mine)).status).toBe(200);
    expect((await revoke(sb, cm, theirs)).status).toBe(200);
    expect((await withBearer(sb, theirs, `${A}/orgs`)).status).toBe(200);
    sb.expireServiceAccountTokens(atlas.clientId);
    expect((await revoke(sb, atlas, theirs)).status).toBe(200);
  });

  it('401 invalid_client for a wrong secret, an unknown client, no Basic credentials, an expired secret', async () => {
    const sb = await start();
    const cm = account(sb, 'serviceaccount');
    const token = (await askToken(sb, cm)).json.access_token;
    const expired = sb.fixture.serviceAccounts!.find((a) => a.secretExpiresAt !== undefined)!;
    const answers = [
      await revoke(sb, cm, token, { secret: `${cm.clientSecret}x` }),
      await revoke(sb, { ...cm, clientId: 'mdb_sa_id_000000000000000000000000' }, token),
      await revoke(sb, cm, token, { authorization: `Bearer ${token}` }),
      await revoke(sb, expired, token),
    ];
    expect(answers.map((a) => [a.status, a.json.error, a.headers.get('www-authenticate')])).toEqual(
      Array(4).fill([401, 'invalid_client', 'Basic realm="oauth"']),
    );
    expect((await withBearer(sb, token, `${P}/orgs`)).status).toBe(200);
    expect(liveOf(sb, cm)).toBe(1);
  });

  it('400 invalid_request without a token or a form body; 405 for a GET; the token lives on', async () => {
    const sb = await start();
    const cm = account(sb, 'serviceaccount');
    const token = (await askToken(sb, cm)).json.access_token;
    const noToken = await revoke(sb, cm, token, { body: 'token_type_hint=access_token' });
    const json = await revoke(sb, cm, token, { contentType: 'application/json', body: JSON.stringify({ token }) });
    expect([noToken.status, noToken.json.error, json.status, json.json.error]).toEqual([
      400,
      'invalid_request',
      400,
      'invalid_request',
    ]);
    expect((await revoke(sb, cm, token, { method: 'GET' })).status).toBe(405);
    expect((await withBearer(sb, token, `${P}/orgs`)).status).toBe(200);
  });

  it('a revoked token no longer counts toward the live-token cap', async () => {
    const sb = await start({ serviceAccountTokenCap: 2 });
    const cm = account(sb, 'serviceaccount');
    const tokens = [(await askToken(sb, cm)).json.access_token, (await askToken(sb, cm)).json.access_token];
    expect((await askToken(sb, cm)).status).toBe(403);
    await revoke(sb, cm, tokens[0]);
    expect((await askToken(sb, cm)).status).toBe(200);
    expect((await askToken(sb, cm)).status).toBe(403);
  });
});

describe('Bearer tokens on the APIs', () => {
  let sb: Sandbox;
  let cmToken: string;
  let atlasToken: string;
  beforeAll(async () => {
    sb = await start();
    cmToken = (await askToken(sb, account(sb, 'serviceaccount'))).json.access_token;
    atlasToken = (await askToken(sb, account(sb, 'atlasserviceaccount'))).json.access_token;
  });

  it("a Cloud Manager account sees its own org, and the log names it, not a key's username", async () => {
    sb.clearLog();
    const r = await withBearer(sb, cmToken, `${P}/orgs`);
    expect([r.status, r.json.results.map((o: { name: string }) => o.name)]).toEqual([200, ['Acme Retail']]);
    expect(sb.log).toEqual([
      expect.objectContaining({
        path: `${P}/orgs`,
        status: 200,
        serviceAccount: account(sb, 'serviceaccount').clientId,
        crossOrg: false,
      }),
    ]);
    expect(sb.log[0]!.username).toBeUndefined();
  });

  it('links, reads and removes a link as the Org Owner it is', async () => {
    const acme = org(sb, 'Acme Retail').id;
    const token = sb.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
    const link = `${P}/orgs/${acme}/liveExport/migrationLink`;
    const headers = { 'Content-Type': 'application/json' };
    const made = await withBearer(sb, cmToken, link, {
      method: 'POST',
      headers,
      body: JSON.stringify({ linkToken: token }),
    });
    expect([made.status, made.json]).toEqual([201, { status: 'SYNCED' }]);
    expect((await withBearer(sb, cmToken, `${link}/status`)).json).toEqual({ status: 'SYNCED' });
    expect((await withBearer(sb, cmToken, link, { method: 'DELETE' })).status).toBe(204);
  });

  it('on another org: the recorded 401 a wrong key gets (UNEXPECTED_ERROR), noted as cross-org', async () => {
    sb.clearLog();
    const r = await withBearer(sb, cmToken, `${P}/orgs/${org(sb, 'Globex Logistics').id}`);
    expect([r.status, r.json.errorCode]).toEqual([401, 'UNEXPECTED_ERROR']);
    expect(sb.log[0]).toMatchObject({ crossOrg: true, serviceAccount: account(sb, 'serviceaccount').clientId });
  });

  it('an Atlas account on the Atlas Admin API: its org, and a link token', async () => {
    const atlasOrg = org(sb, 'Acme Retail (Atlas)').id;
    const list = await withBearer(sb, atlasToken, `${A}/orgs`);
    expect(list.json.results.map((o: { id: string }) => o.id)).toEqual([atlasOrg]);
    const made = await withBearer(sb, atlasToken, `${A}/orgs/${atlasOrg}/liveMigrations/linkTokens`, {
      method: 'POST',
    });
    expect([made.status, typeof made.json.linkToken]).toEqual([201, 'string']);
  });

  it('an unknown or expired token: 401 with a Bearer invalid_token challenge and the recorded UNEXPECTED_ERROR body', async () => {
    const unknown = await withBearer(sb, 'eyJ.not.issued', `${P}/orgs`);
    expect([unknown.status, unknown.headers.get('www-authenticate'), unknown.json.errorCode]).toEqual([
      401,
      'Bearer realm="MMS Public API", error="invalid_token"',
      'UNEXPECTED_ERROR',
    ]);
    const own = (await askToken(sb, account(sb, 'serviceaccount'))).json.access_token;
    expect((await withBearer(sb, own, `${P}/orgs`)).status).toBe(200);
    sb.expireServiceAccountTokens(account(sb, 'serviceaccount').clientId);
    expect((await withBearer(sb, own, `${P}/orgs`)).status).toBe(401);
    // The other account's token lives on.
    expect((await withBearer(sb, atlasToken, `${A}/orgs`)).status).toBe(200);
  });

  it('a short lifetime (serviceAccountTokenLifetimeS) expires by itself', async () => {
    const short = await start({ serviceAccountTokenLifetimeS: 1 });
    const r = await askToken(short, account(short, 'serviceaccount'));
    expect(r.json.expires_in).toBe(1);
    expect((await withBearer(short, r.json.access_token, `${P}/orgs`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await withBearer(short, r.json.access_token, `${P}/orgs`)).status).toBe(401);
  });

  it('bearerRefusedPaths plays a Preview that refuses Bearer on the link endpoints only', async () => {
    const refusing = await start({ bearerRefusedPaths: ['/liveExport/'] });
    const token = (await askToken(refusing, account(refusing, 'serviceaccount'))).json.access_token;
    const acme = org(refusing, 'Acme Retail').id;
    expect((await withBearer(refusing, token, `${P}/orgs`)).status).toBe(200);
    const status = await withBearer(refusing, token, `${P}/orgs/${acme}/liveExport/migrationLink/status`);
    expect([status.status, status.headers.get('www-authenticate')]).toEqual([
      401,
      'Bearer realm="MMS Public API", error="invalid_token"',
    ]);
    refusing.setBearerRefusedPaths([]);
    expect((await withBearer(refusing, token, `${P}/orgs/${acme}/liveExport/migrationLink/status`)).status).toBe(404);
  });

  it("the account's access list applies to its calls, not to its token requests", async () => {
    const fixture = loadDemoFixture();
    fixture.serviceAccounts = fixture.serviceAccounts!.map((a) =>
      a.name === 'serviceaccount' ? { ...a, accessList: ['203.0.113.7/32'] } : a,
    );
    const fenced = await start({ fixture });
    const r = await askToken(fenced, account(fenced, 'serviceaccount'));
    expect(r.status).toBe(200);
    const call = await withBearer(fenced, r.json.access_token, `${P}/orgs`);
    expect([call.status, call.json.errorCode]).toEqual([403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST']);
  });

  it('Digest keys work as before beside Bearer tokens', async () => {
    const key = sb.fixture.keys.find((k) => k.name === 'owner')!;
    const { response } = await digestRequest(sb.httpUrl!, {
      username: key.publicKey,
      password: key.privateKey,
      method: 'GET',
      path: `${P}/orgs`,
    });
    expect(response.status).toBe(200);
    expect(sb.log.at(-1)).toMatchObject({ username: key.publicKey });
    expect(sb.log.at(-1)!.serviceAccount).toBeUndefined();
  });

  it('the control endpoints: token records, expiring them, refused paths', async () => {
    const records = await (await fetch(`${sb.httpUrl}/__sandbox/service-account-tokens`)).json();
    expect(records).toEqual(sb.serviceAccountTokens());
    const expired = await fetch(`${sb.httpUrl}/__sandbox/service-account-tokens/expire`, {
      method: 'POST',
      body: JSON.stringify({ clientId: account(sb, 'atlasserviceaccount').clientId }),
    });
    expect(await expired.json()).toEqual({ expired: 1 });
    expect((await withBearer(sb, atlasToken, `${A}/orgs`)).status).toBe(401);
    await fetch(`${sb.httpUrl}/__sandbox/bearer-refused-paths`, { method: 'PUT', body: '["/orgs"]' });
    const fresh = (await askToken(sb, account(sb, 'serviceaccount'))).json.access_token;
    expect((await withBearer(sb, fresh, `${P}/orgs`)).status).toBe(401);
    sb.setBearerRefusedPaths([]);
  });
});

describe('the fixture accounts', () => {
  it('the demo fixture: a Cloud Manager and an Atlas Org Owner account for Acme Retail, and one expired', () => {
    const fixture = loadDemoFixture();
    const byName = (name: string) => fixture.serviceAccounts!.find((a) => a.name === name)!;
    const orgName = (a: FixtureServiceAccount) => fixture.orgs.find((o) => a.roles[o.id])!.name;
    expect(fixture.serviceAccounts!.map((a) => [a.name, orgName(a), Object.values(a.roles)[0]])).toEqual([
      ['serviceaccount', 'Acme Retail', ['ORG_OWNER']],
      ['atlasserviceaccount', 'Acme Retail (Atlas)', ['ORG_OWNER']],
      ['expiredserviceaccount', 'Globex Logistics', ['ORG_OWNER']],
    ]);
    expect(byName('serviceaccount').clientId).toMatch(/^mdb_sa_id_[0-9a-f]{24}$/);
    expect(byName('serviceaccount').clientSecret).toMatch(/^mdb_sa_sk_/);
    expect(byName('expiredserviceaccount').secretExpiresAt).toBeLessThan(Date.now());
  });

  it('validateFixture: an account belongs to exactly one known org, and ids are unique', () => {
    const base = loadDemoFixture();
    const first = base.serviceAccounts![0]!;
    const withAccounts = (serviceAccounts: FixtureServiceAccount[]) => () =>
      validateFixture({ ...base, serviceAccounts });
    expect(withAccounts([{ ...first, roles: {} }])).toThrow('exactly one org');
    expect(withAccounts([{ ...first, roles: { '0123456789abcdef01234567': ['ORG_OWNER'] } }])).toThrow('unknown org');
    expect(withAccounts([first, { ...first, name: 'twin' }])).toThrow('duplicate id');
    expect(withAccounts([{ ...first, clientId: base.keys[0]!.publicKey }])).toThrow('duplicate id');
  });

  it('generateFixture({serviceAccounts: true}): one Org Owner account per org, everything else unchanged', () => {
    const plain = generateFixture({ orgs: 3, atlasOrgs: 2, seed: 7 });
    const withAccounts = generateFixture({ orgs: 3, atlasOrgs: 2, seed: 7, serviceAccounts: true });
    expect({ ...withAccounts, serviceAccounts: undefined }).toEqual({ ...plain, serviceAccounts: undefined });
    expect(plain.serviceAccounts).toBeUndefined();
    expect(withAccounts.serviceAccounts!.map((a) => [a.name, a.roles])).toEqual(
      withAccounts.orgs.map((o, i) => [i < 3 ? `sa${i + 1}` : `atlassa${i - 2}`, { [o.id]: ['ORG_OWNER'] }]),
    );
    expect(new Set(withAccounts.serviceAccounts!.map((a) => a.clientId)).size).toBe(5);
    expect(generateFixture({ orgs: 3, atlasOrgs: 2, seed: 7, serviceAccounts: true })).toEqual(withAccounts);
  });

  it('the demo text prints one account per side, with its client id and secret', () => {
    const fixture = loadDemoFixture();
    const info = { httpsUrl: 'https://x', httpUrl: null, httpsPort: 1, spki: 's', certPath: 'c', fixture };
    const text = formatDemoInstructions(info);
    for (const [name, heading] of [
      [
        'serviceaccount',
        'Cloud Manager service account (Organization Owner; tokens from /api/oauth/token): Acme Retail',
      ],
      [
        'atlasserviceaccount',
        'Atlas service account (Organization Owner; tokens from /api/oauth/token): Acme Retail (Atlas)',
      ],
    ] as const) {
      const a = fixture.serviceAccounts!.find((s) => s.name === name)!;
      const at = text.indexOf(heading);
      expect(at).toBeGreaterThan(-1);
      expect(text.indexOf(`Client ID:              ${a.clientId}`)).toBeGreaterThan(at);
      expect(text.indexOf(`Client secret:          ${a.clientSecret}`)).toBeGreaterThan(at);
    }
    expect(text).not.toContain(fixture.serviceAccounts!.find((s) => s.name === 'expiredserviceaccount')!.clientSecret);
  });
});

describe('the extension token client against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await start({ serviceAccountTokenRequestsPerMinute: 1000 });
  });
  const client = (name: string, store = createMemoryTokenStore(), secret?: string) => {
    const a = account(sb, name);
    return createTokenFetch({ clientId: a.clientId, clientSecret: secret ?? a.clientSecret }, { store });
  };
  const tokenRequests = () => sb.log.filter((e) => e.path === TOKEN);

  it('8 concurrent cold calls: one token request, 8 calls made as the account', async () => {
    sb.clearLog();
    const call = client('serviceaccount');
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(`${sb.httpUrl}${P}/orgs`)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(tokenRequests()).toHaveLength(1);
    const calls = sb.log.filter((e) => e.path.startsWith(P));
    expect(calls.map((e) => e.serviceAccount)).toEqual(Array(8).fill(account(sb, 'serviceaccount').clientId));
  });

  it('links through the Cloud Manager API client, and makes a link token through the Atlas one', async () => {
    sb.clearLog();
    const store = createMemoryTokenStore();
    const cm = createCloudManagerApi({ baseUrl: sb.httpUrl!, fetch: client('serviceaccount', store) });
    const atlas = createAtlasApi({ baseUrl: sb.httpUrl!, fetch: client('atlasserviceaccount', store) });
    const linkToken = await atlas.createLinkToken(org(sb, 'Acme Retail (Atlas)').id);
    const acme = org(sb, 'Acme Retail').id;
    expect(await cm.linkOrganization(acme, linkToken)).toEqual({ status: 'SYNCED' });
    expect(await cm.linkStatus(acme)).toEqual({ status: 'SYNCED' });
    await cm.unlinkOrganization(acme);
    expect(tokenRequests().map((e) => e.serviceAccount)).toEqual([
      account(sb, 'atlasserviceaccount').clientId,
      account(sb, 'serviceaccount').clientId,
    ]);
    expect(store.size()).toBe(2);
  });

  it('a token the server let expire: the next call is refused once, renews, and succeeds', async () => {
    const call = client('serviceaccount');
    await call(`${sb.httpUrl}${P}/orgs`);
    sb.expireServiceAccountTokens(account(sb, 'serviceaccount').clientId);
    sb.clearLog();
    expect((await call(`${sb.httpUrl}${P}/orgs`)).status).toBe(200);
    expect(sb.log.map((e) => [e.path, e.status])).toEqual([
      [`${P}/orgs`, 401],
      [TOKEN, 200],
      [`${P}/orgs`, 200],
    ]);
  });

  it('Cloud Manager refusing Bearer on liveExport: bearer-refused from the API client, one token request', async () => {
    sb.setBearerRefusedPaths(['/liveExport/']);
    try {
      sb.clearLog();
      const cm = createCloudManagerApi({ baseUrl: sb.httpUrl!, fetch: client('serviceaccount') });
      const error = await cm.linkStatus(org(sb, 'Acme Retail').id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudManagerError);
      expect(error).toMatchObject({ kind: 'bearer-refused', variant: 'default' });
      expect(sb.log.map((e) => [e.path.startsWith(P) ? 'api' : e.path, e.status])).toEqual([
        [TOKEN, 200],
        ['api', 401],
      ]);
    } finally {
      sb.setBearerRefusedPaths([]);
    }
  });

  it('a wrong secret and an expired one: bad-credentials, each with its variant', async () => {
    const wrong = await client(
      'serviceaccount',
      undefined,
      'mdb_sa_sk_wrong',
    )(`${sb.httpUrl}${P}/orgs`).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ kind: 'bad-credentials', variant: 'service-account' });
    const expired = await client('expiredserviceaccount')(`${sb.httpUrl}${P}/orgs`).catch((e: unknown) => e);
    expect(expired).toMatchObject({ kind: 'bad-credentials', variant: 'service-account-expired' });
  });

  it("the server's 10-a-minute limit beyond the client's window: rate-limited naming the server's seconds", async () => {
    const strict = await start({ serviceAccountTokenRequestsPerMinute: 2 });
    const a = account(strict, 'serviceaccount');
    // Each call with a store of its own: a vault locked and cleared in between, so the client asks again with an
    // empty window of its own; the server's window still counts.
    const call = () => {
      const store = createMemoryTokenStore();
      const fetcher = createTokenFetch({ clientId: a.clientId, clientSecret: a.clientSecret }, { store });
      return fetcher(`${strict.httpUrl}${P}/orgs`).finally(() => forgetTokens(store));
    };
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const error = await call().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate-limited', variant: 'service-account', status: 429 });
    const seconds = (error as CloudManagerError).retryAfterSeconds!;
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(strict.log.filter((e) => e.path === TOKEN).map((e) => e.status)).toEqual([200, 200, 429]);
  });
});
