// The Atlas side's link tokens: created by an Org Owner key (401 USER_UNAUTHORIZED otherwise) with the recorded
// 201, optionally with accessListIps, and redeemable on the Cloud Manager link endpoint (SYNCED) until the Atlas
// org's DELETE revokes them (recorded 204, or the recorded 404 with nothing to remove); the per-org token bucket
// (429 with Retry-After, then success after refill); records that never hold the raw token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAddressOrCidr } from '../../../sandbox/atlas-api';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { TokenBuckets } from '../../../sandbox/token-bucket';
import { A, atlasCall, errorOf } from './atlas-client';
import { digestRequest } from './digest-client';
import { RECORDED_401, RECORDED_NO_LINK } from './recorded-answers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const P = '/api/public/v1.0';
const org = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!;
const tokensOf = (name: string) => `${A}/orgs/${org(name).id}/liveMigrations/linkTokens`;
const create = (keyName: string, atlasOrg: string, body?: unknown, s: Sandbox = sb) =>
  atlasCall(s, keyName, 'POST', tokensOf(atlasOrg), { body: body === undefined ? undefined : JSON.stringify(body) });

/** Links a Cloud Manager org with its own key (owner: Acme Retail, globex: Globex Logistics). */
async function link(keyName: string, cmOrg: string, linkToken: string) {
  const key = sb.fixture.keys.find((k) => k.name === keyName)!;
  const { response } = await digestRequest(sb.httpUrl!, {
    username: key.publicKey,
    password: key.privateKey,
    method: 'POST',
    path: `${P}/orgs/${org(cmOrg).id}/liveExport/migrationLink`,
    body: JSON.stringify({ linkToken }),
  });
  return { status: response.status, json: await response.json() };
}

describe('POST /orgs/{orgId}/liveMigrations/linkTokens', () => {
  it('issues a long random base64url token that links a Cloud Manager org, SYNCED', async () => {
    const before = sb.atlasTokens().length;
    const r = await create('atlas', 'Acme Retail (Atlas)', { accessListIps: [] });
    expect([r.status, Object.keys(r.json)]).toEqual([201, ['linkToken']]);
    expect(r.headers.get('content-type')).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    // The recorded limit headers (TestLinkToken/Create).
    expect(r.headers.get('ratelimit-limit')).toBe('500');
    expect(Number(r.headers.get('ratelimit-remaining'))).toBeLessThan(500);
    const token: string = r.json.linkToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{200,}$/);
    expect((await create('atlas', 'Acme Retail (Atlas)')).json.linkToken).not.toBe(token);
    const records = sb.atlasTokens().slice(before);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ atlasOrgId: org('Acme Retail (Atlas)').id, accessListIps: [], revoked: false });
    expect(records[0]!.createdAt).toBeGreaterThan(Date.now() - 10_000);
    expect(JSON.stringify(sb.atlasTokens())).not.toContain(token.slice(0, 40));

    expect(await link('owner', 'Acme Retail', token)).toEqual({ status: 201, json: { status: 'SYNCED' } });
    const state = sb.links.get(org('Acme Retail').id)!;
    expect(state).toMatchObject({ status: 'SYNCED', atlasOrgId: org('Acme Retail (Atlas)').id });
    expect(state.tokenFingerprint).toBe(records[0]!.fingerprint);
    expect(sb.atlasTokens()[before]!.linkedOrgIds).toEqual([org('Acme Retail').id]);
    // The same record through the control endpoint, for a sandbox in another process.
    const served = await (await fetch(`${sb.httpUrl}/__sandbox/atlas-tokens`)).json();
    expect(served).toEqual(sb.atlasTokens());
  });

  it('records the accessListIps it is given: addresses and CIDR blocks of either family', async () => {
    const ips = ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32', '::1', '10.0.0.1/32'];
    expect((await create('atlasglobex', 'Globex Logistics (Atlas)', { accessListIps: ips })).status).toBe(201);
    expect(sb.atlasTokens().at(-1)).toMatchObject({
      atlasOrgId: org('Globex Logistics (Atlas)').id,
      accessListIps: ips,
    });
  });

  it('refuses a bad accessListIps with 400 INVALID_ATTRIBUTE naming it, and malformed JSON', async () => {
    const before = sb.atlasTokens().length;
    for (const accessListIps of [
      ['300.1.1.1'],
      ['10.0.0.0/33'],
      ['2001:db8::/129'],
      ['example.com'],
      [42],
      '1.2.3.4',
      [' 1.2.3.4'],
      ['1.2.3.4/'],
    ]) {
      const r = await create('atlas', 'Acme Retail (Atlas)', { accessListIps });
      expect(errorOf(r), JSON.stringify(accessListIps)).toMatchObject({ status: 400, errorCode: 'INVALID_ATTRIBUTE' });
      expect(r.json.parameters).toEqual(['accessListIps']);
    }
    const malformed = await atlasCall(sb, 'atlas', 'POST', tokensOf('Acme Retail (Atlas)'), {
      body: '{"accessListIps": [',
    });
    expect(errorOf(malformed)).toMatchObject({ status: 400, errorCode: 'MALFORMED_JSON' });
    expect(sb.atlasTokens()).toHaveLength(before);
  });

  it('needs Organization Owner to create or delete (401 USER_UNAUTHORIZED), though a member reads the org', async () => {
    const before = sb.atlasTokens().length;
    for (const method of ['POST', 'DELETE']) {
      const r = await atlasCall(sb, 'atlasmember', method, tokensOf('Acme Retail (Atlas)'));
      expect(errorOf(r), method).toMatchObject({
        status: 401,
        errorCode: 'USER_UNAUTHORIZED',
        header: 'USER_UNAUTHORIZED',
      });
    }
    expect((await atlasCall(sb, 'atlasmember', 'GET', `${A}/orgs/${org('Acme Retail (Atlas)').id}`)).status).toBe(200);
    expect(sb.atlasTokens()).toHaveLength(before);
  });

  it('refuses another org with the recorded 401 (logged crossOrg) and a Cloud Manager org with NOT_ATLAS_ORG', async () => {
    sb.clearLog();
    const cross = await create('atlas', 'Globex Logistics (Atlas)');
    expect([cross.status, cross.text]).toEqual([401, RECORDED_401]);
    expect(sb.log.at(-1)).toMatchObject({ status: 401, orgId: org('Globex Logistics (Atlas)').id, crossOrg: true });
    const wrongSide = await atlasCall(
      sb,
      'owner',
      'POST',
      `${A}/orgs/${org('Acme Retail').id}/liveMigrations/linkTokens`,
    );
    expect(errorOf(wrongSide)).toMatchObject({ status: 404, errorCode: 'NOT_ATLAS_ORG' });
    expect(sb.log.at(-1)).toMatchObject({ status: 404, orgId: org('Acme Retail').id, crossOrg: false });
  });
});

