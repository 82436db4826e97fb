// 'dashboard/add-org' names a row from the saved key pair of that very org: never hidden by a global key that
// serves the org too, never taken from an Atlas key pair (an Atlas org is no Cloud Manager org to list).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, key, OPS, orgId, orgPage, statuses } from './dash-fakes';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const api = vi.hoisted((): ApiLog => ({ calls: [] }));
vi.mock('../../../../src/background/api/api-clients', async () => (await import('./dash-fakes')).fakeApiClients(api));
// The Atlas API names the one Atlas org of an Atlas key pair: ATLAS for every key here.
vi.mock('../../../../src/background/vault/atlas-identity', () => ({
  identifyAtlasKey: async () => ({ kind: 'atlas-org', org: { id: 'a7'.repeat(12), name: 'Acme (Atlas)' } }),
}));

const ATLAS = 'a7'.repeat(12);

beforeEach(() => {
  api.calls = [];
});

describe('dashboard/add-org: the name of the row', () => {
  it('names an org from its own key pair even when a global key of its server could serve it too', async () => {
    const w = await dashboardWorker(fake, api, 1, true);
    await w.handlers['profiles/add']({ profile: { ...key(3), label: 'Ops client', baseUrl: OPS } });
    await w.handlers['dashboard/set-client']({ orgId: orgId(3), profileId: null });
    fake.storage.data.local.delete('orgStatus'); // the name learnt when the key pair was saved
    await w.send('dashboard/add-org', { input: orgPage(orgId(3), OPS) });
    expect(statuses(fake)[orgId(3)]).toStrictEqual({ orgId: orgId(3), base: OPS, name: 'Org 003' });
  });

  it("does not name a row with an Atlas key pair's org", async () => {
    const w = await dashboardWorker(fake, api, 1);
    await w.handlers['profiles/add']({
      profile: { ...key(7), label: 'Client 1', side: 'atlas', baseUrl: 'https://cloud.mongodb.com' },
    });
    fake.storage.data.local.delete('orgStatus');
    expect(await w.send('dashboard/add-org', { input: ATLAS })).toStrictEqual({ ok: true, value: { orgId: ATLAS } });
    expect(statuses(fake)[ATLAS]).toStrictEqual({ orgId: ATLAS });
    expect(api.calls).toStrictEqual([]);
  });
});
