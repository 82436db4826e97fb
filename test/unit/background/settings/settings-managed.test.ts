// Settings under the organization's policy, through the router as the pages send them: with no policy (or a
// browser whose storage.managed throws or is missing) the answer is the user's settings as before; a policy caps
// the auto-lock and names what it sets; the user's own choice is kept, never the managed fields; a wrong value is
// ignored with one warning naming the policy; a policy change re-arms an open vault's alarm within the new limit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const settings = await import('../../../../src/background/settings/settings');
const { applyPolicyChange } = await import('../../../../src/background/settings/policy-changes');
const { createRouter } = await import('../../../../src/background/messaging/router');

const PAGE = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
// Made per call, inside the test: code run at a file's load counts as no test's (Stryker then reruns every test).
const send = (name: string, request: object = {}) =>
  createRouter(settings.settingsHandlers as never)({ name, request }, PAGE);
const OPS = 'https://opsmanager.example.com:8443';
const POLICY = { allowedOpsManagerServers: [OPS], maxAutoLockMinutes: 5, backupExportAllowed: false };

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.alarms.clear();
  delete fake.managed.policy;
});
afterEach(() => vi.restoreAllMocks());

describe('settings with no policy', () => {
  it('answers the user settings alone, with no managed field', async () => {
    await send('settings/set', { autoLockMinutes: 60 });
    expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 60 } });
  });

  it('a storage.managed that throws (Firefox without policies) or is missing is no policy, and no warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.managed.policy = new Error('Managed storage manifest not found');
    expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 15 } });
    const managed = fake.browser.storage.managed;
    try {
      (fake.browser.storage as { managed?: unknown }).managed = undefined;
      expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 15 } });
    } finally {
      (fake.browser.storage as { managed?: unknown }).managed = managed;
    }
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('settings under a policy', () => {
  it('caps the auto-lock and names every managed field with its limit', async () => {
    fake.managed.policy = POLICY;
    expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 5, managed: POLICY } });
  });

  it.each([
    [0, 5],
    [60, 5],
    [15, 5],
    [5, 5],
    [1, 1],
  ])('the user choice %i applies as %i under a 5-minute limit, and is kept as chosen', async (chosen, applied) => {
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    expect(await send('settings/set', { autoLockMinutes: chosen })).toEqual({
      ok: true,
      value: { autoLockMinutes: applied, managed: { maxAutoLockMinutes: 5 } },
    });
    expect(fake.storage.data.local.get('settings')).toEqual({ autoLockMinutes: chosen });
    // The policy lifted, the user's own choice applies again.
    delete fake.managed.policy;
    expect(await settings.readSettings()).toEqual({ autoLockMinutes: chosen });
  });

  it('stores only the user fields: a page cannot write the managed ones', async () => {
    fake.managed.policy = { backupExportAllowed: false };
    await send('settings/set', { autoLockMinutes: 1, managed: { backupExportAllowed: true } });
    expect(fake.storage.data.local.get('settings')).toEqual({ autoLockMinutes: 1 });
    expect(await send('settings/get')).toEqual({
      ok: true,
      value: { autoLockMinutes: 1, managed: { backupExportAllowed: false } },
    });
  });

  it('a value of the wrong type applies the strictest limit with one warning naming the policy, however often it is read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.managed.policy = { maxAutoLockMinutes: '5', backupExportAllowed: false };
    for (let i = 0; i < 3; i++) {
      expect(await send('settings/get')).toEqual({
        ok: true,
        value: {
          autoLockMinutes: 1,
          managed: { backupExportAllowed: false, maxAutoLockMinutes: 1 },
          malformedPolicies: ['maxAutoLockMinutes'],
        },
      });
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^Managed policy maxAutoLockMinutes must be a whole number/);
  });
});

describe('a policy change while the browser runs', () => {
  const unlockedAt = (lastActivity: number) => {
    fake.storage.data.session.set('vaultKey', 'an exported key');
    fake.storage.data.session.set('lastActivity', lastActivity);
  };

  it("sets an open vault's alarm again from its last activity, within the new limit", async () => {
    const now = Date.UTC(2031, 0, 1);
    unlockedAt(now - 60_000);
    fake.storage.data.local.set('settings', { autoLockMinutes: 60 });
    fake.alarms.set('auto-lock', { delayInMinutes: 59 });
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    await applyPolicyChange(now);
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 4 });
  });

  it('locks an open vault at once when its last activity is older than the new limit', async () => {
    const now = Date.UTC(2031, 0, 1);
    unlockedAt(now - 10 * 60_000);
    fake.storage.data.local.set('settings', { autoLockMinutes: 0 });
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    await applyPolicyChange(now);
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });

  it('a limit lifted keeps an open vault open with "when the browser closes", and removes its alarm', async () => {
    const now = Date.UTC(2031, 0, 1);
    unlockedAt(now - 60_000);
    fake.storage.data.local.set('settings', { autoLockMinutes: 0 });
    fake.alarms.set('auto-lock', { delayInMinutes: 4 });
    await applyPolicyChange(now);
    expect(fake.storage.data.session.get('vaultKey')).toBe('an exported key');
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });

  it('a vault whose last activity is exactly the new limit ago is locked at once', async () => {
    const now = Date.UTC(2031, 0, 1);
    unlockedAt(now - 5 * 60_000);
    fake.storage.data.local.set('settings', { autoLockMinutes: 60 });
    fake.managed.policy = { maxAutoLockMinutes: 5 };
    await applyPolicyChange(now);
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
  });

  it('a limit lifted leaves "when the browser closes" with no alarm; a locked vault is left alone', async () => {
    const now = Date.UTC(2031, 0, 1);
    unlockedAt(now - 60_000);
    fake.storage.data.local.set('settings', { autoLockMinutes: 0 });
    fake.alarms.set('auto-lock', { delayInMinutes: 4 });
    await applyPolicyChange(now);
    expect(fake.alarms.has('auto-lock')).toBe(false);
    fake.storage.data.session.clear();
    fake.managed.policy = { maxAutoLockMinutes: 1 };
    await applyPolicyChange(now);
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });
});
