// The router's edges: a sender URL with a user name, or no URL at all, is not this extension's page; a message that
// is no object or has no text name is an unknown message (variant 'unknown-message'), and nothing runs; the answer
// of a handler is passed back as it is, even when noting the activity fails.
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
// An open vault: activity arms the auto-lock only then (auto-lock.test.ts covers a locked one).
vi.mock('../../../../src/background/vault/vault-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/vault-store')>()),
  vaultState: async () => 'unlocked',
}));

const { createRouter, isTrustedSender, PAGE_PATHS } = await import('../../../../src/background/messaging/router');
const { activityNoted } = await import('../../../../src/background/vault/auto-lock');

const ORIGIN = 'chrome-extension://test-extension/';
const POPUP = { id: 'test-extension', url: `${ORIGIN}src/popup/index.html` };

afterEach(() => vi.restoreAllMocks());

describe('isTrustedSender', () => {
  it('names the two pages by path', () => {
    expect(PAGE_PATHS).toEqual(['/src/popup/index.html', '/src/options/index.html']);
  });

  it.each([
    ['a user name in the URL', 'chrome-extension://someone@test-extension/src/popup/index.html'],
    ['a user name and password', 'chrome-extension://a:b@test-extension/src/options/index.html'],
    ['no URL that parses', 'not a url'],
    ['an empty URL', ''],
    ['the origin alone', ORIGIN],
    ['another port', 'chrome-extension://test-extension:8080/src/popup/index.html'],
  ])('refuses %s', (_, url) => {
    expect(isTrustedSender({ id: 'test-extension', url })).toBe(false);
  });

  it('refuses a URL that is no text and a sender with no id', () => {
    expect(isTrustedSender({ id: 'test-extension', url: 42 } as never)).toBe(false);
    expect(isTrustedSender({ url: POPUP.url })).toBe(false);
  });

  it("compares with the origin it is given (Firefox's moz-extension:)", () => {
    const url = 'moz-extension://3f1c/src/popup/index.html';
    expect(isTrustedSender({ id: 'test-extension', url }, 'moz-extension://3f1c/')).toBe(true);
    expect(isTrustedSender({ id: 'test-extension', url })).toBe(false);
    expect(isTrustedSender(POPUP, 'moz-extension://3f1c/')).toBe(false);
  });
});

describe('createRouter', () => {
  const unknown = { ok: false, error: { kind: 'internal', params: { variant: 'unknown-message' } } };

  it.each([
    ['no message', undefined],
    ['null', null],
    ['a string', 'settings/get'],
    ['a name that is not text', { name: 7 }],
    ['no name', { request: {} }],
  ])('%s is an unknown message and runs nothing', async (_, message) => {
    const handler = vi.fn(async () => 'ran');
    const router = createRouter({ 'settings/get': handler } as never);
    expect(await router(message, POPUP)).toEqual(unknown);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers the handler's value as it is, and notes the activity", async () => {
    fake.alarms.clear();
    fake.storage.data.session.delete('lastActivity');
    const router = createRouter({ 'history/list': async () => [{ orgId: 'o1' }] } as never);
    expect(await router({ name: 'history/list', request: { orgId: 'o1' } }, POPUP)).toEqual({
      ok: true,
      value: [{ orgId: 'o1' }],
    });
    await activityNoted();
    expect(fake.storage.data.session.has('lastActivity')).toBe(true);
    expect(fake.alarms.has('auto-lock')).toBe(true);
  });

  it('a failure to note the activity does not turn a done message into a failure', async () => {
    const router = createRouter({ 'settings/get': async () => ({ autoLockMinutes: 5 }) } as never);
    vi.spyOn(fake.browser.alarms, 'create').mockRejectedValue(new Error('alarms are gone'));
    expect(await router({ name: 'settings/get', request: {} }, POPUP)).toEqual({
      ok: true,
      value: { autoLockMinutes: 5 },
    });
  });

  it('an untrusted sender is refused with forbidden-sender and no params', async () => {
    const router = createRouter({} as never);
    expect(await router({ name: 'settings/get' }, { id: 'test-extension', url: 'https://evil.example/' })).toEqual({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
  });
});
