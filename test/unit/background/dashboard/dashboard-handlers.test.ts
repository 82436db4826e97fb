// The dashboard's view and its "refresh all" messages through the real router: the view shows clients only while
// the vault is open (never a private key); a refresh needs an open vault, takes all known orgs or a valid list
// (deduplicated, at most 5000 ids), clamps and remembers the concurrency the user chose, and joins a run going.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, key, orgId, statuses } from './dash-fakes';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const api = vi.hoisted((): ApiLog => ({ calls: [] }));
vi.mock('../../../../src/background/api/api-clients', async () => (await import('./dash-fakes')).fakeApiClients(api));

type Worker = Awaited<ReturnType<typeof dashboardWorker>>;
const stored = (k: string) => fake.storage.data.local.get(k);
const finished = (w: Worker) =>
  vi.waitFor(async () => expect(await w.handlers['dashboard/progress']({})).toMatchObject({ state: 'finished' }));

beforeEach(() => {
  api.calls = [];
});

describe('dashboard/view', () => {
  it('with no vault: no profiles, the visited orgs, the default concurrency, no run', async () => {
    const w = await dashboardWorker(fake, api, 0);
    fake.storage.data.local.set('orgStatus', { [orgId(4)]: { orgId: orgId(4), status: 'NOT_LINKED' } });
    expect(await w.send('dashboard/view', {})).toStrictEqual({
      ok: true,
      value: {
        vault: 'empty',
        profiles: [],
        rows: [{ orgId: orgId(4), status: 'NOT_LINKED' }],
        concurrency: 4,
        refresh: undefined,
      },
    });
  });

  it('unlocked: public profiles and each row with its client; locked: the rows without clients', async () => {
    const w = await dashboardWorker(fake, api, 2);
    fake.storage.data.local.set('dashboardConcurrency', 20);
    const view = await w.handlers['dashboard/view']({});
    expect(view).toMatchObject({ vault: 'unlocked', concurrency: 8 });
    expect(JSON.stringify(view)).not.toContain(key(1).privateKey);
    expect(view.profiles).toStrictEqual(w.profiles);
    expect(view.profiles.map((p) => p.label)).toStrictEqual(['Client 1', 'Client 2']);
    expect(view.rows).toStrictEqual([
      { orgId: orgId(1), name: 'Org 001', profileId: w.profiles[0]!.id, profileLabel: 'Client 1' },
      { orgId: orgId(2), name: 'Org 002', profileId: w.profiles[1]!.id, profileLabel: 'Client 2' },
    ]);

    await w.lockNow();
    fake.storage.data.local.set('dashboardConcurrency', 2);
    expect(await w.handlers['dashboard/view']({})).toStrictEqual({
      vault: 'locked',
      profiles: [],
      rows: [
        { orgId: orgId(1), name: 'Org 001' },
        { orgId: orgId(2), name: 'Org 002' },
      ],
      concurrency: 2,
      refresh: undefined,
    });
  });

  it('shows the run going', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const started = await w.handlers['dashboard/refresh-all']({});
    const view = await w.handlers['dashboard/view']({});
    expect(view.refresh).toMatchObject({ runId: started.runId, total: 1 });
    await finished(w);
  });
});

