// 'dashboard/add-org': an org is added by its id or by the address of one of its Cloud Manager (or granted Ops
// Manager) pages, a project page through the projects learnt per key pair or with the client the user chose; the
// row names the org when a key pair of it is saved; a key pair of another org is refused by name, and a refused
// input stores nothing and never echoes what was pasted.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, groupOf, OPS, orgId, orgPage, projectPage, statuses } from './dash-fakes';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const api = vi.hoisted((): ApiLog => ({ calls: [] }));
vi.mock('../../../../src/background/api/api-clients', async () => (await import('./dash-fakes')).fakeApiClients(api));

const NOT_AN_ORG = { ok: false, error: { kind: 'invalid-input', params: { variant: 'org-address' } } };
const clientOf = (w: { profiles: { id: string; label: string }[] }, n: number) => w.profiles[n - 1]!;

beforeEach(() => {
  api.calls = [];
});

describe('dashboard/add-org: what the user pasted', () => {
  it('refuses anything that is not an org id or org/project address, storing nothing', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const before = structuredClone(statuses(fake));
    for (const input of ['hello', `https://example.com/v2#/org/${orgId(5)}`, orgPage(orgId(5), OPS), 'a'.repeat(23)]) {
      expect(await w.send('dashboard/add-org', { input })).toStrictEqual(NOT_AN_ORG);
    }
    expect(await w.send('dashboard/add-org', { input: 42 })).toStrictEqual(NOT_AN_ORG);
    expect(await w.send('dashboard/add-org', { input: ' '.repeat(2049 - 24) + orgId(5) })).toStrictEqual(NOT_AN_ORG);
    expect(statuses(fake)).toStrictEqual(before);
    expect(api.calls).toStrictEqual([]);
  });

  it('takes an id (padded up to 2048 characters) as an unchecked row with no base and no client', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const row = await w.send('dashboard/add-org', { input: ' '.repeat(2048 - 24) + orgId(5) });
    expect(row).toStrictEqual({ ok: true, value: { orgId: orgId(5) } });
    expect(statuses(fake)[orgId(5)]).toStrictEqual({ orgId: orgId(5) });
    expect(api.calls).toStrictEqual([]);
  });

  it('takes a Cloud Manager org page without recording Cloud Manager as a base', async () => {
    const w = await dashboardWorker(fake, api, 1);
    expect(await w.send('dashboard/add-org', { input: `  ${orgPage(orgId(7))} ` })).toStrictEqual({
      ok: true,
      value: { orgId: orgId(7) },
    });
    expect(statuses(fake)[orgId(7)]).toStrictEqual({ orgId: orgId(7) });
  });

  it('takes an org page of a granted Ops Manager server, recording the server', async () => {
    const w = await dashboardWorker(fake, api, 1);
    fake.origins.push(`${OPS}/*`);
    const reply = await w.send('dashboard/add-org', { input: orgPage(orgId(7), OPS) });
    expect(reply).toStrictEqual({ ok: true, value: { orgId: orgId(7), base: OPS } });
    expect(statuses(fake)[orgId(7)]).toStrictEqual({ orgId: orgId(7), base: OPS });
  });

  it("names the org and its client when a key pair of it is saved, among the other orgs' rows", async () => {
    const w = await dashboardWorker(fake, api, 2);
    fake.storage.data.local.delete('orgStatus'); // the names learnt when the key pairs were saved
    await w.send('dashboard/add-org', { input: orgId(9) });
    const row = await w.send('dashboard/add-org', { input: orgId(2) });
    const c = clientOf(w, 2);
    expect(row).toStrictEqual({
      ok: true,
      value: { orgId: orgId(2), name: 'Org 002', profileId: c.id, profileLabel: 'Client 2' },
    });
    expect(statuses(fake)[orgId(2)]).toStrictEqual({ orgId: orgId(2), name: 'Org 002' });
    expect(api.calls).toStrictEqual([]);
  });
});

describe('dashboard/add-org: project pages', () => {
  it('resolves a project the saved key pairs know, without a call', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const reply = await w.send('dashboard/add-org', { input: projectPage(groupOf(2)) });
    expect(reply).toMatchObject({ ok: true, value: { orgId: orgId(2), name: 'Org 002', profileLabel: 'Client 2' } });
    expect(api.calls).toStrictEqual([]);
    expect(fake.storage.data.local.get('groupOrg')).toStrictEqual({
      [groupOf(2)]: { orgId: orgId(2), name: 'Project of 002' },
    });
  });

  it('asks which client an unknown project is of (an empty client counts as none), storing nothing', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const before = structuredClone(statuses(fake));
    const asked = { ok: false, error: { kind: 'no-profile', params: { variant: 'project-client' } } };
    expect(await w.send('dashboard/add-org', { input: projectPage(groupOf(3)) })).toStrictEqual(asked);
    expect(await w.send('dashboard/add-org', { input: projectPage(groupOf(3)), profileId: '' })).toStrictEqual(asked);
    expect(statuses(fake)).toStrictEqual(before);
    expect(api.calls).toStrictEqual([]);
  });

  it('with the client chosen: a project it knows needs no call, another is read afresh and refused', async () => {
    const w = await dashboardWorker(fake, api, 3);
    const c = clientOf(w, 3);
    // A project the chosen key pair learnt when it was saved needs no call; one it does not know is read afresh.
    const reply = await w.send('dashboard/add-org', { input: projectPage(groupOf(3)), profileId: c.id });
    expect(reply).toMatchObject({ ok: true, value: { orgId: orgId(3), profileId: c.id } });
    expect(api.calls).toStrictEqual([]); // known from the save: no call needed
    const other = await w.send('dashboard/add-org', { input: projectPage(groupOf(5)), profileId: c.id });
    expect(other).toStrictEqual({
      ok: false,
      error: { kind: 'no-profile', params: { variant: 'project-elsewhere', orgId: orgId(3), orgName: 'Org 003' } },
    });
    expect(api.calls).toStrictEqual([`projects ${orgId(3)}`]);
    expect(statuses(fake)[orgId(5)]).toBeUndefined();
  });

  it('with a global Ops Manager key chosen, asks its server for the project and records the server', async () => {
    const w = await dashboardWorker(fake, api, 1, true);
    const g = w.profiles.find((p) => p.label === 'Ops global')!;
    const reply = await w.send('dashboard/add-org', { input: projectPage(groupOf(0xa2), OPS), profileId: g.id });
    expect(reply).toStrictEqual({
      ok: true,
      value: { orgId: orgId(0xa2), base: OPS, profileId: g.id, profileLabel: 'Ops global' },
    });
    expect(api.calls).toStrictEqual([`group ${groupOf(0xa2)}`]);
    expect((await w.handlers['profiles/list']({})).find((p) => p.id === g.id)?.orgIds).toContain(orgId(0xa2));
  });
});

