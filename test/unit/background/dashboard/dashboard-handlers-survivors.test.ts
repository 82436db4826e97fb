// The dashboard's "create and link" and Atlas target messages through the real router: a link run takes a valid
// list once per org (rows without a target skipped with why), at the concurrency chosen (clamped) or else the one
// stored, refuses a bad list naming what it was for, and joins any run going without starting another; a row's
// Atlas target (one or a list) is saved and answered as the page expects.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, key, orgId, statuses } from './dash-fakes';

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
type Worker = Awaited<ReturnType<typeof dashboardWorker>>;
const finished = (w: Worker) =>
  vi.waitFor(async () => expect(await w.handlers['dashboard/progress']({})).toMatchObject({ state: 'finished' }));

beforeEach(() => {
  api.calls = [];
});

describe('dashboard/link-run', () => {
  it('takes the list once per org at the concurrency chosen (clamped), skipping rows with no target', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const reply = await w.send('dashboard/link-run', { orgIds: [orgId(2), orgId(1), orgId(2)], concurrency: 99 });
    expect(reply).toMatchObject({ ok: true, value: { kind: 'link', total: 2, skipped: 2, maxConcurrency: 8 } });
    const run = (reply as { value: { items: { orgId: string; skipReason?: string }[] } }).value;
    expect(run.items.map((i) => [i.orgId, i.skipReason])).toStrictEqual([
      [orgId(2), 'no-target'],
      [orgId(1), 'no-target'],
    ]);
    await finished(w);
    expect(api.calls).toStrictEqual([]);
  });

  it('without a concurrency chosen, runs at the stored one', async () => {
    const w = await dashboardWorker(fake, api, 1);
    fake.storage.data.local.set('dashboardConcurrency', 3);
    expect(await w.handlers['dashboard/link-run']({ orgIds: [orgId(1)] })).toMatchObject({
      kind: 'link',
      maxConcurrency: 3,
    });
    await finished(w);
    expect(await w.handlers['dashboard/link-run']({ orgIds: [orgId(1)], concurrency: 2 })).toMatchObject({
      maxConcurrency: 2,
    });
    await finished(w);
  });

  it('refuses a bad list as one of orgs to link, starting nothing', async () => {
    const w = await dashboardWorker(fake, api, 1);
    await expect(w.handlers['dashboard/link-run']({ orgIds: ['nope'] })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    expect(await w.handlers['dashboard/progress']({})).toBeNull();
  });

  it('joins the run going (a refresh) whatever it is sent, and starts no other', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const going = await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(1), orgId(2)], concurrency: 1 });
    const joined = await w.send('dashboard/link-run', { orgIds: 'not a list' });
    expect(joined).toMatchObject({ ok: true, value: { runId: going.runId, kind: 'refresh', total: 2 } });
    await finished(w);
  });
});

describe('dashboard/set-atlas-target and set-atlas-targets', () => {
  it("save a row's target to an Atlas org of its client and answer null, then the number saved", async () => {
    const w = await dashboardWorker(fake, api, 2);
    await w.handlers['profiles/add']({
      profile: { ...key(7), label: 'Client 1', side: 'atlas', baseUrl: 'https://cloud.mongodb.com' },
    });
    expect(await w.send('dashboard/set-atlas-target', { orgId: orgId(1), atlasOrgId: ATLAS })).toStrictEqual({
      ok: true,
      value: null,
    });
    expect(statuses(fake)[orgId(1)]).toMatchObject({ atlasOrgId: ATLAS });
    const targets = [
      { orgId: orgId(1), atlasOrgId: null },
      { orgId: orgId(2), atlasOrgId: null },
    ];
    expect(await w.send('dashboard/set-atlas-targets', { targets })).toStrictEqual({ ok: true, value: { saved: 2 } });
    expect(statuses(fake)[orgId(1)]?.atlasOrgId).toBeUndefined();
  });
});