describe('dashboard/refresh-all', () => {
  it('locked: one clear answer, and no run starts', async () => {
    const w = await dashboardWorker(fake, api, 1);
    await w.lockNow();
    expect(await w.send('dashboard/refresh-all', {})).toStrictEqual({ ok: false, error: { kind: 'vault-locked' } });
    expect(await w.send('dashboard/progress', {})).toStrictEqual({ ok: true, value: null });
    expect(api.calls).toStrictEqual([]);
  });

  it('without a list checks every known org, at the stored concurrency, which it leaves as it is', async () => {
    const w = await dashboardWorker(fake, api, 2);
    await w.orgState.saveOrgStatus(orgId(3), {}); // added, no key pair: its check fails on its row
    fake.storage.data.local.set('dashboardConcurrency', 2);
    const run = await w.handlers['dashboard/refresh-all']({});
    expect(run).toMatchObject({ state: 'running', total: 3, maxConcurrency: 2 });
    expect(run.items.map((i) => i.orgId).sort()).toStrictEqual([orgId(1), orgId(2), orgId(3)]);
    await finished(w);
    expect(await w.handlers['dashboard/progress']({})).toMatchObject({ succeeded: 2, failed: 1 });
    expect(api.calls.sort()).toStrictEqual([`status ${orgId(1)}`, `status ${orgId(2)}`]);
    expect(statuses(fake)[orgId(1)]).toMatchObject({ status: 'SYNCED' });
    expect(stored('dashboardConcurrency')).toBe(2);
  });

  it('without a concurrency chosen, stores no choice (the default stays the default)', async () => {
    const w = await dashboardWorker(fake, api, 1);
    expect(await w.handlers['dashboard/refresh-all']({})).toMatchObject({ total: 1, maxConcurrency: 4 });
    await finished(w);
    expect(fake.storage.data.local.has('dashboardConcurrency')).toBe(false);
  });

  it('takes a list once per org, with the concurrency chosen (clamped and remembered)', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const run = await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(2), orgId(2), orgId(1)], concurrency: 99 });
    expect(run).toMatchObject({ total: 2, maxConcurrency: 8 });
    expect(run.items.map((i) => i.orgId)).toStrictEqual([orgId(2), orgId(1)]);
    expect(stored('dashboardConcurrency')).toBe(8);
    await finished(w);
    await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(1)], concurrency: 0 });
    expect(stored('dashboardConcurrency')).toBe(1);
    await finished(w);
  });

  it('refuses a list that is not one of at most 5000 org ids, starting nothing', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => orgId(0x10000 + i));
    const refused = { ok: false, error: { kind: 'invalid-input' } };
    for (const orgIds of [orgId(1), [orgId(1), 'nope'], [7], ids(5001), null]) {
      expect(await w.send('dashboard/refresh-all', { orgIds, concurrency: 3 })).toStrictEqual(refused);
    }
    expect(await w.handlers['dashboard/progress']({})).toBeNull();
    expect(stored('dashboardConcurrency')).toBeUndefined();
    await expect(w.handlers['dashboard/refresh-all']({ orgIds: ['nope'] })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    const run = await w.handlers['dashboard/refresh-all']({ orgIds: ids(5000), concurrency: 8 });
    expect(run.total).toBe(5000);
    await w.handlers['dashboard/cancel']({});
    await vi.waitFor(async () =>
      expect(await w.handlers['dashboard/progress']({})).toMatchObject({ state: 'cancelled' }),
    );
  });

  it('joins the run going: same run, same orgs, the concurrency chosen is not saved', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const first = await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(1)], concurrency: 3 });
    const again = await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(2)], concurrency: 6 });
    expect(again).toMatchObject({ runId: first.runId, total: 1, maxConcurrency: 3 });
    expect(stored('dashboardConcurrency')).toBe(3);
    await finished(w);
    expect(api.calls).toStrictEqual([`status ${orgId(1)}`]);
  });
});

describe('dashboard/progress and dashboard/cancel', () => {
  it('progress gives the changes after `since` when it is a number, all of them otherwise', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const run = await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(1), orgId(2)], concurrency: 1 });
    await finished(w);
    const all = (await w.handlers['dashboard/progress']({}))!;
    expect(all.items.map((i) => [i.orgId, i.state])).toStrictEqual([
      [orgId(1), 'ok'],
      [orgId(2), 'ok'],
    ]);
    expect((await w.send('dashboard/progress', { since: 'x' })) as never).toMatchObject({
      value: { items: all.items },
    });
    const later = (await w.handlers['dashboard/progress']({ since: all.seq - 1 }))!;
    expect(later.items.map((i) => i.orgId)).toStrictEqual([orgId(2)]);
    expect(later.runId).toBe(run.runId);
  });

  it('cancel stops the run going, and says nothing when none ran', async () => {
    const w = await dashboardWorker(fake, api, 2);
    expect(await w.send('dashboard/cancel', {})).toStrictEqual({ ok: true, value: null });
    await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(1), orgId(2)], concurrency: 1 });
    expect(await w.handlers['dashboard/cancel']({})).toMatchObject({ state: 'cancelling', total: 2 });
    await vi.waitFor(async () =>
      expect(await w.handlers['dashboard/progress']({})).toMatchObject({ state: 'cancelled', skipped: 1 }),
    );
  });
});