describe('dashboard/add-org: the client chosen', () => {
  it("binds the org to its own org's key pair", async () => {
    const w = await dashboardWorker(fake, api, 2);
    await w.handlers['dashboard/set-client']({ orgId: orgId(2), profileId: null });
    const c = clientOf(w, 2);
    const reply = await w.send('dashboard/add-org', { input: orgId(2), profileId: c.id });
    expect(reply).toMatchObject({ ok: true, value: { orgId: orgId(2), profileId: c.id, profileLabel: 'Client 2' } });
    expect((await w.handlers['profiles/list']({}))[1]?.orgIds).toStrictEqual([orgId(2)]);
  });

  it('refuses a key pair of another org by its name, and a key pair no longer saved; nothing is stored', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const before = structuredClone(statuses(fake));
    expect(await w.send('dashboard/add-org', { input: orgId(5), profileId: clientOf(w, 1).id })).toStrictEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgId(1), orgName: 'Org 001' } },
    });
    expect(await w.send('dashboard/add-org', { input: orgId(5), profileId: 'gone' })).toStrictEqual({
      ok: false,
      error: { kind: 'no-profile' },
    });
    expect(statuses(fake)).toStrictEqual(before);
    expect((await w.handlers['profiles/list']({})).map((p) => p.orgIds)).toStrictEqual([[orgId(1)], [orgId(2)]]);
  });

  it("a global key serves its own server's orgs only: an org added by bare id is Cloud Manager's", async () => {
    const w = await dashboardWorker(fake, api, 1, true);
    const g = w.profiles.find((p) => p.label === 'Ops global')!;
    expect(await w.send('dashboard/add-org', { input: orgId(0xa1), profileId: g.id })).toStrictEqual({
      ok: false,
      error: { kind: 'key-other-org' },
    });
    const reply = await w.send('dashboard/add-org', { input: orgPage(orgId(0xa1), OPS), profileId: g.id });
    // No name: a global key is of no one org.
    expect(reply).toStrictEqual({
      ok: true,
      value: { orgId: orgId(0xa1), base: OPS, profileId: g.id, profileLabel: 'Ops global' },
    });
    expect(statuses(fake)[orgId(0xa1)]).toStrictEqual({ orgId: orgId(0xa1), base: OPS });
  });
});

describe('dashboard/add-org: answers', () => {
  it("the worker's error texts never repeat what was pasted (it may be a token)", async () => {
    const w = await dashboardWorker(fake, api, 1);
    const pasted = 'ghp_s3cretToken0123456789abcdefABCDEF';
    const add = (input: string, profileId?: string) => w.handlers['dashboard/add-org']({ input, profileId });
    await expect(add(pasted)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(add(projectPage(groupOf(3)))).rejects.toMatchObject({
      kind: 'no-profile',
    });
    await expect(add(orgId(3), 'gone')).rejects.toMatchObject({
      kind: 'no-profile',
    });
  });

  it('an org removed by another page right after it was saved still answers with its id', async () => {
    const w = await dashboardWorker(fake, api, 1);
    fake.storage.hold(true);
    const reply = w.send('dashboard/add-org', { input: orgId(9) });
    // Bounded by time, not turns: the vault's decryption runs on other threads and takes longer on a busy machine.
    for (const deadline = Date.now() + 10_000; !statuses(fake)[orgId(9)] && Date.now() < deadline; ) {
      await new Promise((resolve) => setImmediate(resolve));
      fake.storage.pending.shift()?.release();
    }
    expect(statuses(fake)[orgId(9)]).toStrictEqual({ orgId: orgId(9) });
    const { [orgId(9)]: _saved, ...rest } = statuses(fake);
    fake.storage.data.local.set('orgStatus', rest);
    fake.storage.hold(false);
    expect(await reply).toStrictEqual({ ok: true, value: { orgId: orgId(9) } });
    expect(statuses(fake)[orgId(9)]).toBeUndefined();
  });
});
