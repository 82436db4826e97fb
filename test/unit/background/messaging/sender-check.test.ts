// The router's sender check, sender by sender: only this extension's popup and settings pages (by exact path) are
// served; another extension, a web page, this extension's own content script (its id, a web page's URL) and a
// sender with no URL are each answered 'forbidden-sender', with no handler run and no activity noted.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { createRouter, isTrustedSender, PAGE_PATHS } = await import('../../../../src/background/messaging/router');

const ORIGIN = 'chrome-extension://test-extension';
const POPUP = { id: 'test-extension', url: `${ORIGIN}/src/popup/index.html` };
const OPTIONS = { id: 'test-extension', url: `${ORIGIN}/src/options/index.html` };

const refused: [string, Record<string, unknown>][] = [
  [
    'another extension (its own popup page)',
    { id: 'other-extension', url: 'chrome-extension://other-extension/src/popup/index.html' },
  ],
  ['another extension naming our page URL', { id: 'other-extension', url: POPUP.url }],
  ['a web page', { url: 'https://evil.example/src/popup/index.html' }],
  ['a web page with an origin', { url: 'https://evil.example/', origin: 'https://evil.example' }],
  [
    'a content script of this extension',
    { id: 'test-extension', url: 'https://cloud.mongodb.com/v2#/org/5f0000000000000000000001', tab: { id: 3 } },
  ],
  ['this extension with no url', { id: 'test-extension' }],
  ['this extension with an empty url', { id: 'test-extension', url: '' }],
  ['this extension with a url that does not parse', { id: 'test-extension', url: 'not a url' }],
  ['no id and no url', {}],
  // Not a string (a URL object would parse as the popup's URL): the browser only ever sends a string.
  ['this extension with a url that is not a string', { id: 'test-extension', url: new URL(POPUP.url) }],
  ['another path of this extension', { id: 'test-extension', url: `${ORIGIN}/src/background/index.html` }],
  ['the popup path as a prefix', { id: 'test-extension', url: `${ORIGIN}/src/popup/index.html/x` }],
  ['the popup folder', { id: 'test-extension', url: `${ORIGIN}/src/popup/` }],
  ['the popup path without its folder', { id: 'test-extension', url: `${ORIGIN}/index.html` }],
  ['the origin alone', { id: 'test-extension', url: `${ORIGIN}/` }],
  [
    'a user name in the URL',
    { id: 'test-extension', url: 'chrome-extension://user@test-extension/src/popup/index.html' },
  ],
  ['a look-alike host', { id: 'test-extension', url: 'chrome-extension://test-extension2/src/popup/index.html' }],
  [
    'another scheme, same host and path',
    { id: 'test-extension', url: 'moz-extension://test-extension/src/popup/index.html' },
  ],
  ['a port on the host', { id: 'test-extension', url: 'https://test-extension:8443/src/popup/index.html' }],
];

beforeEach(() => {
  fake.alarms.clear();
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

describe('the sender check', () => {
  it('names exactly the two page paths as built', () => {
    expect(PAGE_PATHS).toEqual(['/src/popup/index.html', '/src/options/index.html']);
  });

  it.each(refused)('refuses %s as forbidden-sender, running nothing', async (_, sender) => {
    const called: string[] = [];
    const router = createRouter({ 'settings/get': async () => called.push('settings/get') } as never);
    expect(isTrustedSender(sender as never)).toBe(false);
    expect(await router({ name: 'settings/get', request: {} }, sender as never)).toEqual({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
    expect(called).toEqual([]);
    // Refused before anything else: no activity noted, no auto-lock alarm, nothing written.
    expect(fake.alarms.size).toBe(0);
    expect(fake.storage.data.session.size).toBe(0);
  });

  it.each([
    ['the popup page', POPUP],
    ['the settings page', OPTIONS],
    ['the dashboard (a hash of the settings page)', { ...OPTIONS, url: `${OPTIONS.url}#dashboard` }],
    ['the popup with a query', { ...POPUP, url: `${POPUP.url}?tab=5` }],
  ])('accepts %s and runs the handler', async (_, sender) => {
    const called: unknown[] = [];
    const router = createRouter({
      'settings/get': async (request: unknown) => {
        called.push(request);
        return { autoLockMinutes: 1 };
      },
    } as never);
    expect(isTrustedSender(sender)).toBe(true);
    expect(await router({ name: 'settings/get', request: { a: 1 } }, sender)).toEqual({
      ok: true,
      value: { autoLockMinutes: 1 },
    });
    expect(called).toEqual([{ a: 1 }]);
  });

  it("compares the sender's id with the runtime's id, not a fixed name", () => {
    const otherOrigin = 'chrome-extension://other-extension/';
    // Another extension's pages are refused even if the caller passes that extension's origin: the id must be ours.
    expect(isTrustedSender({ id: 'other-extension', url: `${otherOrigin}src/popup/index.html` }, otherOrigin)).toBe(
      false,
    );
    // Our id with the origin given explicitly: that origin is the one compared.
    expect(isTrustedSender({ id: 'test-extension', url: `${otherOrigin}src/popup/index.html` }, otherOrigin)).toBe(
      true,
    );
    expect(isTrustedSender(POPUP, otherOrigin)).toBe(false);
  });
});
