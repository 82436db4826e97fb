// @vitest-environment happy-dom
// A popup opened on a page whose panel the worker kept paints that panel at once, and asks the worker only once it
// has painted (a stopped worker's start would slow the paint); the worker's answer replaces the panel when it
// differs, leaves it alone when it does not, and its failure replaces it with the error. The status check waits for
// that answer: it may tell of a call whose outcome is unknown, which no check may hide.
import { cleanup, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { snapshotOf } from '../../../src/shared/popup-snapshot';
import { fakeExtension } from '../../support/fake-extension';
import { ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { mountPopup } = await import('../../../src/popup/mount');
const { keptContext } = await import('../../../src/popup/kept-panel');
const TAB_URL = `https://cloud.mongodb.com/v2#/org/${ORG}/projects`;
const sentNames = () => fake.current.sent.map((m) => m.name);
const kept = (overrides: Partial<PopupContext> = {}) =>
  JSON.parse(JSON.stringify(snapshotOf(orgContext(overrides)))) as PopupContext;

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['link/status'] = (r: { orgId: string }) => ({ orgId: r.orgId, status: 'NOT_LINKED' });
  document.body.innerHTML = '<div id="app"></div>';
});
afterEach(() => {
  cleanup();
  document.getElementById('app')?.remove();
});

describe('keptContext', () => {
  const stored = [
    { page: 'org a', urls: ['https://x/1', 'https://x/2'], context: { vault: 'unlocked' }, until: 2_000 },
    { page: 'org b', urls: ['https://x/3'], context: { vault: 'unlocked', org: {} }, until: null },
  ];
  it("finds the panel kept for the tab's address until its lock deadline; null: until the browser closes", () => {
    expect(keptContext(stored, 'https://x/2', 1_000)).toEqual({ vault: 'unlocked' });
    expect(keptContext(stored, 'https://x/2', 2_000)).toBeUndefined();
    expect(keptContext(stored, 'https://x/3', Number.MAX_SAFE_INTEGER)).toEqual({ vault: 'unlocked', org: {} });
    expect(keptContext(stored, 'https://x/4', 0)).toBeUndefined();
    expect(keptContext(stored, undefined, 0)).toBeUndefined();
  });
  it('finds nothing in what is no list of panels', () => {
    for (const bad of [undefined, null, 'x', 3, {}, [null, 3, { urls: 'https://x/1' }]])
      expect(keptContext(bad, 'https://x/1', 0)).toBeUndefined();
  });
});

describe('a popup with a kept panel', () => {
  it('paints the kept org before it asks the worker, then asks once, and keeps the panel when the answer is the same', async () => {
    const seenBeforeAsking: (string | undefined)[] = [];
    fake.current.handlers['context/get'] = () => {
      seenBeforeAsking.push(document.querySelector('[data-testid="org-id"]')?.textContent ?? undefined);
      return orgContext({ inFlight: 'status' });
    };
    await mountPopup(TAB_URL, kept());
    // In the page at once: no Loading, and the worker not yet asked.
    expect(document.querySelector('[data-testid="org-id"]')?.textContent).toBe(ORG);
    expect(sentNames()).not.toContain('context/get');
    await waitFor(() => expect(sentNames()).toContain('context/get'));
    expect(seenBeforeAsking).toEqual([ORG]);
    expect(fake.current.sent.find((m) => m.name === 'context/get')?.request).toEqual({ url: TAB_URL });
    await waitFor(() => expect(sentNames()).toContain('link/status'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The status check waited for the worker's answer; the same panel was not started again: checked once.
    expect(sentNames()).toEqual(['context/get', 'link/status']);
  });

  it("checks no status when the worker's answer tells of a call whose outcome is unknown", async () => {
    fake.current.handlers['context/get'] = () => orgContext({ interrupted: 'link' });
    await mountPopup(TAB_URL, kept());
    await waitFor(() => expect(document.body.textContent).toContain('outcome is unknown'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentNames()).toEqual(['context/get']);
  });

  it("replaces the panel with the worker's answer when that differs", async () => {
    fake.current.handlers['context/get'] = () => orgContext();
    await mountPopup(TAB_URL, kept({ candidates: ['p1', 'p2'] }));
    expect(document.querySelector('select#profile')).not.toBeNull();
    await waitFor(() => expect(document.querySelector('[data-testid="profile-label"]')).not.toBeNull());
    expect(document.querySelector('select#profile')).toBeNull();
  });

  it('shows the unlock form when the vault locked since the panel was kept', async () => {
    fake.current.handlers['context/get'] = () => orgContext({ vault: 'locked' });
    await mountPopup(TAB_URL, kept());
    await waitFor(() => expect(document.querySelector('[data-testid="org-id"]')).toBeNull());
    await waitFor(() => expect(document.querySelector('input[type="password"]')).not.toBeNull());
  });

  it("replaces the panel with the worker's error when it fails", async () => {
    fake.current.handlers['context/get'] = () => {
      throw { kind: 'internal' };
    };
    await mountPopup(TAB_URL, kept());
    await waitFor(() => expect(document.querySelector('[role="alert"]')).not.toBeNull());
    expect(document.querySelector('[data-testid="org-id"]')).toBeNull();
  });
});
