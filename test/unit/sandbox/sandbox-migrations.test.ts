// The sandbox's Atlas side after the link (#34 item 6): availableProjects lists the linked org's projects with their
// deployments and migration hosts (spec field names), validation passes or fails by fixture (FCV too old), a
// migration walks NEW → WORKING (lag falling) → readyForCutover → cutover 202 → COMPLETE, or EXPIRED 120 hours after
// ready, on a clock the control endpoint moves; targets are listed; each answer in its spec's media type.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_TIMELINE } from '../../../sandbox/migration-store';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { A, atlasCall, errorOf } from './atlas-client';
import { digestRequest } from './digest-client';

const V2024 = 'application/vnd.atlas.2024-05-30+json';
const typed = (version: string) => `application/vnd.atlas.${version}+json;charset=utf-8`;

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterEach(async () => {
  await sb.close();
});

const org = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!;
const group = (name: string) => sb.fixture.groups.find((g) => g.name === name)!;
const ACME_ATLAS = () => org('Acme Retail (Atlas)').id;
const TARGET = () => group('acme-atlas-cluster').id;

/** Makes a link token on Acme's Atlas org and links Acme Retail (Cloud Manager) with it, as the extension does. */
async function linkAcme() {
  const made = await atlasCall(sb, 'atlas', 'POST', `${A}/orgs/${ACME_ATLAS()}/liveMigrations/linkTokens`);
  const key = sb.fixture.keys.find((k) => k.name === 'owner')!;
  const { response } = await digestRequest(sb.httpUrl!, {
    username: key.publicKey,
    password: key.privateKey,
    method: 'POST',
    path: `/api/public/v1.0/orgs/${org('Acme Retail').id}/liveExport/migrationLink`,
    body: JSON.stringify({ linkToken: made.json.linkToken }),
  });
  expect(response.status).toBe(201);
}

const available = (keyName = 'atlas') =>
  atlasCall(sb, keyName, 'GET', `${A}/orgs/${ACME_ATLAS()}/liveMigrations/availableProjects`);

const plan = (clusterName: string, overrides: Record<string, unknown> = {}) => ({
  source: { groupId: group('acme-prod').id, clusterName, managedAuthentication: true, ssl: true },
  destination: { groupId: TARGET(), clusterName: 'Cluster0', hostnameSchemaType: 'PUBLIC' },
  migrationHosts: ['vm001.acme-prod.example.com'],
  dropDestinationData: false,
  ...overrides,
});
const post = (path: string, body: unknown) =>
  atlasCall(sb, 'atlas', 'POST', `${A}/groups/${TARGET()}/liveMigrations${path}`, {
    accept: V2024,
    contentType: V2024,
    body: JSON.stringify(body),
  });
const get = (path: string) => atlasCall(sb, 'atlas', 'GET', `${A}/groups/${TARGET()}/liveMigrations${path}`);

describe('GET /orgs/{orgId}/liveMigrations/availableProjects', () => {
  it('is an empty list before any link, then the linked org projects with their deployments and hosts', async () => {
    const before = await available();
    expect([before.status, before.json]).toEqual([200, []]);
    expect(before.headers.get('content-type')).toBe(typed('2023-01-01'));

    await linkAcme();
    const r = await available();
    expect(r.status).toBe(200);
    expect(r.json.map((p: { name: string }) => p.name)).toEqual(['acme-prod', 'acme-staging']);
    const prod = r.json[0];
    expect(Object.keys(prod)).toEqual(['deployments', 'migrationHosts', 'name', 'projectId']);
    expect(prod.projectId).toBe(group('acme-prod').id);
    expect(prod.migrationHosts).toEqual(['vm001.acme-prod.example.com']);
    expect(prod.deployments[1]).toEqual({
      agentVersion: '12.0.33.7866-1',
      clusterId: '6400aa11bb22cc33dd44ee71',
      dbSizeBytes: 2147483648,
      featureCompatibilityVersion: '5.0',
      managed: true,
      mongoDBVersion: '5.0.26',
      name: 'legacy-catalog',
      oplogSizeMB: 990,
      sharded: false,
      tlsEnabled: false,
    });
    expect(r.json[1].migrationHosts).toEqual([]);
    expect(r.json[1].deployments[0]).toMatchObject({ sharded: true, shardsSize: 2 });
  });

  it('refuses a key without Organization Owner (401 USER_UNAUTHORIZED) and a revoked link lists nothing', async () => {
    await linkAcme();
    expect(errorOf(await available('atlasmember')).errorCode).toBe('USER_UNAUTHORIZED');
    await atlasCall(sb, 'atlas', 'DELETE', `${A}/orgs/${ACME_ATLAS()}/liveMigrations/linkTokens`);
    expect((await available()).json).toEqual([]);
  });
});

