// @vitest-environment happy-dom
// The popup reaches the worker before it loads what it shows: main.tsx sends 'context/get' before the app's module
// is imported, and the app takes that answer instead of asking again. A known org's popup never loads the forms
// and panels it does not show (setup, unlock, key-pair, create-and-link); a popup that shows one loads it then.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
const TAB_URL = `https://cloud.mongodb.com/v2#/org/aaaaaaaaaaaaaaaaaaaaaaa1/projects`;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'tabs'
          ? { query: async () => [{ url: TAB_URL }] }
          : key === 'runtime'
            ? { ...fake.current.browser.runtime, onMessage: { addListener() {}, removeListener() {} } }
            : (fake.current.browser as Record<string | symbol, unknown>)[key],
    },
  ),
}));

/** Which of the lazily loaded modules were imported, in order, and what had been sent when mount.tsx was. */
const loaded = vi.hoisted(() => ({ modules: [] as string[], sentBeforeMount: undefined as string[] | undefined }));
vi.mock('../../../src/popup/mount', async (importOriginal) => {
  loaded.sentBeforeMount = fake.current.sent.map((m) => m.name);
  return importOriginal();
});
for (const [name, path] of [
  ['SetupForm', '../../../src/popup/SetupForm'],
  ['UnlockForm', '../../../src/ui/UnlockForm'],
  ['NoKeyPairPanel', '../../../src/popup/NoKeyPairPanel'],
  ['CreateAndLink', '../../../src/popup/CreateAndLink'],
  ['ProjectClientPanel', '../../../src/popup/ProjectClientPanel'],
  ['AtlasOrgPanel', '../../../src/popup/AtlasOrgPanel'],
] as const) {
  vi.doMock(path, async (importOriginal) => {
    loaded.modules.push(name);
    return importOriginal();
  });
}

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['link/status'] = (r: { orgId: string }) => ({ orgId: r.orgId, status: 'NOT_LINKED' });
  document.body.innerHTML = '<div id="app"></div>';
});
afterEach(cleanup);

describe('the popup at start', () => {
  it("sends 'context/get' for the tab before the app's module loads, and shows that answer without asking again", async () => {
    fake.current.handlers['context/get'] = () => orgContext();
    await import('../../../src/popup/main');
    await waitFor(() => expect(document.querySelector('[data-testid="org-id"]')?.textContent).toBe(ORG));
    // No stylesheet file: Chromium serves an extension's CSS through its words catalogue, a blocking call; the
    // popup's style is in its page (the build's inlinePopupStyle, checked by the build-shape e2e test).
    expect(document.querySelectorAll('link[rel="stylesheet"]')).toHaveLength(0);
    expect(loaded.sentBeforeMount).toEqual(['context/get']);
    expect(fake.current.sent.filter((m) => m.name === 'context/get')).toEqual([
      { name: 'context/get', request: { url: TAB_URL } },
    ]);
    // A known org with its key pair and no Atlas key pair: no form and no panel it does not show was loaded.
    await waitFor(() => expect(fake.current.sent.map((m) => m.name)).toContain('link/status'));
    expect(loaded.modules).toEqual([]);
  });
});

describe('a form loaded when it is shown', () => {
  const open = (context: PopupContext) => {
    fake.current.handlers['context/get'] = () => context;
    return import('../../../src/popup/App').then(({ App }) => render(<App url={TAB_URL} />));
  };

  it('the setup form, for an empty vault', async () => {
    await open(orgContext({ vault: 'empty', profiles: [], profileId: undefined, candidates: undefined }));
    await waitFor(() => expect(screen.getByTestId('setup-form')).toBeTruthy());
    expect(loaded.modules).toContain('SetupForm');
  });

  it('the unlock form, for a locked vault', async () => {
    await open(orgContext({ vault: 'locked', profiles: [], profileId: undefined, candidates: undefined }));
    await waitFor(() => expect(screen.getByLabelText('Passphrase')).toBeTruthy());
    expect(loaded.modules).toContain('UnlockForm');
  });
});
