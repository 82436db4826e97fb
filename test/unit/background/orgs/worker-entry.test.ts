// The worker's entry (src/background/index.ts) wires each browser event to its job: messages to the router (its
// answer returned to the page), tab changes and activations to the badge, the minute alarm to the repaint and any
// other alarm to auto-lock; the minute alarm is made at start; a failing job is logged by its kind, never thrown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { key, orgId, orgPage } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
/** A browser event as the entry sees it: listeners added, fired by the test. */
const events = vi.hoisted(() => {
  const event = () => {
    const listeners: ((...args: never[]) => unknown)[] = [];
    return { listeners, addListener: (fn: (...args: never[]) => unknown) => void listeners.push(fn) };
  };
  return { message: event(), tabUpdated: event(), tabActivated: event(), alarm: event() };
});
vi.mock('webextension-polyfill', () => ({
  default: {
    ...fake.browser,
    runtime: { ...fake.browser.runtime, onMessage: events.message },
    tabs: { ...fake.browser.tabs, onUpdated: events.tabUpdated, onActivated: events.tabActivated },
    alarms: { ...fake.browser.alarms, onAlarm: events.alarm },
  },
}));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

/** The mocked polyfill itself (its tabs and alarms are copies of the fake's, with the events added). */
const { default: polyfill } = (await import('webextension-polyfill')) as unknown as { default: typeof fake.browser };

const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const fire = (event: { listeners: ((...args: never[]) => unknown)[] }, ...args: unknown[]) => {
  expect(event.listeners).toHaveLength(1);
  return (event.listeners[0] as (...a: unknown[]) => unknown)(...args);
};

/** The worker started afresh: its entry run once over empty storage. */
async function start() {
  for (const event of Object.values(events)) event.listeners.length = 0;
  fake.storageChanged.length = 0;
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.tabs.length = 0;
  fake.badges.clear();
  fake.alarms.clear();
  vi.resetModules();
  await import('../../../../src/background/index');
  const { activityNoted } = await import('../../../../src/background/vault/auto-lock');
  // The answer, once the activity the message noted after it is written too (the router does not wait for it).
  const send = async (name: string, request: object = {}, sender: object = POPUP) => {
    const reply = await (fire(events.message, { name, request }, sender) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: unknown;
    }>);
    await activityNoted();
    return reply;
  };
  const { saveOrgStatus } = await import('../../../../src/background/orgs/org-state');
  return { send, saveOrgStatus };
}

beforeEach(() => {
  vi.restoreAllMocks();
  cm.calls = [];
});

