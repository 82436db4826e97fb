// The router: only this extension's popup and settings pages may send, only the handler table's own entries are
// messages ('constructor' is not), a thrown error comes back as an ErrorView, and every accepted message but a lock
// pushes the auto-lock back.
import { describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
// An open vault: activity arms the auto-lock only then (auto-lock.test.ts covers a locked one).
vi.mock('../../../../src/background/vault/vault-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/vault-store')>()),
  vaultState: async () => 'unlocked',
}));

const { createRouter, isTrustedSender } = await import('../../../../src/background/messaging/router');
const { WorkerError } = await import('../../../../src/background/messaging/worker-error');
const { activityNoted } = await import('../../../../src/background/vault/auto-lock');

const page = (path: string, extra: Record<string, unknown> = {}) => ({
  id: 'test-extension',
  url: `chrome-extension://test-extension/${path}`,
  ...extra,
});

describe('router', () => {
  it('accepts exactly the popup and settings pages of this extension', () => {
    expect(isTrustedSender(page('src/popup/index.html'))).toBe(true);
    expect(isTrustedSender(page('src/options/index.html#dashboard'))).toBe(true);
    expect(isTrustedSender(page('src/options/index.html?x=1'))).toBe(true);
    for (const sender of [
      page('src/other.html'),
      page('assets/evil.html'),
      page('src/popup/index.html.evil'),
      { id: 'other-extension', url: 'chrome-extension://other-extension/src/popup/index.html' },
      { id: 'test-extension', url: 'https://cloud.mongodb.com/src/popup/index.html' },
      { id: 'test-extension', url: 'chrome-extension://test-extension.evil/src/popup/index.html' },
      { id: 'test-extension' },
    ]) {
      expect(isTrustedSender(sender as never), JSON.stringify(sender)).toBe(false);
    }
  });

  it('answers an unknown message, never an inherited property', async () => {
    const called: string[] = [];
    const router = createRouter({ 'settings/get': async () => called.push('settings') } as never);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nope']) {
      const reply = await router({ name, request: {} }, page('src/popup/index.html') as never);
      expect(reply, name).toMatchObject({ ok: false, error: { kind: 'internal' } });
    }
    expect(called).toEqual([]);
    expect(await router({ name: 'settings/get', request: {} }, page('src/popup/index.html') as never)).toMatchObject({
      ok: true,
    });
  });

  it('runs nothing for a sender it does not trust', async () => {
    const called: string[] = [];
    const router = createRouter({ 'settings/get': async () => called.push('settings') } as never);
    const reply = await router({ name: 'settings/get', request: {} }, { id: 'other', url: 'https://evil.example/' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(called).toEqual([]);
  });

  it('answers a thrown error as its ErrorView, and hands a handler an object whatever the request was', async () => {
    const seen: unknown[] = [];
    const router = createRouter({
      'profiles/remove': async (request: unknown) => {
        seen.push(request);
        throw new WorkerError('no-profile', { variant: 'x' });
      },
    } as never);
    const popup = page('src/popup/index.html') as never;
    for (const request of [undefined, null, 'text', { profileId: 'p1' }]) {
      expect(await router({ name: 'profiles/remove', request }, popup)).toEqual({
        ok: false,
        error: { kind: 'no-profile', params: { variant: 'x' } },
      });
    }
    expect(seen).toEqual([{}, {}, {}, { profileId: 'p1' }]);
  });

  it('an accepted message pushes the auto-lock back; a lock does not set it again', async () => {
    fake.alarms.clear();
    const router = createRouter({ 'settings/get': async () => null, 'vault/lock': async () => null } as never);
    const popup = page('src/popup/index.html') as never;
    await router({ name: 'vault/lock', request: {} }, popup);
    await activityNoted();
    expect(fake.alarms.has('auto-lock')).toBe(false);
    await router({ name: 'settings/get', request: {} }, popup);
    await activityNoted();
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 15 });
    // A refused message is no activity.
    fake.alarms.clear();
    await router({ name: 'settings/get', request: {} }, { id: 'other', url: 'https://evil.example/' });
    expect(fake.alarms.size).toBe(0);
  });
});