describe('DELETE /orgs/{orgId}/liveMigrations/linkTokens', () => {
  it("revokes every token of that Atlas org, and only that org's: a revoked token no longer links", async () => {
    const first = (await create('atlasinitech', 'Initech Finance (Atlas)')).json.linkToken as string;
    const second = (await create('atlasinitech', 'Initech Finance (Atlas)')).json.linkToken as string;
    const other = (await create('atlas', 'Acme Retail (Atlas)')).json.linkToken as string;
    const removed = await atlasCall(sb, 'atlasinitech', 'DELETE', tokensOf('Initech Finance (Atlas)'));
    expect([removed.status, removed.text]).toEqual([204, '']);
    // As recorded (TestLinkToken/Delete): the versioned media type even with no body, and the limit.
    expect(removed.headers.get('content-type')).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(removed.headers.get('ratelimit-limit')).toBe('500');
    const initech = sb.atlasTokens().filter((t) => t.atlasOrgId === org('Initech Finance (Atlas)').id);
    expect(initech.map((t) => t.revoked)).toEqual([true, true]);
    expect(sb.atlasTokens().at(-1)).toMatchObject({ atlasOrgId: org('Acme Retail (Atlas)').id, revoked: false });
    for (const token of [first, second]) {
      const refused = await link('globex', 'Globex Logistics', token);
      expect([refused.status, refused.json.errorCode]).toEqual([400, 'INVALID_LINK_TOKEN']);
      expect(JSON.stringify(refused.json)).not.toContain(token.slice(0, 40));
    }
    expect(sb.links.has(org('Globex Logistics').id)).toBe(false);
    expect((await link('globex', 'Globex Logistics', other)).status).toBe(201);
    // Nothing left to remove: the recorded 404 (TestLinkToken/DELETE_..._linkTokens_1), byte for byte.
    const again = await atlasCall(sb, 'atlasinitech', 'DELETE', tokensOf('Initech Finance (Atlas)'));
    expect([again.status, again.text, again.headers.get('x-error-code')]).toEqual([
      404,
      RECORDED_NO_LINK,
      'UNEXPECTED_ERROR',
    ]);
    expect([again.headers.get('content-type'), again.headers.get('ratelimit-limit')]).toEqual([
      'application/json',
      '500',
    ]);
  });

  it('refuses a token the sandbox never issued, as before', async () => {
    const r = await link('owner', 'Acme Retail', 'A'.repeat(224));
    expect([r.status, r.json.errorCode]).toEqual([400, 'INVALID_LINK_TOKEN']);
  });
});

