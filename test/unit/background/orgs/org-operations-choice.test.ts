// Which key pair signs an org's call (the picked one of its own org, its own key, an Ops Manager global key of the
// org's server, never a guess between two), which name the org keeps, what a global key is bound to (only after
// the API answered), the one-token-one-org rule under concurrency, and the budget of automatic checks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenFingerprint } from '../../../../src/core/cloudmanager';
import { freshWorker, globalKey, key, OPS, orgId, storedStatus } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

const token = (n: number) => btoa(JSON.stringify({ token: `link-token-${n}-${'x'.repeat(40)}` }));

async function worker(...keys: Parameters<typeof freshWorker>[2][]) {
  const w = await freshWorker(fake, cm, keys[0] ?? key(1), ...keys.slice(1));
  const ops = await import('../../../../src/background/orgs/org-operations');
  const state = await import('../../../../src/background/orgs/org-state');
  const { readContents } = await import('../../../../src/background/vault/vault-store');
  const orgIdsOf = async () => (await readContents()).profiles.map((p) => p.orgIds);
  return { ...w, ...ops, ...state, readContents, orgIdsOf };
}

beforeEach(() => {
  cm.calls = [];
  cm.crossed = [];
  cm.refuse = false;
  cm.refuseOrgs = [];
  cm.hold = undefined;
  cm.holdFor = {};
});

afterEach(() => {
  vi.useRealTimers();
  expect(cm.crossed).toEqual([]);
});

describe('the name an org keeps', () => {
  it("the name known, else its own key's org name, else the API's: asked only when none is known", async () => {
    const w = await worker(key(1));
    expect(await w.refreshStatus(orgId(1))).toMatchObject({ name: 'Org 1', status: 'SYNCED' });
    await w.saveOrgStatus(orgId(1), { name: 'Renamed' });
    expect(await w.refreshStatus(orgId(1))).toMatchObject({ name: 'Renamed' });
    await w.forgetOrgStatus(orgId(1));
    expect(await w.refreshStatus(orgId(1))).toMatchObject({ name: 'Org 1' });
    await w.saveOrgStatus(orgId(1), { name: '' });
    expect(await w.refreshStatus(orgId(1))).toMatchObject({ name: 'Org 1' });
    expect(cm.calls).toEqual(Array(4).fill(`abcdefg1: status ${orgId(1)}`));
  });
});

describe('an Ops Manager global key', () => {
  it('serves an org of its own server, named by the API, and is bound to it once the API answered', async () => {
    const w = await worker(key(1), globalKey(1));
    await expect(w.refreshStatus(orgId(5))).rejects.toMatchObject({
      kind: 'no-profile',
    });
    await w.saveOrgStatus(orgId(5), { base: OPS });
    cm.refuse = true;
    await expect(w.refreshStatus(orgId(5))).rejects.toMatchObject({ kind: 'bad-credentials' });
    expect(await w.orgIdsOf()).toEqual([[orgId(1)], []]);
    cm.refuse = false;
    expect(await w.refreshStatus(orgId(5))).toEqual({
      orgId: orgId(5),
      base: OPS,
      status: 'SYNCED',
      statusFrom: 'status',
      name: 'API name 5',
      error: undefined,
      checkedAt: expect.any(Number),
    });
    expect(cm.calls.slice(-2).sort()).toEqual([`global1: org ${orgId(5)}`, `global1: status ${orgId(5)}`]);
    expect(await w.orgIdsOf()).toEqual([[orgId(1)], [orgId(5)]]);
    // Bound already: the vault is not written again.
    const set = vi.spyOn(fake.browser.storage.local, 'set');
    await w.unlinkOrg(orgId(5));
    expect(set.mock.calls.flatMap(([items]) => Object.keys(items))).not.toContain('vault');
    set.mockRestore();
  });

  it('two global keys of one server: none is guessed until the user picks one', async () => {
    const w = await worker(key(1), globalKey(1), globalKey(2));
    await w.saveOrgStatus(orgId(5), { base: OPS });
    await expect(w.refreshStatus(orgId(5))).rejects.toMatchObject({ kind: 'no-profile' });
    expect(cm.calls).toEqual([]);
    const picked = w.profiles[2]!.id;
    await w.refreshStatus(orgId(5), picked);
    expect(await w.orgIdsOf()).toEqual([[orgId(1)], [], [orgId(5)]]);
    // Bound now: the bound key serves it without a pick.
    await w.refreshStatus(orgId(5));
    expect(cm.calls.filter((c) => c.includes('status'))).toEqual([
      `global2: status ${orgId(5)}`,
      `global2: status ${orgId(5)}`,
    ]);
  });

  it('chooseProfile refuses a picked key pair gone from the vault, and one of another org by its name', async () => {
    const w = await worker(key(1), key(2));
    const contents = await w.readContents();
    expect(() => w.chooseProfile(contents, orgId(1), 'gone')).toThrow(expect.objectContaining({ kind: 'no-profile' }));
    expect(() => w.chooseProfile(contents, orgId(1), w.profiles[1]!.id)).toThrow(
      expect.objectContaining({ kind: 'key-other-org', params: { orgId: orgId(2), orgName: 'Org 2' } }),
    );
    expect(w.chooseProfile(contents, orgId(2)).id).toBe(w.profiles[1]!.id);
    expect(w.chooseProfile(contents, orgId(2), w.profiles[1]!.id).id).toBe(w.profiles[1]!.id);
  });
});

