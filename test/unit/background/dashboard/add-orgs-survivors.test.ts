// Batch setup's edges, through the real router: the exact limits of a list (MAX_BATCH entries, a 2048-character
// input, a 200-character key pair id or client), the refusal a malformed list gets (one invalid-input for the
// whole list, never an internal error), which refusal an entry gets when several apply (a vanished or Atlas key
// pair, a key pair of another org before its Atlas target), an Atlas target saved with the org, the key pair each
// row gets when a client has several that serve it (the org's own first), and a row whose assignment fails midway.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, key, OPS, orgId, statuses } from './dash-fakes';

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
const INVALID = { ok: false, error: { kind: 'invalid-input' } };
type Worker = Awaited<ReturnType<typeof dashboardWorker>>;

beforeEach(() => {
  api.calls = [];
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A worker with key pairs of orgs 1..n whose rows were removed: the key pairs are saved, the orgs not listed. */
async function withUnlistedOrgs(n: number) {
  const w = await dashboardWorker(fake, api, n);
  for (let i = 1; i <= n; i++) await w.send('dashboard/remove-org', { orgId: orgId(i) });
  return w;
}

/** Saves client 1's Atlas key pair (of the Atlas org ATLAS) and answers its id. */
async function addAtlasKeyPair(w: Worker): Promise<string> {
  const { profile } = await w.handlers['profiles/add']({
    profile: { ...key(7), label: 'Client 1', side: 'atlas', baseUrl: 'https://cloud.mongodb.com' },
  });
  return profile.id;
}

const results = (reply: unknown) => (reply as { ok: true; value: { results: unknown[] } }).value.results;

describe('dashboard/add-orgs: the limits of a list', () => {
  it('takes a list of exactly MAX_BATCH (1000) entries and answers each one', async () => {
    const w = await withUnlistedOrgs(1);
    const entries = Array.from({ length: 1000 }, (_, i) => ({ input: orgId(100 + i), profileId: 'gone' }));
    const reply = await w.send('dashboard/add-orgs', { entries });
    expect(results(reply)).toHaveLength(1000);
    expect(results(reply)[999]).toStrictEqual({ ok: false, error: { kind: 'no-profile' } });
  });

  it('takes an input of exactly 2048 characters as an entry (not an org address), one more refuses the list', async () => {
    const w = await withUnlistedOrgs(1);
    expect(await w.send('dashboard/add-orgs', { entries: [{ input: 'x'.repeat(2048) }] })).toStrictEqual({
      ok: true,
      value: { results: [{ ok: false, error: { kind: 'invalid-input', params: { variant: 'org-address' } } }] },
    });
    expect(await w.send('dashboard/add-orgs', { entries: [{ input: 'x'.repeat(2049) }] })).toStrictEqual(INVALID);
  });

  it('takes a key pair id of exactly 200 characters as an entry; one more, or one that is no text, refuses the list', async () => {
    const w = await withUnlistedOrgs(1);
    const entry = (length: number) => ({ input: orgId(9), profileId: 'p'.repeat(length) });
    expect(await w.send('dashboard/add-orgs', { entries: [entry(200)] })).toStrictEqual({
      ok: true,
      value: { results: [{ ok: false, error: { kind: 'no-profile' } }] },
    });
    expect(await w.send('dashboard/add-orgs', { entries: [entry(201)] })).toStrictEqual(INVALID);
    const listId = { input: orgId(9), profileId: ['p'] };
    expect(await w.send('dashboard/add-orgs', { entries: [listId] })).toStrictEqual(INVALID);
    expect(statuses(fake)[orgId(9)]).toBeUndefined();
  });

  it('refuses a list with an empty slot as invalid (not an internal error), saying the list is not valid', async () => {
    const w = await withUnlistedOrgs(1);
    expect(await w.send('dashboard/add-orgs', { entries: [{ input: orgId(9) }, undefined] })).toStrictEqual(INVALID);
    await expect(w.handlers['dashboard/add-orgs']({ entries: [] })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    expect(statuses(fake)[orgId(9)]).toBeUndefined();
  });
});

describe('dashboard/add-orgs: which refusal an entry gets', () => {
  it('a key pair no longer in the vault is named before the input is read', async () => {
    const w = await withUnlistedOrgs(1);
    const reply = await w.send('dashboard/add-orgs', { entries: [{ input: 'hello', profileId: 'gone' }] });
    expect(results(reply)).toStrictEqual([{ ok: false, error: { kind: 'no-profile' } }]);
  });

  it('an Atlas key pair chosen as the client of a Cloud Manager org reads as no key pair, nothing added', async () => {
    const w = await withUnlistedOrgs(1);
    const atlasId = await addAtlasKeyPair(w);
    const reply = await w.send('dashboard/add-orgs', { entries: [{ input: orgId(1), profileId: atlasId }] });
    expect(results(reply)).toStrictEqual([{ ok: false, error: { kind: 'no-profile' } }]);
    expect(statuses(fake)[orgId(1)]).toBeUndefined();
  });

  it("a key pair of another org is named before the Atlas target's own problem, for an id or a padded id", async () => {
    const w = await withUnlistedOrgs(3);
    const [c1] = w.profiles as { id: string }[];
    const other = { kind: 'key-other-org', params: { orgId: orgId(1), orgName: 'Org 001' } };
    const reply = await w.send('dashboard/add-orgs', {
      entries: [
        { input: orgId(3), profileId: c1!.id, atlasOrgId: orgId(0xaa) },
        { input: ` ${orgId(3)} `, profileId: c1!.id, atlasOrgId: orgId(0xaa) },
      ],
    });
    expect(results(reply)).toStrictEqual([
      { ok: false, error: other },
      { ok: false, error: other },
    ]);
  });
});

describe('dashboard/add-orgs: an Atlas target', () => {
  it('is saved with the org when the client has an Atlas key pair of it, and shown on the row', async () => {
    const w = await withUnlistedOrgs(1);
    const [c1] = w.profiles as { id: string }[];
    await addAtlasKeyPair(w);
    const reply = await w.send('dashboard/add-orgs', {
      entries: [{ input: orgId(1), profileId: c1!.id, atlasOrgId: ATLAS }],
    });
    const row = {
      orgId: orgId(1),
      name: 'Org 001',
      profileId: c1!.id,
      profileLabel: 'Client 1',
      atlasOrgId: ATLAS,
      atlasTarget: 'chosen',
    };
    expect(results(reply)).toStrictEqual([{ ok: true, row }]);
    expect(statuses(fake)[orgId(1)]).toMatchObject({ atlasOrgId: ATLAS });
    const view = (await w.send('dashboard/view', {})) as { value: { rows: unknown[] } };
    expect(view.value.rows).toContainEqual(row);
  });
});

describe('dashboard/set-clients: the limits of a list and of a client', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => orgId(0x10000 + i));

  it('takes exactly MAX_BATCH (1000) org ids, one more refuses the list', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const reply = await w.send('dashboard/set-clients', { orgIds: ids(1000), client: 'Client 1' });
    expect(results(reply)).toHaveLength(1000);
    expect(results(reply)[999]).toStrictEqual({ orgId: orgId(0x10000 + 999), refused: 'not-serving' });
    expect(await w.send('dashboard/set-clients', { orgIds: ids(1001), client: 'Client 1' })).toStrictEqual(INVALID);
  });

  it('refuses, as invalid input, a list that is no list or holds one bad id, and a client that is no text', async () => {
    const w = await dashboardWorker(fake, api, 1);
    for (const orgIds of [orgId(1), null, [orgId(1), 'x']]) {
      expect(await w.send('dashboard/set-clients', { orgIds, client: 'Client 1' })).toStrictEqual(INVALID);
    }
    expect(await w.send('dashboard/set-clients', { orgIds: [orgId(1)], client: 5 })).toStrictEqual(INVALID);
    expect(await w.send('dashboard/set-clients', { orgIds: [orgId(1)] })).toStrictEqual(INVALID);
  });

  it('takes a client name of exactly 200 characters (no such client), one more is no client; says which', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const ask = (client: string) => w.handlers['dashboard/set-clients']({ orgIds: [orgId(1)], client });
    await expect(ask('c'.repeat(200))).rejects.toMatchObject({
      kind: 'no-profile',
    });
    await expect(ask('c'.repeat(201))).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('answers an org the dashboard has never seen on its own row', async () => {
    const w = await dashboardWorker(fake, api, 1);
    const [c1] = w.profiles as { id: string }[];
    const reply = await w.send('dashboard/set-clients', { orgIds: [orgId(9), orgId(1)], client: 'Client 1' });
    expect(results(reply)).toStrictEqual([
      { orgId: orgId(9), refused: 'not-serving' },
      { orgId: orgId(1), profileId: c1!.id },
    ]);
  });
});

describe('dashboard/set-clients: which key pair a row gets', () => {
  it("prefers the org's own key pair to the client's Ops Manager global key that also serves it", async () => {
    // The client "Ops global": its global key (saved first) and the key pair of org 0xa1 on the same server.
    const w = await dashboardWorker(fake, api, 1, true);
    const global = (w.profiles as { id: string; label: string }[]).find((p) => p.label === 'Ops global')!;
    const { profile: own } = await w.handlers['profiles/add']({
      profile: { ...key(0xa1), label: 'Ops global', baseUrl: OPS },
    });
    await w.send('dashboard/set-client', { orgId: orgId(0xa1), profileId: null });
    // Org 0xa2 has no key of its own: the global key is the one that serves it.
    await w.send('dashboard/add-org', { input: `${OPS}/v2#/org/${orgId(0xa2)}/projects` });
    const reply = await w.send('dashboard/set-clients', { orgIds: [orgId(0xa1), orgId(0xa2)], client: 'Ops global' });
    expect(results(reply)).toStrictEqual([
      { orgId: orgId(0xa1), profileId: own.id },
      { orgId: orgId(0xa2), profileId: global.id },
    ]);
  });

  it('a row whose assignment fails midway (the vault locked) says so; the rows before keep their client', async () => {
    const w = await dashboardWorker(fake, api, 2);
    const [c1] = w.profiles as { id: string }[];
    await w.handlers['profiles/add']({ profile: { ...key(3), label: 'Client 1' } });
    // The vault locks (auto-lock) right after the first row's client is saved, when its tabs are repainted.
    const query = fake.browser.tabs.query;
    let locked = false;
    vi.spyOn(fake.browser.tabs, 'query').mockImplementation(async (q) => {
      if (!locked) {
        locked = true;
        await w.lockNow();
      }
      return query(q);
    });
    const reply = await w.send('dashboard/set-clients', { orgIds: [orgId(1), orgId(3)], client: 'Client 1' });
    expect(results(reply)).toStrictEqual([
      { orgId: orgId(1), profileId: c1!.id },
      { orgId: orgId(3), error: { kind: 'vault-locked' } },
    ]);
  });
});
