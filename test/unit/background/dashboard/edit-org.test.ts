// A row's own settings: 'dashboard/set-client' binds an org to one of its own key pairs (or to none) and never to
// another org's; 'dashboard/remove-org' forgets the org's status and binding (history and key pairs stay) but
// waits for a call or a refresh still running for it. Both repaint the tabs that show the org.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, OPS, orgId, orgPage, statuses } from './dash-fakes';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const api = vi.hoisted((): ApiLog => ({ calls: [] }));
vi.mock('../../../../src/background/api/api-clients', async () => (await import('./dash-fakes')).fakeApiClients(api));

const NOT_AN_ORG_ID = { ok: false, error: { kind: 'invalid-input', params: { variant: 'org-address' } } };
const NEUTRAL = { text: '', title: '', icon: '/icons/icon-16.png' };
const bindings = async (w: Awaited<ReturnType<typeof dashboardWorker>>) =>
  (await w.handlers['profiles/list']({})).map((p) => [p.label, p.orgIds]);

beforeEach(() => {
  api.calls = [];
});

describe('dashboard/set-client', () => {
  it('refuses what is not an org id or a key pair id, changing nothing', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const p = w.profiles[0]!.id;
    for (const bad of ['nope', 'A'.repeat(24), 42, undefined]) {
      expect(await w.send('dashboard/set-client', { orgId: bad, profileId: p })).toStrictEqual(NOT_AN_ORG_ID);
    }
    expect(await w.send('dashboard/set-client', { orgId: orgId(1), profileId: 7 })).toStrictEqual({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await w.send('dashboard/set-client', { orgId: orgId(1), profileId: 'gone' })).toStrictEqual({
      ok: false,
      error: { kind: 'no-profile' },
    });
    expect(await bindings(w)).toStrictEqual([['Client 1', [orgId(1)]]]);
  });

  it("unbinds with null, binds its own org's key pair again, and repaints the org's tabs", async () => {
    const w = await dashboardWorker(fake, api, 1);
    fake.tabs.push({ id: 7, url: orgPage(orgId(1)) }, { id: 8, url: orgPage(orgId(2)) });
    await w.orgState.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    expect(await w.send('dashboard/set-client', { orgId: orgId(1), profileId: null })).toStrictEqual({
      ok: true,
      value: null,
    });
    expect(await bindings(w)).toStrictEqual([['Client 1', []]]);
    expect(fake.badges.get(7)).toMatchObject({ text: '✓' });
    expect(fake.badges.has(8)).toBe(false);

    fake.badges.clear();
    await w.send('dashboard/set-client', { orgId: orgId(1), profileId: w.profiles[0]!.id });
    expect(await bindings(w)).toStrictEqual([['Client 1', [orgId(1)]]]);
    expect(fake.badges.get(7)).toMatchObject({ text: '✓' });
    // Unbinding an org never seen needs no status record either.
    expect(await w.send('dashboard/set-client', { orgId: orgId(9), profileId: null })).toStrictEqual({
      ok: true,
      value: null,
    });
    expect(statuses(fake)[orgId(9)]).toBeUndefined();
  });

  it('never binds a key pair of another org: names the org it belongs to', async () => {
    const w = await dashboardWorker(fake, api, 2);
    expect(await w.send('dashboard/set-client', { orgId: orgId(2), profileId: w.profiles[0]!.id })).toStrictEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgId(1), orgName: 'Org 001' } },
    });
    expect(await bindings(w)).toStrictEqual([
      ['Client 1', [orgId(1)]],
      ['Client 2', [orgId(2)]],
    ]);
  });

  it("a global key serves the orgs recorded on its server, not Cloud Manager's", async () => {
    const w = await dashboardWorker(fake, api, 1, true);
    const g = w.profiles.find((p) => p.label === 'Ops global')!;
    await w.orgState.saveOrgStatus(orgId(0xb1), { base: OPS });
    expect(await w.send('dashboard/set-client', { orgId: orgId(0xb1), profileId: g.id })).toStrictEqual({
      ok: true,
      value: null,
    });
    expect(await w.send('dashboard/set-client', { orgId: orgId(0xb2), profileId: g.id })).toStrictEqual({
      ok: false,
      error: { kind: 'key-other-org' },
    });
    expect(await bindings(w)).toStrictEqual([
      ['Client 1', [orgId(1)]],
      ['Ops global', [orgId(0xb1)]],
    ]);
  });
});