describe('one link token, one org', () => {
  it('the same token again for the same org is no reuse; spaces around it do not make it another token', async () => {
    const w = await worker(key(1), key(2));
    await w.linkOrg({ orgId: orgId(1), linkToken: token(1) });
    await w.linkOrg({ orgId: orgId(1), linkToken: `  ${token(1)}\n` });
    await expect(w.linkOrg({ orgId: orgId(2), linkToken: ` ${token(1)} ` })).rejects.toMatchObject({
      kind: 'token-reused',
      params: { orgId: orgId(1), orgName: 'Org 1' },
    });
    expect(cm.calls).toEqual([`abcdefg1: link ${orgId(1)}`, `abcdefg1: link ${orgId(1)}`]);
  });

  it('an earlier org with no name known is named by its id only', async () => {
    const w = await worker(key(1), key(2));
    await w.linkOrg({ orgId: orgId(1), linkToken: token(1) });
    await w.forgetOrgStatus(orgId(1));
    const refused = await w.linkOrg({ orgId: orgId(2), linkToken: token(1) }).catch((e) => e);
    expect(refused).toMatchObject({ kind: 'token-reused' });
    expect(refused.params).toEqual({ orgId: orgId(1) });
  });

  it('a token still being sent for one org is refused for another; once that link failed, it is free', async () => {
    const w = await worker(key(1), key(2));
    let release!: () => void;
    cm.hold = new Promise((resolve) => (release = resolve));
    cm.refuse = true;
    const first = w.linkOrg({ orgId: orgId(1), linkToken: token(1) });
    await vi.waitFor(() => expect(cm.calls).toHaveLength(1));
    await expect(w.linkOrg({ orgId: orgId(2), linkToken: token(1) })).rejects.toMatchObject({
      kind: 'token-reused',
      params: { orgId: orgId(1), orgName: 'Org 1' },
    });
    release();
    await expect(first).rejects.toMatchObject({ kind: 'bad-credentials' });
    cm.hold = undefined;
    cm.refuse = false;
    expect(fake.storage.data.local.get('tokenFingerprints') ?? {}).toEqual({});
    expect(await w.linkOrg({ orgId: orgId(2), linkToken: token(1) })).toMatchObject({ status: 'NOT_SYNCED' });
    expect(Object.values(fake.storage.data.local.get('tokenFingerprints') as object)).toEqual([orgId(2)]);
    expect(cm.calls).toEqual([`abcdefg1: link ${orgId(1)}`, `abcdefg2: link ${orgId(2)}`]);
  });

  it('a token sent for a second org by consent stays "being sent" for it when the first org\'s link fails', async () => {
    const w = await worker(key(1), key(2), key(3));
    let release1!: () => void;
    cm.holdFor[orgId(1)] = new Promise((resolve) => (release1 = resolve));
    cm.holdFor[orgId(2)] = new Promise(() => undefined); // never answers in this test
    cm.refuseOrgs = [orgId(1)];
    const first = w.linkOrg({ orgId: orgId(1), linkToken: token(1) });
    await vi.waitFor(() => expect(cm.calls).toHaveLength(1));
    void w.linkOrg({ orgId: orgId(2), linkToken: token(1), allowTokenReuse: true });
    await vi.waitFor(() => expect(cm.calls).toHaveLength(2));
    release1();
    await expect(first).rejects.toMatchObject({ kind: 'bad-credentials' });
    await expect(w.linkOrg({ orgId: orgId(3), linkToken: token(1) })).rejects.toMatchObject({
      kind: 'token-reused',
      params: { orgId: orgId(2), orgName: 'Org 2' },
    });
    expect(cm.calls).toEqual([`abcdefg1: link ${orgId(1)}`, `abcdefg2: link ${orgId(2)}`]);
  });
});

