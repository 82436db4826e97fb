// Protects what the API client makes of ids and answers (api.ts, issue #18): the invalid-id variant each call names,
// the operation each call decodes its errors with (a bare 404 is not-linked, org-not-found or group-not-found), the
// link status and org answers checked exactly, and paging that trusts only a numeric totalCount.
import { describe, expect, it } from 'vitest';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { fakeCloudManager, json, type Reply } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const OTHER = '5f1a2b3c4d5e6f7a8b9c0d1f';
const GROUP = '60aa11bb22cc33dd44ee55ff';
const ROOT = '/api/public/v1.0';
const LINK = `${ROOT}/orgs/${ORG}/liveExport/migrationLink`;

function setup(routes: Record<string, Reply[]>) {
  const server = fakeCloudManager(routes);
  const api = createCloudManagerApi({
    baseUrl: 'https://cloud.mongodb.com',
    fetch: server.fetch,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  return { api, requests: server.requests };
}

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

const empty200 = () => new Response('', { status: 200 });

describe('an id that is not one', () => {
  it.each([
    ['linkOrganization', (api: ReturnType<typeof setup>['api']) => api.linkOrganization('nope', 'token'), 'org'],
    ['unlinkOrganization', (api: ReturnType<typeof setup>['api']) => api.unlinkOrganization('nope'), 'org'],
    ['linkStatus', (api: ReturnType<typeof setup>['api']) => api.linkStatus('nope'), 'org'],
    ['organization', (api: ReturnType<typeof setup>['api']) => api.organization('nope'), 'org'],
    ['projectsOf', (api: ReturnType<typeof setup>['api']) => api.projectsOf('nope'), 'org'],
    ['orgOfGroup', (api: ReturnType<typeof setup>['api']) => api.orgOfGroup('nope'), 'group'],
  ])('%s refuses it as invalid-id (%s) without a request', async (_, call, variant) => {
    const { api, requests } = setup({});
    const error = await failure(call(api));
    expect([error.kind, error.variant]).toEqual(['invalid-id', variant]);
    expect(requests).toHaveLength(0);
  });
});

describe('a bare 404 decoded with the operation of its call', () => {
  it('unlink: no link is what was asked for', async () => {
    const { api } = setup({ [`DELETE ${LINK}`]: [json(404, {})] });
    await expect(api.unlinkOrganization(ORG)).resolves.toBeUndefined();
  });

  it('organization: org-not-found', async () => {
    const { api } = setup({ [`GET ${ROOT}/orgs/${ORG}`]: [json(404, {})] });
    expect((await failure(api.organization(ORG))).kind).toBe('org-not-found');
  });

  it('orgOfGroup: group-not-found', async () => {
    const { api } = setup({ [`GET ${ROOT}/groups/${GROUP}`]: [json(404, {})] });
    expect((await failure(api.orgOfGroup(GROUP))).kind).toBe('group-not-found');
  });

  it('ownOrgs and projectsOf: org-not-found', async () => {
    const { api } = setup({
      [`GET ${ROOT}/orgs`]: [json(404, {})],
      [`GET ${ROOT}/orgs/${ORG}/groups`]: [json(404, {})],
    });
    expect((await failure(api.ownOrgs())).kind).toBe('org-not-found');
    expect((await failure(api.projectsOf(ORG))).kind).toBe('org-not-found');
  });
});

describe('the link status answer', () => {
  it('an unknown status from the status call is unexpected-response, default variant', async () => {
    const { api } = setup({ [`GET ${LINK}/status`]: [json(200, { status: 'WEIRD' })] });
    const error = await failure(api.linkStatus(ORG));
    expect([error.kind, error.variant]).toEqual(['unexpected-response', 'default']);
  });

  it('a status that is not a string is unexpected-response', async () => {
    const { api } = setup({ [`POST ${LINK}`]: [json(201, { status: ['SYNCED'] })] });
    const error = await failure(api.linkOrganization(ORG, 'token'));
    expect([error.kind, error.variant]).toEqual(['unexpected-response', 'after-link']);
  });
});

describe('organization and orgOfGroup answers', () => {
  it('organization: the same id or none is taken, another id is refused', async () => {
    const same = setup({ [`GET ${ROOT}/orgs/${ORG}`]: [json(200, { id: ORG, name: 'Org' })] });
    await expect(same.api.organization(ORG)).resolves.toEqual({ id: ORG, name: 'Org' });
    const none = setup({ [`GET ${ROOT}/orgs/${ORG}`]: [json(200, { name: 'Org' })] });
    await expect(none.api.organization(ORG)).resolves.toEqual({ id: ORG, name: 'Org' });
    const other = setup({ [`GET ${ROOT}/orgs/${ORG}`]: [json(200, { id: OTHER, name: 'Org' })] });
    expect((await failure(other.api.organization(ORG))).kind).toBe('unexpected-response');
  });

  it('organization and orgOfGroup: an empty 200 is unexpected-response, never a crash', async () => {
    const { api } = setup({ [`GET ${ROOT}/orgs/${ORG}`]: [empty200], [`GET ${ROOT}/groups/${GROUP}`]: [empty200] });
    expect((await failure(api.organization(ORG))).kind).toBe('unexpected-response');
    expect((await failure(api.orgOfGroup(GROUP))).kind).toBe('unexpected-response');
  });

  it.each([[42], ['nope'], [undefined]])('orgOfGroup: an orgId of %j is unexpected-response', async (orgId) => {
    const { api } = setup({ [`GET ${ROOT}/groups/${GROUP}`]: [json(200, { orgId, name: 'P' })] });
    expect((await failure(api.orgOfGroup(GROUP))).kind).toBe('unexpected-response');
  });

  it('orgOfGroup: a well-formed answer', async () => {
    const { api } = setup({ [`GET ${ROOT}/groups/${GROUP}`]: [json(200, { orgId: ORG, name: 'P' })] });
    await expect(api.orgOfGroup(GROUP)).resolves.toEqual({ groupId: GROUP, orgId: ORG, name: 'P' });
  });
});

describe('paging', () => {
  const org = (i: number) => ({ id: i.toString(16).padStart(24, '0'), name: `Org ${i}` });
  const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => org(from + i));

  it('a totalCount that is not a number is ignored: a full page is followed by the next', async () => {
    const { api, requests } = setup({
      [`GET ${ROOT}/orgs`]: [
        json(200, { results: page(0, 500), totalCount: '1' }),
        json(200, { results: page(500, 2), totalCount: '1' }),
      ],
    });
    expect(await api.ownOrgs()).toHaveLength(502);
    expect(requests.map((r) => r.url.slice(r.url.indexOf('?')))).toEqual([
      '?itemsPerPage=500&pageNum=1',
      '?itemsPerPage=500&pageNum=2',
    ]);
  });

  it.each([['a string'], [7], [true]])('an entry that is %j is unexpected-response', async (entry) => {
    const { api } = setup({ [`GET ${ROOT}/orgs`]: [json(200, { results: [org(1), entry], totalCount: 2 })] });
    expect((await failure(api.ownOrgs())).kind).toBe('unexpected-response');
  });
});
