// 'dashboard/add-orgs' and 'dashboard/set-clients' (batch setup): a list is refused whole when its shape is wrong;
// otherwise every entry is checked against the vault first (a key pair of another org, an Atlas target without one
// of the client's Atlas key pairs) and each valid one is added with its client, answered in order. One client for
// many rows: each row gets the client's key pair that serves it; a row no key pair of the client serves is refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiLog, dashboardWorker, key, orgId, orgPage, statuses } from './dash-fakes';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const api = vi.hoisted((): ApiLog => ({ calls: [] }));
vi.mock('../../../../src/background/api/api-clients', async () => (await import('./dash-fakes')).fakeApiClients(api));

const INVALID = { ok: false, error: { kind: 'invalid-input' } };

beforeEach(() => {
  api.calls = [];
});

/** A worker with key pairs of orgs 1..n whose rows were removed: the key pairs are saved, the orgs not listed. */
async function withUnlistedOrgs(n: number) {
  const w = await dashboardWorker(fake, api, n);
  for (let i = 1; i <= n; i++) await w.send('dashboard/remove-org', { orgId: orgId(i) });
  return w;
}
const rowIds = async (w: Awaited<ReturnType<typeof dashboardWorker>>) => {
  const reply = (await w.send('dashboard/view', {})) as { ok: true; value: { rows: { orgId: string }[] } };
  return reply.value.rows.map((r) => r.orgId).sort();
};

describe('dashboard/add-orgs', () => {
  it('refuses a list of the wrong shape whole, adding nothing', async () => {
    const w = await withUnlistedOrgs(1);
    const before = structuredClone(statuses(fake));
    const bad: unknown[] = [
      undefined,
      [],
      'x',
      [null],
      [{ input: 5 }],
      [{ input: orgId(9), profileId: 3 }],
      [{ input: orgId(9) }, { input: orgId(8), atlasOrgId: 'nope' }],
      [{ input: 'x'.repeat(2049) }],
      Array.from({ length: 1001 }, (_, i) => ({ input: orgId(100 + i) })),
    ];
    for (const entries of bad) expect(await w.send('dashboard/add-orgs', { entries })).toMatchObject(INVALID);
    expect(statuses(fake)).toStrictEqual(before);
  });

  it('adds the valid entries with their clients and answers each in order, refusing the others', async () => {
    const w = await withUnlistedOrgs(3);
    const [c1, c2] = w.profiles as { id: string }[];
    const reply = await w.send('dashboard/add-orgs', {
      entries: [
        { input: orgId(1), profileId: c1!.id },
        { input: orgId(3), profileId: c1!.id }, // key pair 1 serves org 1 only
        { input: orgPage(orgId(2)), profileId: c2!.id },
        { input: 'hello' },
        { input: orgId(9) },
        { input: orgId(3), profileId: 'gone' },
      ],
    });
    expect(reply).toStrictEqual({
      ok: true,
      value: {
        results: [
          { ok: true, row: { orgId: orgId(1), name: 'Org 001', profileId: c1!.id, profileLabel: 'Client 1' } },
          {
            ok: false,
            error: { kind: 'key-other-org', params: { orgId: orgId(1), orgName: 'Org 001' } },
          },
          { ok: true, row: { orgId: orgId(2), name: 'Org 002', profileId: c2!.id, profileLabel: 'Client 2' } },
          { ok: false, error: { kind: 'invalid-input', params: { variant: 'org-address' } } },
          { ok: true, row: { orgId: orgId(9) } },
          { ok: false, error: { kind: 'no-profile' } },
        ],
      },
    });
    expect(await rowIds(w)).toStrictEqual([orgId(1), orgId(2), orgId(9)]);
    expect(api.calls).toStrictEqual([]);
  });

  it('refuses an Atlas target the client has no Atlas key pair of, or one without a client, before adding', async () => {
    const w = await withUnlistedOrgs(1);
    const [c1] = w.profiles as { id: string }[];
    const reply = await w.send('dashboard/add-orgs', {
      entries: [
        { input: orgId(1), profileId: c1!.id, atlasOrgId: orgId(0xaa) },
        { input: orgId(9), atlasOrgId: orgId(0xaa) },
      ],
    });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        results: [
          { ok: false, error: { kind: 'no-atlas-key-pair', params: { client: 'Client 1' } } },
          { ok: false, error: { kind: 'no-profile' } },
        ],
      },
    });
    expect(await rowIds(w)).toStrictEqual([]);
  });

  it('answers a locked vault once, adding nothing', async () => {
    const w = await withUnlistedOrgs(1);
    await w.lockNow();
    expect(await w.send('dashboard/add-orgs', { entries: [{ input: orgId(9) }] })).toMatchObject({
      ok: false,
      error: { kind: 'vault-locked' },
    });
    expect(statuses(fake)[orgId(9)]).toBeUndefined();
  });
});

describe('dashboard/set-clients', () => {
  it("gives each row the client's key pair that serves it and refuses, per row, a row none serves", async () => {
    const w = await dashboardWorker(fake, api, 3);
    const [c1, , c3] = w.profiles as { id: string }[];
    // A second key pair of the client "Client 1", for org 4 (one client, two orgs).
    const { profile: c4 } = await w.handlers['profiles/add']({ profile: { ...key(4), label: 'Client 1' } });
    api.calls.length = 0;
    await w.send('dashboard/set-client', { orgId: orgId(1), profileId: null });
    await w.send('dashboard/set-client', { orgId: orgId(4), profileId: null });
    const reply = await w.send('dashboard/set-clients', {
      orgIds: [orgId(1), orgId(4), orgId(3), orgId(1)],
      client: ' Client 1',
    });
    expect(reply).toStrictEqual({
      ok: true,
      value: {
        results: [
          { orgId: orgId(1), profileId: c1!.id },
          { orgId: orgId(4), profileId: c4.id },
          { orgId: orgId(3), refused: 'not-serving' },
        ],
      },
    });
    const view = (await w.send('dashboard/view', {})) as { value: { rows: { orgId: string; profileId?: string }[] } };
    const clientOf = (o: string) => view.value.rows.find((r) => r.orgId === o)?.profileId;
    expect([clientOf(orgId(1)), clientOf(orgId(4)), clientOf(orgId(3))]).toStrictEqual([c1!.id, c4.id, c3!.id]);
    expect(api.calls).toStrictEqual([]);
  });

  it('refuses an unknown client or a bad list whole', async () => {
    const w = await dashboardWorker(fake, api, 1);
    expect(await w.send('dashboard/set-clients', { orgIds: [orgId(1)], client: 'Nobody' })).toMatchObject({
      ok: false,
      error: { kind: 'no-profile' },
    });
    expect(await w.send('dashboard/set-clients', { orgIds: ['x'], client: 'Client 1' })).toMatchObject(INVALID);
    expect(await w.send('dashboard/set-clients', { orgIds: [orgId(1)], client: ' ' })).toMatchObject(INVALID);
  });
});