describe('what a call leaves behind', () => {
  it('history names the time, the org and the key pair; a failure keeps the last known name', async () => {
    const w = await worker(key(1));
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    await w.linkOrg({ orgId: orgId(1), linkToken: token(1) });
    cm.refuse = true;
    await expect(w.unlinkOrg(orgId(1))).rejects.toMatchObject({ kind: 'bad-credentials' });
    expect(fake.storage.data.local.get('history')).toEqual([
      {
        time: 1_700_000_000_000,
        orgId: orgId(1),
        orgName: 'Org 1',
        operation: 'link',
        profileLabel: 'Client 1',
        publicKey: 'abcdefg1',
        ok: true,
        result: 'NOT_SYNCED',
        seq: 1,
        tokenFingerprint: await tokenFingerprint(token(1)),
        tokenSource: 'pasted',
      },
      {
        time: 1_700_000_000_000,
        orgId: orgId(1),
        orgName: 'Org 1',
        operation: 'unlink',
        profileLabel: 'Client 1',
        publicKey: 'abcdefg1',
        ok: false,
        result: 'bad-credentials',
        seq: 2,
      },
    ]);
    expect(storedStatus(fake, orgId(1))).toMatchObject({
      status: 'NOT_SYNCED',
      error: { kind: 'bad-credentials' },
      checkedAt: 1_700_000_000_000,
      base: 'https://cloud.mongodb.com',
    });
  });

  it('a status check is no history; a link answered without a status is history as "unknown"', async () => {
    const w = await worker(key(1));
    expect(await w.refreshStatus(orgId(1))).toMatchObject({ status: 'SYNCED' });
    expect(fake.storage.data.local.get('history')).toBeUndefined();
    cm.linkAnswer = {};
    try {
      expect((await w.linkOrg({ orgId: orgId(1), linkToken: token(1) })).status).toBeUndefined();
    } finally {
      cm.linkAnswer = { status: 'NOT_SYNCED' };
    }
    expect(fake.storage.data.local.get('history')).toEqual([expect.objectContaining({ ok: true, result: 'unknown' })]);
  });
});

describe('automatic checks', () => {
  it('only for an org bound to a key pair, at most 10 a minute, and 10 again a minute later', async () => {
    const w = await worker(key(1));
    expect(w.AUTOMATIC_CHECKS_PER_MINUTE).toBe(10);
    expect(await w.refreshStatusAutomatically(orgId(2))).toBeUndefined();
    expect(cm.calls).toEqual([]);
    const start = Date.now();
    vi.useFakeTimers({ now: start, toFake: ['Date'] });
    for (let i = 0; i < 10; i++) {
      expect(await w.refreshStatusAutomatically(orgId(1))).toMatchObject({ orgId: orgId(1), status: 'SYNCED' });
    }
    expect(await w.refreshStatusAutomatically(orgId(1))).toBeUndefined();
    vi.setSystemTime(start + 59_999);
    expect(await w.refreshStatusAutomatically(orgId(1))).toBeUndefined();
    expect(cm.calls).toHaveLength(10);
    vi.setSystemTime(start + 60_000);
    for (let i = 0; i < 10; i++) expect(await w.refreshStatusAutomatically(orgId(1))).toBeDefined();
    expect(await w.refreshStatusAutomatically(orgId(1))).toBeUndefined();
    expect(cm.calls).toHaveLength(20);
  });
});
