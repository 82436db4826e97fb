// @vitest-environment happy-dom
// The popup's first render: when the worker's answer to main.tsx's context/get is in before the app's module, the
// popup opens on the org in one render, with no "Loading" render before it (and no wait for the effect that would
// ask, which Preact runs only after the next frame). A worker slower than the short wait gets "Loading" first.
import { cleanup, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { MessageError } from '../../../src/shared/messages';
import { fakeExtension } from '../../support/fake-extension';
import { ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { mountPopup, FIRST_ANSWER_WAIT_MS } = await import('../../../src/popup/mount');
const TAB_URL = `https://cloud.mongodb.com/v2#/org/${ORG}/projects`;

/** Every state #app was in, in order: "busy" (the Loading line), the org id shown, or "error" (an alert). */
function watchApp(): string[] {
  const seen: string[] = [];
  const app = document.getElementById('app')!;
  const note = () => {
    const orgId = app.querySelector('[data-testid="org-id"]')?.textContent;
    const state = app.textContent?.includes('Loading…')
      ? 'busy'
      : (orgId ?? (app.querySelector('[role="alert"]') ? 'error' : ''));
    if (state && seen.at(-1) !== state) seen.push(state);
  };
  new MutationObserver(note).observe(app, { childList: true, subtree: true, characterData: true });
  return seen;
}

const contextGets = () => fake.current.sent.filter((m) => m.name === 'context/get').length;

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['link/status'] = (r: { orgId: string }) => ({ orgId: r.orgId, status: 'NOT_LINKED' });
  document.body.innerHTML = '<div id="app"></div>';
});
afterEach(() => {
  cleanup();
  document.getElementById('app')?.remove();
});

describe("the popup's first render", () => {
  it('is the org when the worker answered before the app was in: no Loading render, no second context/get', async () => {
    const seen = watchApp();
    await mountPopup(TAB_URL, Promise.resolve(orgContext()));
    await waitFor(() => expect(document.querySelector('[data-testid="org-id"]')?.textContent).toBe(ORG));
    await waitFor(() => expect(fake.current.sent.map((m) => m.name)).toContain('link/status'));
    expect(seen[0]).toBe(ORG);
    expect(seen).not.toContain('busy');
    expect(contextGets()).toBe(0);
  });

  it('is the error when the first answer was a failure, and the error is the one the worker gave', async () => {
    const seen = watchApp();
    const first = Promise.reject(new MessageError({ kind: 'outcome-unknown' }));
    await mountPopup(TAB_URL, first);
    await waitFor(() => expect(seen).toContain('error'));
    expect(seen).not.toContain('busy');
    expect(document.getElementById('app')!.textContent).toContain('Check the status before trying again');
    expect(contextGets()).toBe(0);
  });

  it('shows Loading when the worker takes longer than the short wait, then the org from that same answer', async () => {
    const seen = watchApp();
    let answer!: (context: PopupContext) => void;
    const first = new Promise<PopupContext>((resolve) => {
      answer = resolve;
    });
    const mounted = mountPopup(TAB_URL, first);
    await mounted;
    await waitFor(() => expect(seen).toEqual(['busy']));
    answer(orgContext());
    await waitFor(() => expect(document.querySelector('[data-testid="org-id"]')?.textContent).toBe(ORG));
    expect(seen).toEqual(['busy', ORG]);
    expect(contextGets()).toBe(0);
    expect(FIRST_ANSWER_WAIT_MS).toBeLessThanOrEqual(100);
  });
});