describe('targets: GET /orgs/{orgId}/groups and GET /groups/{groupId}/clusters', () => {
  it('lists the Atlas org projects and a project clusters, the clusters in the 2024-08-05 version only', async () => {
    const groups = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${ACME_ATLAS()}/groups`);
    expect(groups.status).toBe(200);
    expect(groups.json.totalCount).toBe(1);
    expect(groups.json.results[0]).toMatchObject({ id: TARGET(), name: 'acme-atlas-cluster', orgId: ACME_ATLAS() });
    const path = `${A}/groups/${TARGET()}/clusters`;
    expect(errorOf(await atlasCall(sb, 'atlas', 'GET', path)).errorCode).toBe('INVALID_VERSION_DATE');
    const clusters = await atlasCall(sb, 'atlas', 'GET', path, { accept: 'application/vnd.atlas.2024-08-05+json' });
    expect(clusters.headers.get('content-type')).toBe(typed('2024-08-05'));
    expect(clusters.json.results.map((c: { name: string }) => c.name)).toEqual(['Cluster0']);
  });

  it('answers a Cloud Manager project id as an unknown project, and another org key with the plain 401', async () => {
    const cm = await atlasCall(sb, 'atlas', 'GET', `${A}/groups/${group('acme-prod').id}/clusters`, {
      accept: 'application/vnd.atlas.2024-08-05+json',
    });
    expect(errorOf(cm).errorCode).toBe('GROUP_NOT_FOUND');
    const other = await atlasCall(sb, 'atlasglobex', 'GET', `${A}/orgs/${ACME_ATLAS()}/groups`);
    expect(other.status).toBe(401);
  });
});

describe('validation', () => {
  it('is PENDING, then SUCCESS for a 7.0 replica set, FAILED with the reason for an FCV 5.0 one', async () => {
    await linkAcme();
    const good = await post('/validate', plan('orders-rs'));
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe(typed('2024-05-30'));
    expect(good.json).toEqual({
      _id: expect.stringMatching(/^[a-f0-9]{24}$/),
      groupId: TARGET(),
      sourceGroupId: group('acme-prod').id,
      status: 'PENDING',
    });
    const bad = await post('/validate', plan('legacy-catalog'));
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    const passed = await get(`/validate/${good.json._id}`);
    expect([passed.json.status, passed.json.errorMessage]).toEqual(['SUCCESS', undefined]);
    expect(passed.headers.get('content-type')).toBe(typed('2023-01-01'));
    const failed = await get(`/validate/${bad.json._id}`);
    expect(failed.json.status).toBe('FAILED');
    expect(failed.json.errorMessage).toMatch(/featureCompatibilityVersion 5\.0 is too old/);
  });

  it('refuses the 2023-01-01 version on validate, a body without exactly one host, and an unknown id', async () => {
    await linkAcme();
    const old = await atlasCall(sb, 'atlas', 'POST', `${A}/groups/${TARGET()}/liveMigrations/validate`, {
      body: JSON.stringify(plan('orders-rs')),
    });
    expect(errorOf(old).errorCode).toBe('INVALID_VERSION_DATE');
    for (const migrationHosts of [[], ['a', 'b'], undefined]) {
      const r = await post('/validate', plan('orders-rs', { migrationHosts }));
      expect([r.status, r.json.errorCode, r.json.parameters]).toEqual([400, 'VALIDATION_ERROR', ['migrationHosts']]);
    }
    expect(errorOf(await get('/validate/0123456789abcdef01234567')).errorCode).toBe('RESOURCE_NOT_FOUND');
  });

  it('never echoes or keeps the source password', async () => {
    await linkAcme();
    const secret = 'Pa55-word-never-shown';
    const source = {
      ...plan('orders-rs').source,
      managedAuthentication: false,
      username: 'migrator',
      password: secret,
    };
    const r = await post('/validate', plan('orders-rs', { source }));
    const started = await post('', plan('orders-rs', { source }));
    expect(r.text + started.text + JSON.stringify(sb.migrations()) + JSON.stringify(sb.log)).not.toContain(secret);
  });
});

describe('a migration', () => {
  it('walks NEW → WORKING with the lag falling → ready for cutover → cutover 202 → COMPLETE', async () => {
    await linkAcme();
    const created = await post('', plan('orders-rs'));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe(typed('2024-05-30'));
    expect(created.json).toEqual({
      _id: expect.stringMatching(/^[a-f0-9]{24}$/),
      migrationHosts: ['vm001.acme-prod.example.com'],
      readyForCutover: false,
      status: 'NEW',
    });
    const id = created.json._id;
    const lags: number[] = [];
    sb.advanceClock(MIGRATION_TIMELINE.newMs);
    for (let i = 0; i < 4; i++) {
      const r = await get(`/${id}`);
      expect([r.json.status, r.json.readyForCutover]).toEqual(['WORKING', false]);
      lags.push(r.json.lagTimeSeconds);
      sb.advanceClock(MIGRATION_TIMELINE.syncMs / 5);
    }
    expect(lags).toEqual([...lags].sort((a, b) => b - a));
    expect(lags[0]).toBeGreaterThan(lags[3]!);
    // Not ready yet: a cutover is refused.
    expect(
      errorOf(await atlasCall(sb, 'atlas', 'PUT', `${A}/groups/${TARGET()}/liveMigrations/${id}/cutover`)).errorCode,
    ).toBe('VALIDATION_ERROR');
    sb.advanceClock(MIGRATION_TIMELINE.syncMs / 5);
    const ready = await get(`/${id}`);
    expect(ready.json).toMatchObject({ status: 'WORKING', readyForCutover: true });
    // The revoke is refused while it runs (the spec's 409), naming the source project.
    const revoke = await atlasCall(sb, 'atlas', 'DELETE', `${A}/orgs/${ACME_ATLAS()}/liveMigrations/linkTokens`);
    expect([revoke.status, revoke.json.detail]).toEqual([409, expect.stringContaining(group('acme-prod').id)]);

    const cutover = await atlasCall(sb, 'atlas', 'PUT', `${A}/groups/${TARGET()}/liveMigrations/${id}/cutover`);
    expect([cutover.status, cutover.text, cutover.headers.get('content-type')]).toEqual([202, '', typed('2023-01-01')]);
    const stopping = await get(`/${id}`);
    expect(stopping.json).toEqual({
      _id: id,
      migrationHosts: ['vm001.acme-prod.example.com'],
      readyForCutover: false,
      status: 'WORKING',
    });
    sb.advanceClock(MIGRATION_TIMELINE.cutoverMs);
    expect((await get(`/${id}`)).json.status).toBe('COMPLETE');
  });

  it('expires 120 hours after it became ready, moved there through the control endpoint', async () => {
    await linkAcme();
    const id = (await post('', plan('orders-rs'))).json._id;
    const move = (ms: number) =>
      fetch(`${sb.httpUrl}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
    await move(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs);
    expect((await get(`/${id}`)).json.readyForCutover).toBe(true);
    await move(120 * 3_600_000 - 1000);
    expect((await get(`/${id}`)).json.readyForCutover).toBe(true);
    await move(1000);
    const expired = await get(`/${id}`);
    expect(expired.json).toMatchObject({ status: 'EXPIRED', readyForCutover: false });
    expect(expired.json.lagTimeSeconds).toBeUndefined();
    const listed = (await (await fetch(`${sb.httpUrl}/__sandbox/migrations`)).json()) as { status: string }[];
    expect(listed.map((m) => m.status)).toEqual(['EXPIRED']);
  });

  it('fails once it runs when its source would not validate, and a start naming no known cluster is a 400', async () => {
    await linkAcme();
    const id = (await post('', plan('legacy-catalog'))).json._id;
    sb.advanceClock(MIGRATION_TIMELINE.newMs);
    expect((await get(`/${id}`)).json.status).toBe('FAILED');
    const unknown = await post('', plan('no-such-cluster'));
    expect([unknown.status, unknown.json.errorCode]).toEqual([400, 'VALIDATION_ERROR']);
  });
});