describe('the worker entry', () => {
  it('registers one listener per event at start, and makes the minute alarm', async () => {
    await start();
    for (const event of Object.values(events)) expect(event.listeners).toHaveLength(1);
    await vi.waitFor(() => expect(fake.alarms.get('badge-age')).toEqual({ periodInMinutes: 1 }));
  });

  it("answers a page's message through the router, and refuses a sender that is not its page", async () => {
    const w = await start();
    expect(await w.send('context/get', { url: 'https://example.com/' })).toEqual({
      ok: true,
      value: { vault: 'empty', location: { kind: 'other' }, profiles: [], autoLockMinutes: 15 },
    });
    expect(await w.send('context/get', {}, { id: 'other-extension', url: POPUP.url })).toEqual({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
  });

  it("a tab's new address paints its badge; a tab brought to the front repaints the tabs in front", async () => {
    const w = await start();
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    fake.tabs.push({ id: 3, url: orgPage(1) });
    expect(fire(events.tabUpdated, 3, { url: orgPage(1) }, { id: 3, url: orgPage(1) })).toBeUndefined();
    await vi.waitFor(() => expect(fake.badges.get(3)?.text).toBe('✓'));
    await w.saveOrgStatus(orgId(1), { status: 'NOT_SYNCED' });
    expect(fire(events.tabActivated, { tabId: 3, windowId: 1 })).toBeUndefined();
    await vi.waitFor(() => expect(fake.badges.get(3)?.text).toBe('…'));
  });

  it('the minute alarm repaints the tabs in front; the auto-lock alarm locks the vault, and no repaint', async () => {
    const w = await start();
    expect(await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) })).toMatchObject({
      ok: true,
    });
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    fake.tabs.push({ id: 4, url: orgPage(1) });
    fire(events.alarm, { name: 'badge-age', scheduledTime: 0 });
    await vi.waitFor(() => expect(fake.badges.get(4)?.text).toBe('✓'));
    fake.badges.clear();
    fire(events.alarm, { name: 'something else', scheduledTime: 0 });
    fire(events.alarm, { name: 'auto-lock', scheduledTime: 0 });
    await vi.waitFor(async () => expect(await w.send('context/get', {})).toMatchObject({ value: { vault: 'locked' } }));
    expect(fake.badges.size).toBe(0);
  });

  it('a failing job is logged by what failed and its kind, never thrown', async () => {
    const w = await start();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fake.browser.permissions, 'getAll').mockRejectedValueOnce({ kind: 'tab-gone' });
    fire(events.tabUpdated, 3, { url: orgPage(1) }, { id: 3, url: orgPage(1) });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('badge update failed:', 'tab-gone'));
    vi.spyOn(polyfill.tabs, 'query').mockRejectedValueOnce('no tabs');
    fire(events.tabActivated, { tabId: 3, windowId: 1 });
    await vi.waitFor(() => expect(warn).toHaveBeenLastCalledWith('badge repaint failed:', 'no tabs'));
    vi.spyOn(polyfill.tabs, 'query').mockRejectedValueOnce(new Error('x'));
    fire(events.alarm, { name: 'badge-age', scheduledTime: 0 });
    await vi.waitFor(() => expect(warn).toHaveBeenLastCalledWith('badge repaint failed:', 'Error: x'));
    await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) });
    vi.spyOn(polyfill.alarms, 'clear').mockRejectedValueOnce({ kind: 'alarms-gone' });
    fire(events.alarm, { name: 'auto-lock', scheduledTime: 0 });
    await vi.waitFor(() => expect(warn).toHaveBeenLastCalledWith('auto-lock failed:', 'alarms-gone'));
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it("an admin's policy change locks an open vault at once when its new limit has passed; other areas' changes do not", async () => {
    const w = await start();
    // Two listeners: the storage copy's (storage/mirror.ts), then the policy's.
    expect(fake.storageChanged).toHaveLength(2);
    const changed = (changes: Record<string, unknown>, area: string) => {
      for (const listener of fake.storageChanged) listener(changes, area);
    };
    await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) });
    fake.storage.data.session.set('lastActivity', Date.now() - 10 * 60_000);
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    changed({ lastActivity: {} }, 'session');
    changed({}, 'local');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.storage.data.session.has('vaultKey')).toBe(true); // still open (asking the worker would be activity)
    changed({ maxAutoLockMinutes: { newValue: 5 } }, 'managed');
    await vi.waitFor(async () => expect(await w.send('context/get', {})).toMatchObject({ value: { vault: 'locked' } }));
    fake.managed.policy = undefined;
  });

  it("a popup opened again is answered from the worker's copy of storage: no storage read (#33 item 4)", async () => {
    const w = await start();
    await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) });
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    const first = await w.send('context/get', { url: orgPage(1) });
    expect(first).toMatchObject({ ok: true, value: { vault: 'unlocked', org: { status: 'SYNCED' } } });
    const local = vi.spyOn(fake.storage.local, 'get');
    const session = vi.spyOn(fake.storage.session, 'get');
    expect(await w.send('context/get', { url: orgPage(1) })).toEqual(first);
    expect(local).not.toHaveBeenCalled();
    expect(session).not.toHaveBeenCalled();
    // A write from elsewhere reaches the next answer through storage.onChanged.
    const table = { [orgId(1)]: { orgId: orgId(1), status: 'NOT_SYNCED' } };
    fake.storage.data.local.set('orgStatus', table);
    for (const listener of fake.storageChanged) listener({ orgStatus: { newValue: table } }, 'local');
    expect(await w.send('context/get', { url: orgPage(1) })).toMatchObject({
      value: { org: { status: 'NOT_SYNCED' } },
    });
    expect(local).toHaveBeenCalledTimes(1);
  });

  it("a worker started by a popup's first message has read what it reads while the message was on its way", async () => {
    const w = await start();
    await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) });
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED' });
    const before = await w.send('context/get', { url: orgPage(1) });
    // The worker stops and starts again, storage kept (the unlocked session too): its entry runs afresh.
    for (const event of Object.values(events)) event.listeners.length = 0;
    vi.resetModules();
    const local = vi.spyOn(fake.storage.local, 'get');
    const session = vi.spyOn(fake.storage.session, 'get');
    await import('../../../../src/background/index');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One read of each area for the popup's keys, at start.
    expect(local.mock.calls[0]?.[0]).toEqual(expect.arrayContaining(['vault', 'settings', 'orgStatus', 'groupOrg']));
    expect(session.mock.calls[0]?.[0]).toEqual(expect.arrayContaining(['vaultKey', 'inFlight']));
    const atStart = [local.mock.calls.length, session.mock.calls.length];
    const reply = await fire(events.message, { name: 'context/get', request: { url: orgPage(1) } }, POPUP);
    expect(reply).toEqual(before);
    expect([local.mock.calls.length, session.mock.calls.length]).toEqual(atStart);
  });

  it("the organization's policy is read once, and again when storage.onChanged tells of an admin's change", async () => {
    const w = await start();
    const changed = (changes: Record<string, unknown>) => {
      for (const listener of fake.storageChanged) listener(changes, 'managed');
    };
    const managed = async () => ((await w.send('settings/get')) as { value: { managed?: object } }).value.managed;
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    changed({ maxAutoLockMinutes: { newValue: 5 } }); // whatever the worker's start read is forgotten
    const read = vi.spyOn(fake.browser.storage.managed, 'get');
    expect(await managed()).toEqual({ maxAutoLockMinutes: 5 });
    fake.managed.policy = {}; // not told: the worker keeps what it read
    expect(await managed()).toEqual({ maxAutoLockMinutes: 5 });
    expect(read).toHaveBeenCalledTimes(1);
    changed({ maxAutoLockMinutes: { oldValue: 5 } });
    expect(await managed()).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(2);
    // Firefox without a policies.json entry throws: no policy, and the next read asks again.
    fake.managed.policy = new Error('Managed storage manifest not found');
    changed({});
    expect(await managed()).toBeUndefined();
    const afterThrows = read.mock.calls.length;
    expect(afterThrows).toBeGreaterThan(2);
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    expect(await managed()).toEqual({ maxAutoLockMinutes: 5 });
    expect(await managed()).toEqual({ maxAutoLockMinutes: 5 });
    expect(read).toHaveBeenCalledTimes(afterThrows + 1);
    fake.managed.policy = undefined;
  });

  it('a policy change that fails is logged by its kind, never thrown', async () => {
    const w = await start();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await w.send('vault/create', { passphrase: 'a passphrase 123', profile: key(1) });
    vi.spyOn(polyfill.alarms, 'create').mockRejectedValueOnce({ kind: 'alarms-gone' });
    for (const listener of fake.storageChanged) listener({}, 'managed');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('policy change failed:', 'alarms-gone'));
  });

  it('a failure to make the minute alarm at start is logged too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(polyfill.alarms, 'get').mockRejectedValueOnce(undefined);
    await start();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('badge alarm failed:', 'undefined'));
    expect(fake.alarms.has('badge-age')).toBe(false);
  });
});
