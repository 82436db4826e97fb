// Every endpoint and every error of the sandbox, as a signed client sees them: link / status / unlink, org and
// project lookups, MMS error bodies with X-Error-Code, envelope and pretty, access lists, Atlas orgs. Each org is
// called with its own key, since an API key belongs to exactly one org. A wrong key or another org's key gets the
// recorded 401 byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { digestRequest } from './digest-client';
import { RECORDED_401, RECORDED_CHALLENGE, RECORDED_NO_LINK } from './recorded-answers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const P = '/api/public/v1.0';
const key = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
const org = (prefix: string) => sb.fixture.orgs.find((o) => o.name.startsWith(prefix))!;
const token = (result: 'SYNCED' | 'NOT_SYNCED') => sb.fixture.linkTokens.find((t) => t.result === result)!.token;

async function call(keyName: string, method: string, path: string, body?: string) {
  const k = key(keyName);
  const { response } = await digestRequest(sb.httpUrl!, {
    username: k.publicKey,
    password: k.privateKey,
    method,
    path,
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

async function expectError(r: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.json).toMatchObject({ error: status });
  expect(Object.keys(r.json)).toEqual(['detail', 'error', 'errorCode', 'parameters', 'reason']);
  expect(r.json.errorCode).toBe(code);
  expect(r.headers.get('x-error-code') ?? undefined).toBe(code);
}

/** The recorded answer to a wrong key, byte for byte: pretty, no parameters, no X-Error-Code, a fresh challenge. */
function expectRecorded401(r: Awaited<ReturnType<typeof call>>) {
  expect([r.status, r.text, r.headers.get('x-error-code'), r.headers.get('content-type')]).toEqual([
    401,
    RECORDED_401,
    null,
    'application/json',
  ]);
  expect(r.headers.get('www-authenticate')).toMatch(RECORDED_CHALLENGE);
}

/** Atlas's recorded answer for a link that does not exist, which the Cloud Manager side reuses (assumed). */
function expectNoLink(r: Awaited<ReturnType<typeof call>>) {
  expect([r.status, r.headers.get('x-error-code')]).toEqual([404, 'UNEXPECTED_ERROR']);
  expect(r.text).toBe(RECORDED_NO_LINK);
}

describe('sandbox endpoints', () => {
  it('links, reports status, unlinks', async () => {
    const id = org('Acme Retail').id;
    const link = `${P}/orgs/${id}/liveExport/migrationLink`;
    expectNoLink(await call('owner', 'GET', `${link}/status`));
    const created = await call('owner', 'POST', link, JSON.stringify({ linkToken: token('SYNCED') }));
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ status: 'SYNCED' });
    expect(sb.links.get(id)?.status).toBe('SYNCED');
    expect((await call('owner', 'GET', `${link}/status`)).json).toEqual({ status: 'SYNCED' });
    const removed = await call('owner', 'DELETE', link);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expectNoLink(await call('owner', 'GET', `${link}/status`));
    expectNoLink(await call('owner', 'DELETE', link));
  });

  it('reports NOT_SYNCED for a token that yields it', async () => {
    const link = `${P}/orgs/${org('Globex').id}/liveExport/migrationLink`;
    expect((await call('globex', 'POST', link, JSON.stringify({ linkToken: token('NOT_SYNCED') }))).json).toEqual({
      status: 'NOT_SYNCED',
    });
  });

  it('names orgs and the org of a project', async () => {
    const hooli = org('Hooli Media');
    expect((await call('readonly', 'GET', `${P}/orgs/${hooli.id}`)).json).toEqual({
      id: hooli.id,
      name: 'Hooli Media',
      isDeleted: false,
      links: [],
    });
    const group = sb.fixture.groups.find((g) => g.orgId === hooli.id)!;
    expect(group.name).toBe('hooli-web');
    expect((await call('readonly', 'GET', `${P}/groups/${group.id}`)).json).toMatchObject({
      orgId: hooli.id,
      name: group.name,
    });
    const acme = org('Acme Retail');
    const acmeGroup = sb.fixture.groups.find((g) => g.orgId === acme.id)!;
    expect((await call('owner', 'GET', `${P}/groups/${acmeGroup.id}`)).json).toMatchObject({ orgId: acme.id });
  });

  it('answers each error with its MMS code', async () => {
    const id = org('Initech').id;
    const link = `${P}/orgs/${id}/liveExport/migrationLink`;
    const bad = await call('initech', 'POST', link, JSON.stringify({ linkToken: 'not-a-token-SECRET' }));
    await expectError(bad, 400, 'INVALID_LINK_TOKEN');
    expect(bad.text).not.toContain('not-a-token-SECRET');
    await expectError(await call('initech', 'POST', link, '{}'), 400, 'MISSING_ATTRIBUTE');
    await expectError(await call('initech', 'POST', link, '{"linkToken": '), 400, 'MALFORMED_JSON');
    await expectError(await call('owner', 'GET', `${P}/orgs/NOT-AN-ID`), 404, 'INVALID_ORG_ID');
    await expectError(await call('owner', 'GET', `${P}/orgs/${'0'.repeat(24)}`), 404, 'ORG_NOT_FOUND');
    await expectError(await call('owner', 'GET', `${P}/groups/xyz`), 404, 'INVALID_GROUP_ID');
    await expectError(await call('owner', 'GET', `${P}/groups/${'1'.repeat(24)}`), 404, 'GROUP_NOT_FOUND');
    const hooliLink = `${P}/orgs/${org('Hooli Media').id}/liveExport/migrationLink`;
    await expectError(
      await call('readonly', 'POST', hooliLink, JSON.stringify({ linkToken: token('SYNCED') })),
      401,
      'USER_UNAUTHORIZED',
    );
    expectRecorded401(await call('readonly', 'GET', `${P}/orgs/${org('Acme Retail (Atlas)').id}`));
    // A key of another org: the same 401 as a wrong key, even for its owner role.
    expectRecorded401(await call('owner', 'POST', link, JSON.stringify({ linkToken: token('SYNCED') })));
    // And a wrong private key, on the same org.
    const wrong = await digestRequest(sb.httpUrl!, { username: key('initech').publicKey, password: 'x', path: link });
    const text = await wrong.response.text();
    expect([wrong.response.status, text]).toEqual([401, RECORDED_401]);
    const atlas = `${P}/orgs/${org('Acme Retail (Atlas)').id}/liveExport/migrationLink`;
    await expectError(
      await call('atlas', 'POST', atlas, JSON.stringify({ linkToken: token('SYNCED') })),
      404,
      'EXPECTED_NON_ATLAS_ORG',
    );
    expect(sb.links.has(id)).toBe(false);
  });

  it("refuses a caller IP that is not on the key's access list, naming it", async () => {
    const r = await call('elsewhere', 'GET', `${P}/orgs/${org('Globex').id}`);
    await expectError(r, 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
    expect(r.json.detail).toContain('127.0.0.1');
    expect(r.json.parameters).toEqual(['127.0.0.1']);
  });

  it('refuses a key without an access list on an org that requires one; a listed key works', async () => {
    const umbrella = org('Umbrella').id;
    const r = await call('unlisted', 'GET', `${P}/orgs/${umbrella}/liveExport/migrationLink/status`);
    await expectError(r, 403, 'ORG_REQUIRES_ACCESS_LIST');
    expect(r.json.parameters).toEqual(['127.0.0.1']);
    expectNoLink(await call('listed', 'GET', `${P}/orgs/${umbrella}/liveExport/migrationLink/status`));
  });

  it('wraps answers in an envelope and indents them on request', async () => {
    const id = org('Acme Retail').id;
    const wrapped = await call('owner', 'GET', `${P}/orgs/${id}/liveExport/migrationLink/status?envelope=true`);
    expect(wrapped.status).toBe(200);
    expect(wrapped.json).toMatchObject({ status: 404, content: { errorCode: 'UNEXPECTED_ERROR', parameters: null } });
    const pretty = await call('owner', 'GET', `${P}/orgs/${id}?pretty=true`);
    expect(pretty.text).toContain('\n  "name": "Acme Retail"');
    expect((await call('owner', 'GET', `${P}/orgs/${id}`)).text).not.toContain('\n');
  });
});
