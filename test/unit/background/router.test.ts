// The router: only this extension's popup and settings pages may send, and only the handler table's own entries
// are messages ('constructor' is not).
import { describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { createRouter, isTrustedSender } = await import('../../../src/background/router');

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
});
