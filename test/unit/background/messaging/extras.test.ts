// The worker's extras (#33 item 4): the settings page's capabilities and the popup's Atlas side are loaded on their
// first message, not at each start. The handler table lists exactly the extras' messages and reaches each through
// the loader; the built worker's loader (load-extras.sw.ts) imports the extras' script once, from the stored copy
// its install imported, and in Firefox's event page (no importScripts) finds them already run.
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const FILE = 'assets/worker-extras-Ab12Cd34.js';
type Scope = { __cmExtras?: unknown; importScripts?: (url: string) => void };
const scope = globalThis as unknown as Scope;

afterEach(() => {
  delete scope.__cmExtras;
  delete scope.importScripts;
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the handler table', () => {
  it('lists every message of the extras, and only those, and loads them at the first one', async () => {
    const { EXTRA_MESSAGES, handlers } = await import('../../../../src/background/messaging/handlers');
    const { extraHandlers } = await import('../../../../src/background/extras');
    expect([...EXTRA_MESSAGES].sort()).toEqual(Object.keys(extraHandlers).sort());
    for (const name of EXTRA_MESSAGES) expect(handlers[name]).not.toBe(extraHandlers[name]);
    // A known org's popup: context/get, status, link and unlink, and the vault, answer without the extras.
    for (const name of ['context/get', 'link/status', 'link/create', 'link/delete', 'vault/unlock', 'vault/lock']) {
      expect(EXTRA_MESSAGES as readonly string[]).not.toContain(name);
    }
  });

  it('answers an extras message through them: the dashboard of an empty vault', async () => {
    const { handlers } = await import('../../../../src/background/messaging/handlers');
    await expect(handlers['dashboard/view']({})).resolves.toMatchObject({ vault: 'empty', profiles: [], rows: [] });
  });
});

describe("the built worker's loader", () => {
  const extras = { extraHandlers: {}, watchRound: async () => 0 };

  it('imports the extras once, by their file in the package, and hands them over', async () => {
    vi.stubGlobal('__CM_EXTRAS_FILE__', FILE);
    const importScripts = vi.fn(() => {
      scope.__cmExtras = extras;
    });
    scope.importScripts = importScripts;
    const { loadExtras } = await import('../../../../src/background/messaging/load-extras.sw');
    await expect(loadExtras()).resolves.toBe(extras);
    await expect(loadExtras()).resolves.toBe(extras);
    expect(importScripts.mock.calls).toEqual([[`/${FILE}`]]);
  });

  it('stores the extras with the worker at its install, and only then', async () => {
    vi.stubGlobal('__CM_EXTRAS_FILE__', FILE);
    const importScripts = vi.fn();
    scope.importScripts = importScripts;
    const listeners: Record<string, () => void> = {};
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => {
      listeners[type] = listener;
    });
    const { keepExtrasInstalled } = await import('../../../../src/background/messaging/load-extras.sw');
    keepExtrasInstalled();
    expect(importScripts).not.toHaveBeenCalled();
    listeners.install?.();
    expect(importScripts.mock.calls).toEqual([[`/${FILE}`]]);
  });

  it('fails the message, not the worker, when the script cannot be imported (not stored at the install)', async () => {
    vi.stubGlobal('__CM_EXTRAS_FILE__', FILE);
    scope.importScripts = () => {
      throw new DOMException('Failed to execute importScripts', 'NetworkError');
    };
    const { loadExtras } = await import('../../../../src/background/messaging/load-extras.sw');
    await expect(loadExtras()).rejects.toMatchObject({ name: 'NetworkError' });
  });

  it("finds them already run in Firefox's event page, which has no importScripts", async () => {
    vi.stubGlobal('__CM_EXTRAS_FILE__', FILE);
    const { loadExtras, keepExtrasInstalled } = await import('../../../../src/background/messaging/load-extras.sw');
    keepExtrasInstalled();
    await expect(loadExtras()).rejects.toThrow('no extras');
    scope.__cmExtras = extras;
    await expect(loadExtras()).resolves.toBe(extras);
  });
});
