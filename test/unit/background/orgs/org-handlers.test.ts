// The popup's org messages reach the right operation with the request's own fields (the picked key pair, the
// page, the token), and the history reads newest first, per org or all, names filled in from what was learnt
// later, capped at 1000 entries, and cleared on request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorker, key, orgId, orgPage, projectOf, projectPage } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

const TOKEN = btoa(JSON.stringify({ token: `link-token-${'x'.repeat(40)}` }));
const entry = (n: number, extra: Record<string, unknown> = {}) => ({
  time: n,
  orgId: orgId(n % 3),
  operation: 'link' as const,
  result: 'SYNCED',
  ok: true,
  profileLabel: `Client ${n}`,
  ...extra,
});

beforeEach(() => {
  cm.calls = [];
  cm.crossed = [];
  cm.refuse = false;
});

afterEach(() => {
  expect(cm.crossed).toEqual([]);
});

describe('org messages reach their operation', () => {
  it('link/status and link/delete use the key pair the user picked, and refuse one of another org', async () => {
    const { handlers, profiles } = await freshWorker(fake, cm, key(1), key(2));
    await expect(handlers['link/status']({ orgId: orgId(1), profileId: profiles[1]!.id })).rejects.toMatchObject({
      kind: 'key-other-org',
      params: { orgId: orgId(2), orgName: 'Org 2' },
    });
    await expect(handlers['link/delete']({ orgId: orgId(1), profileId: profiles[1]!.id })).rejects.toMatchObject({
      kind: 'key-other-org',
      params: { orgId: orgId(2) },
    });
    await expect(handlers['link/delete']({ orgId: orgId(2), profileId: 'gone' })).rejects.toMatchObject({
      kind: 'no-profile',
    });
    expect(cm.calls).toEqual([]);
    expect(await handlers['link/status']({ orgId: orgId(2), profileId: profiles[1]!.id })).toMatchObject({
      orgId: orgId(2),
      status: 'SYNCED',
    });
    expect(await handlers['link/delete']({ orgId: orgId(2), profileId: profiles[1]!.id })).toMatchObject({
      orgId: orgId(2),
      status: 'NOT_LINKED',
    });
    expect(cm.calls).toEqual([`abcdefg2: status ${orgId(2)}`, `abcdefg2: unlink ${orgId(2)}`]);
  });

  it('link/create passes the whole request: org, token, picked key pair and the reuse consent', async () => {
    const { handlers, profiles } = await freshWorker(fake, cm, key(1), key(2));
    await expect(
      handlers['link/create']({ orgId: orgId(1), linkToken: TOKEN, profileId: profiles[1]!.id }),
    ).rejects.toMatchObject({ kind: 'key-other-org' });
    await handlers['link/create']({ orgId: orgId(1), linkToken: TOKEN, profileId: profiles[0]!.id });
    await expect(handlers['link/create']({ orgId: orgId(2), linkToken: TOKEN })).rejects.toMatchObject({
      kind: 'token-reused',
    });
    await handlers['link/create']({ orgId: orgId(2), linkToken: TOKEN, allowTokenReuse: true });
    expect(cm.calls).toEqual([`abcdefg1: link ${orgId(1)}`, `abcdefg2: link ${orgId(2)}`]);
  });

  it('context/get reads the page it is given; project/resolve uses the page and the named key pair', async () => {
    const { handlers, profiles } = await freshWorker(fake, cm, key(1), key(2));
    expect(await handlers['context/get']({ url: orgPage(2) })).toMatchObject({
      location: { kind: 'org', orgId: orgId(2) },
      profileId: profiles[1]!.id,
    });
    cm.projects[orgId(2)] = [{ id: projectOf(9), name: 'New' }];
    expect(await handlers['project/resolve']({ url: projectPage(9), profileId: profiles[1]!.id })).toEqual({
      orgId: orgId(2),
    });
    expect(cm.calls).toEqual([`abcdefg2: projects ${orgId(2)}`]);
    cm.projects = {};
  });
});

describe('history', () => {
  it('newest first, per org or all, with names learnt later filled in', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1), key(2));
    await handlers['link/create']({ orgId: orgId(1), linkToken: TOKEN });
    cm.refuse = true;
    await expect(handlers['link/delete']({ orgId: orgId(2) })).rejects.toMatchObject({ kind: 'bad-credentials' });
    cm.refuse = false;
    await handlers['link/delete']({ orgId: orgId(1) });
    const all = await handlers['history/list']({});
    expect(all.map((e) => [e.operation, e.orgId, e.orgName, e.ok, e.result, e.profileLabel])).toEqual([
      ['unlink', orgId(1), 'Org 1', true, 'NOT_LINKED', 'Client 1'],
      ['unlink', orgId(2), 'Org 2', false, 'bad-credentials', 'Client 2'],
      ['link', orgId(1), 'Org 1', true, 'NOT_SYNCED', 'Client 1'],
    ]);
    expect((await handlers['history/list']({ orgId: orgId(1) })).map((e) => e.operation)).toEqual(['unlink', 'link']);
    expect(await handlers['history/list']({ orgId: orgId(9) })).toEqual([]);
  });

  it("an entry recorded without a name takes the org's name known now; one with a name keeps it", async () => {
    const { handlers } = await freshWorker(fake, cm, key(1));
    fake.storage.data.local.set('history', [
      entry(1, { orgId: orgId(1) }),
      entry(2, { orgId: orgId(1), orgName: 'Then' }),
      entry(3, { orgId: orgId(8) }),
    ]);
    expect(await handlers['history/list']({})).toEqual([
      entry(3, { orgId: orgId(8), orgName: undefined }),
      entry(2, { orgId: orgId(1), orgName: 'Then' }),
      entry(1, { orgId: orgId(1), orgName: 'Org 1' }),
    ]);
    // Reading changes nothing stored.
    expect(fake.storage.data.local.get('history')).toHaveLength(3);
    expect((fake.storage.data.local.get('history') as { orgName?: string }[])[0]!.orgName).toBeUndefined();
  });

  it('keeps the latest 1000 entries', async () => {
    await freshWorker(fake, cm, key(1));
    const { recordAction, readHistory, HISTORY_CAP } = await import('../../../../src/background/orgs/history');
    expect(HISTORY_CAP).toBe(1000);
    fake.storage.data.local.set(
      'history',
      Array.from({ length: 999 }, (_, i) => entry(i)),
    );
    await recordAction(entry(999));
    expect((await readHistory()).map((e) => e.time)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    await recordAction(entry(1000));
    const kept = await readHistory();
    expect(kept).toHaveLength(1000);
    expect([kept[0]!.time, kept[999]!.time]).toEqual([1, 1000]);
  });

  it('history/clear leaves one entry that says the log was cleared, when, and how many entries went', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1));
    await handlers['link/delete']({ orgId: orgId(1) });
    expect(await handlers['history/list']({})).toHaveLength(1);
    const cleared = await handlers['history/clear']({});
    expect(cleared).toMatchObject({ operation: 'clear-log', result: 'cleared', ok: true, clearedCount: 1, seq: 1 });
    expect(await handlers['history/list']({})).toEqual([cleared]);
  });
});