describe('the per-org token bucket', () => {
  it('answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After once empty, per Atlas org, and refills', async () => {
    const limited = await startSandbox({
      httpsPort: 0,
      httpPort: 0,
      atlasRateLimit: { capacity: 2, refillPerSecond: 1 },
    });
    try {
      const acme = 'Acme Retail (Atlas)';
      expect((await create('atlas', acme, undefined, limited)).status).toBe(201);
      expect((await atlasCall(limited, 'atlas', 'DELETE', tokensOf(acme))).status).toBe(204);
      const refused = await create('atlas', acme, undefined, limited);
      expect(errorOf(refused)).toMatchObject({ status: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' });
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(limited.log.at(-1)).toMatchObject({ status: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' });
      // Another org's bucket is its own; reading the org is not limited.
      expect((await create('atlasglobex', 'Globex Logistics (Atlas)', undefined, limited)).status).toBe(201);
      expect((await atlasCall(limited, 'atlas', 'GET', `${A}/orgs/${org(acme).id}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await create('atlas', acme, undefined, limited)).status).toBe(201);
      expect(limited.atlasTokens()).toHaveLength(3);
      limited.setAtlasRateLimit(null);
      for (let i = 0; i < 4; i++) expect((await create('atlas', acme, undefined, limited)).status).toBe(201);
      const put = await fetch(`${limited.httpUrl}/__sandbox/atlas-rate-limit`, {
        method: 'PUT',
        body: JSON.stringify({ capacity: 1, refillPerSecond: 0.001 }),
      });
      expect(put.status).toBe(200);
      expect((await create('atlas', acme, undefined, limited)).status).toBe(201);
      expect((await create('atlas', acme, undefined, limited)).headers.get('retry-after')).toBe('1000');
    } finally {
      await limited.close();
    }
  });

  it('is off by default', async () => {
    for (let i = 0; i < 12; i++) expect((await create('atlasglobex', 'Globex Logistics (Atlas)')).status).toBe(201);
  });

  it('computes Retry-After from the refill rate, rounding up, and refuses a limit that never refills', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.3 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([undefined, undefined, undefined]);
    expect(buckets.take('a')).toBe(4); // 1 / 0.3 = 3.3 s
    now = 2_000;
    expect(buckets.take('a')).toBe(2); // 0.6 in the bucket: 0.4 / 0.3 = 1.3 s
    now = 4_000;
    expect(buckets.take('a')).toBeUndefined();
    expect(buckets.take('b')).toBeUndefined();
    now = 1_000_000;
    // Never more than capacity, however long it waited.
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([
      undefined,
      undefined,
      undefined,
      4,
    ]);
    expect(() => new TokenBuckets({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
    expect(() => buckets.setLimit({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
  });
});

describe('isAddressOrCidr', () => {
  it('takes IPv4 and IPv6 addresses and CIDR blocks within the family, nothing else', () => {
    for (const ok of [
      '0.0.0.0',
      '255.255.255.255',
      '198.51.100.0/24',
      '1.2.3.4/0',
      '::',
      '::1/128',
      'fe80::1',
      '2001:db8::/32',
    ]) {
      expect(isAddressOrCidr(ok), ok).toBe(true);
    }
    for (const bad of [
      '256.0.0.1',
      '1.2.3',
      '01.2.3.4',
      '1.2.3.4/33',
      '1.2.3.4/x',
      '::1/129',
      '1.2.3.4/24/1',
      'localhost',
      '',
      null,
      7,
      '[::1]',
    ]) {
      expect(isAddressOrCidr(bad), String(bad)).toBe(false);
    }
  });
});