describe('dashboard/remove-org', () => {
  it("forgets the org's status and binding, keeps its history and key pair, and repaints its tabs", async () => {
    const w = await dashboardWorker(fake, api, 2);
    await w.orgState.saveOrgStatus(orgId(1), { status: 'SYNCED', checkedAt: 5 });
    const history = [{ time: 1, orgId: orgId(1), operation: 'link', result: 'SYNCED', ok: true }];
    fake.storage.data.local.set('history', history);
    fake.tabs.push({ id: 7, url: orgPage(orgId(1)) });
    fake.badges.set(7, { text: '✓', title: 'old', icon: '/icons/icon-synced-16.png' });

    expect(await w.send('dashboard/remove-org', { orgId: orgId(1) })).toStrictEqual({ ok: true, value: null });
    expect(Object.keys(statuses(fake))).toStrictEqual([orgId(2)]);
    expect(await bindings(w)).toStrictEqual([
      ['Client 1', []],
      ['Client 2', [orgId(2)]],
    ]);
    expect(fake.storage.data.local.get('history')).toStrictEqual(history);
    expect(fake.badges.get(7)).toMatchObject(NEUTRAL);
    expect(await w.send('dashboard/remove-org', { orgId: 'x' })).toStrictEqual(NOT_AN_ORG_ID);
  });

  it("waits for the org's call still running, naming it", async () => {
    const w = await dashboardWorker(fake, api, 1);
    let finish = () => {};
    const gate = new Promise<void>((r) => (finish = r));
    const call = w.orgState.runExclusive(orgId(1), 'link', () => gate);
    expect(await w.send('dashboard/remove-org', { orgId: orgId(1) })).toStrictEqual({
      ok: false,
      error: { kind: 'busy', params: { operation: 'link' } },
    });
    expect(statuses(fake)[orgId(1)]).toBeDefined();
    // Another org's call is no reason to wait.
    await w.orgState.saveOrgStatus(orgId(3), {});
    expect(await w.send('dashboard/remove-org', { orgId: orgId(3) })).toStrictEqual({ ok: true, value: null });
    finish();
    await call;
    expect(await w.send('dashboard/remove-org', { orgId: orgId(1) })).toStrictEqual({ ok: true, value: null });
    expect(statuses(fake)).toStrictEqual({});
  });

  it('waits for a refresh run still going, then removes', async () => {
    const w = await dashboardWorker(fake, api, 2);
    await w.handlers['dashboard/refresh-all']({ orgIds: [orgId(2)] });
    expect(await w.send('dashboard/remove-org', { orgId: orgId(1) })).toStrictEqual({
      ok: false,
      error: { kind: 'busy' },
    });
    await vi.waitFor(async () =>
      expect(await w.handlers['dashboard/progress']({})).toMatchObject({ state: 'finished' }),
    );
    expect(await w.send('dashboard/remove-org', { orgId: orgId(1) })).toStrictEqual({ ok: true, value: null });
    expect(Object.keys(statuses(fake))).toStrictEqual([orgId(2)]);
  });
});

describe('the refusals', () => {
  it('say the kind (and what is running), never the key pair', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const set = (orgId: unknown, profileId: unknown) =>
      w.handlers['dashboard/set-client']({ orgId, profileId } as never);
    await expect(set('nope', null)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(set(orgId(1), 7)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(set(orgId(1), 'gone')).rejects.toMatchObject({
      kind: 'no-profile',
    });
    let finish = () => {};
    const gate = new Promise<void>((r) => (finish = r));
    const call = w.orgState.runExclusive(orgId(1), 'unlink', () => gate);
    await expect(w.handlers['dashboard/remove-org']({ orgId: orgId(1) })).rejects.toMatchObject({
      kind: 'busy',
      message: 'busy',
      params: { operation: 'unlink' },
    });
    finish();
    await call;
  });
});
