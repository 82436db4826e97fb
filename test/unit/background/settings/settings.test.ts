// User settings: 15 minutes of auto-lock unless the user chose one of 0, 1, 5, 15, 60; a stored value outside the
// choices (an old or altered record) reads as 15; a value outside them is refused as invalid input and changes
// nothing; a change keeps what else is stored. Through the router, as the pages send it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const settings = await import('../../../../src/background/settings/settings');
const { createRouter } = await import('../../../../src/background/messaging/router');

const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
// Made per call, inside the test: code run at a file's load counts as no test's (Stryker then reruns every test).
const send = (name: string, request: object = {}) =>
  createRouter(settings.settingsHandlers as never)({ name, request }, POPUP);

beforeEach(() => fake.storage.data.local.clear());

describe('settings', () => {
  it('offers exactly 0, 1, 5, 15 and 60 minutes, 15 by default', () => {
    expect(settings.AUTO_LOCK_CHOICES).toEqual([0, 1, 5, 15, 60]);
    expect(settings.DEFAULT_SETTINGS).toEqual({ autoLockMinutes: 15 });
  });

  it('reads 15 when nothing is stored, and stores nothing by reading', async () => {
    expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 15 } });
    expect(fake.storage.data.local.has('settings')).toBe(false);
  });

  it.each([0, 1, 5, 15, 60])('stores and answers %i minutes', async (minutes) => {
    expect(await send('settings/set', { autoLockMinutes: minutes })).toEqual({
      ok: true,
      value: { autoLockMinutes: minutes },
    });
    expect(fake.storage.data.local.get('settings')).toEqual({ autoLockMinutes: minutes });
    expect(await settings.readSettings()).toEqual({ autoLockMinutes: minutes });
  });

  it.each([7, -1, '5', null, 15.5, 1e9])('refuses %j as invalid input and keeps what was stored', async (minutes) => {
    await send('settings/set', { autoLockMinutes: 5 });
    expect(await send('settings/set', { autoLockMinutes: minutes })).toEqual({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(fake.storage.data.local.get('settings')).toEqual({ autoLockMinutes: 5 });
    await expect(settings.writeSettings({ autoLockMinutes: minutes as never })).rejects.toMatchObject({
      name: 'WorkerError',
      kind: 'invalid-input',
    });
  });

  it.each([{ autoLockMinutes: 7 }, { autoLockMinutes: '5' }, {}, 'garbage', [5]])(
    'a stored %j reads as 15 minutes',
    async (stored) => {
      fake.storage.data.local.set('settings', stored);
      expect(await send('settings/get')).toEqual({ ok: true, value: { autoLockMinutes: 15 } });
    },
  );

  it('a change keeps the other stored fields, and an empty change changes nothing', async () => {
    fake.storage.data.local.set('settings', { autoLockMinutes: 60, theme: 'dark' });
    expect(await send('settings/set', {})).toEqual({ ok: true, value: { autoLockMinutes: 60 } });
    expect(await send('settings/set', { autoLockMinutes: 0 })).toEqual({ ok: true, value: { autoLockMinutes: 0 } });
    expect(fake.storage.data.local.get('settings')).toEqual({ autoLockMinutes: 0, theme: 'dark' });
  });
});
