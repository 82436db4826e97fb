// A tab's badge follows the org it shows: painted at once from the last known status, refreshed from the API only
// when stale (10 minutes), the vault is open and the org bound to a key pair; an older update never paints over a
// newer one; the tabs in front are repainted for the tooltip's age, and the minute alarm is made once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorker, key, orgId, orgPage, projectOf, projectPage } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

async function worker() {
  const w = await freshWorker(fake, cm, key(1));
  const tracking = await import('../../../../src/background/orgs/tab-tracking');
  const state = await import('../../../../src/background/orgs/org-state');
  const { rememberGroupOrg } = await import('../../../../src/background/orgs/locations');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  /** The tab goes to `url` (as the browser tells the worker). */
  const visit = (tabId: number, url: string, change: { url?: string; status?: 'loading' | 'complete' } = { url }) => {
    const tab = fake.tabs.find((t) => t.id === tabId);
    if (tab) tab.url = url;
    else fake.tabs.push({ id: tabId, url });
    return tracking.onTabUpdated(tabId, change, { id: tabId, url });
  };
  return { ...w, ...tracking, ...state, rememberGroupOrg, lockNow, visit };
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

beforeEach(() => {
  vi.restoreAllMocks();
  cm.calls = [];
  cm.crossed = [];
  cm.refuse = false;
});

afterEach(() => {
  vi.useRealTimers();
  expect(cm.crossed).toEqual([]);
});

describe('onTabUpdated', () => {
  it('a change that is neither a new address nor a finished load is ignored', async () => {
    const w = await worker();
    await w.visit(1, orgPage(1), { status: 'loading' });
    await w.visit(1, orgPage(1), {});
    expect(fake.badges.get(1)).toBeUndefined();
    expect(cm.calls).toEqual([]);
    await w.visit(1, orgPage(1), { status: 'complete' });
    expect(fake.badges.get(1)?.text).toBe('✓');
  });

  it("the bound org's page: painted, then checked once, since its status was never checked", async () => {
    const w = await worker();
    await w.visit(1, orgPage(1));
    expect(cm.calls).toEqual([`abcdefg1: status ${orgId(1)}`]);
    expect(fake.badges.get(1)).toMatchObject({ text: '✓', color: '#1e7d32' });
    expect(fake.badges.get(1)?.title).toBe(`Org 1 (${orgId(1)})\nLinked, synced\nchecked just now`);
    // Fresh now: another visit paints from what is known, without a call.
    await w.visit(2, orgPage(1));
    expect(cm.calls).toHaveLength(1);
    expect(fake.badges.get(2)).toEqual(fake.badges.get(1));
  });

  it('a status is stale from 10 minutes on, not before', async () => {
    const w = await worker();
    const now = Date.now();
    await w.saveOrgStatus(orgId(1), { status: 'NOT_SYNCED', checkedAt: now - w.STALE_AFTER_MS + 1000 });
    vi.useFakeTimers({ now, toFake: ['Date'] });
    await w.visit(1, orgPage(1));
    expect(cm.calls).toEqual([]);
    expect(fake.badges.get(1)?.text).toBe('…');
    vi.setSystemTime(now + 1000);
    await w.visit(1, orgPage(1));
    expect(cm.calls).toEqual([`abcdefg1: status ${orgId(1)}`]);
    expect(fake.badges.get(1)?.text).toBe('✓');
    expect(w.STALE_AFTER_MS).toBe(600_000);
  });

  it('a project page of a known project shows its org', async () => {
    const w = await worker();
    await w.rememberGroupOrg(projectOf(1), orgId(1));
    await w.visit(3, projectPage(1));
    expect(fake.badges.get(3)?.text).toBe('✓');
    expect(cm.calls).toEqual([`abcdefg1: status ${orgId(1)}`]);
  });

  it('no call while the vault is locked, none for an org no key pair is bound to: the known status only', async () => {
    const w = await worker();
    await w.saveOrgStatus(orgId(2), { status: 'NOT_SYNCED' });
    await w.visit(1, orgPage(2));
    expect(fake.badges.get(1)).toMatchObject({
      text: '…',
      title: `${orgId(2)}\nNot synced (link not confirmed)\nnot checked yet`,
    });
    await w.saveOrgStatus(orgId(1), { status: 'NOT_LINKED', checkedAt: Date.now() - 3_600_000 });
    await w.lockNow();
    await w.visit(1, orgPage(1));
    expect(fake.badges.get(1)?.title).toBe(`Org 1 (${orgId(1)})\nNot linked to Atlas\nchecked 1 h ago`);
    expect(cm.calls).toEqual([]);
  });

  it('an unknown org is shown by its id, with a neutral badge', async () => {
    const w = await worker();
    await w.visit(1, orgPage(1), { status: 'complete' });
    await w.visit(1, orgPage(5));
    expect(fake.badges.get(1)).toMatchObject({ text: '', title: '' });
    expect(await w.orgStatus(orgId(5))).toBeUndefined();
    expect(cm.calls).toEqual([`abcdefg1: status ${orgId(1)}`]);
  });

  it('a page that shows no org clears the badge', async () => {
    const w = await worker();
    await w.visit(1, orgPage(1));
    await w.visit(1, 'https://example.com/');
    expect(fake.badges.get(1)).toMatchObject({ text: '', title: '', icon: '/icons/icon-16.png' });
  });

  it("a failed check is recorded and painted, and the tab's update still ends well", async () => {
    const w = await worker();
    cm.refuse = true;
    await expect(w.visit(1, orgPage(1))).resolves.toBeUndefined();
    expect(fake.badges.get(1)?.text).toBe('!');
    expect(await w.orgStatus(orgId(1))).toMatchObject({ error: { kind: 'bad-credentials' } });
  });

  it.each([
    ['an org page', orgPage(1)],
    ['a page of no org', 'https://example.com/'],
  ])('an older update (%s) that ends after a newer one does not paint over it', async (_what, olderUrl) => {
    const w = await worker();
    await w.saveOrgStatus(orgId(2), { status: 'NOT_SYNCED', checkedAt: Date.now() });
    const held = deferred();
    const getAll = fake.browser.permissions.getAll;
    vi.spyOn(fake.browser.permissions, 'getAll').mockImplementationOnce(async () => {
      await held.promise;
      return getAll();
    });
    const older = w.visit(1, olderUrl);
    await w.visit(1, orgPage(2));
    held.release();
    await older;
    expect(fake.badges.get(1)).toMatchObject({ text: '…', color: '#b45309' });
    expect(cm.calls).toEqual([]);
  });

  it("an older update still reading the org's status does not paint either", async () => {
    const w = await worker();
    await w.saveOrgStatus(orgId(2), { status: 'NOT_SYNCED', checkedAt: Date.now() });
    const held = deferred();
    const get = fake.browser.storage.local.get;
    let reads = 0;
    vi.spyOn(fake.browser.storage.local, 'get').mockImplementation(async (keys) => {
      if (keys === 'orgStatus' && reads++ === 0) await held.promise;
      return get(keys);
    });
    const older = w.visit(1, orgPage(1));
    await vi.waitFor(() => expect(reads).toBe(1));
    await w.visit(1, orgPage(2));
    held.release();
    await older;
    expect(fake.badges.get(1)).toMatchObject({ text: '…', color: '#b45309' });
    expect(cm.calls).toEqual([]);
  });
});

describe('the tabs in front', () => {
  it('are repainted from the last known record; tabs behind and tabs of no org are left alone', async () => {
    const w = await worker();
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    await w.saveOrgStatus(orgId(2), { status: 'NOT_SYNCED' });
    fake.tabs.push(
      { id: 1, url: orgPage(1) },
      { id: 2, url: orgPage(2), active: false },
      { id: 3, url: 'https://example.com/' },
      { id: 4, url: orgPage(6) },
      { id: undefined as never, url: orgPage(1) },
    );
    fake.badges.set(3, { text: 'x' });
    await w.repaintShownTabs();
    expect(fake.badges.get(1)?.text).toBe('✓');
    expect(fake.badges.has(2)).toBe(false);
    expect(fake.badges.get(3)).toEqual({ text: 'x' });
    expect(fake.badges.get(4)).toMatchObject({ text: '', title: '' });
    expect([...fake.badges.keys()].sort()).toEqual([1, 3, 4]);
    expect(cm.calls).toEqual([]);
  });

  it('the minute alarm is made once, and an existing one is kept as it is', async () => {
    const w = await worker();
    expect(w.BADGE_AGE_ALARM).toBe('badge-age');
    await w.startBadgeAgeAlarm();
    expect(fake.alarms.get('badge-age')).toEqual({ periodInMinutes: 1 });
    fake.alarms.set('badge-age', { periodInMinutes: 1, scheduledTime: 123 });
    await w.startBadgeAgeAlarm();
    expect(fake.alarms.get('badge-age')).toEqual({ periodInMinutes: 1, scheduledTime: 123 });
  });
});
