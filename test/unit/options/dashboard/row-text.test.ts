// A dashboard row's status and last action in words (issue #29, item 4): Cloud Manager may answer a status check
// NOT_SYNCED for an org with no link, so a check's NOT_SYNCED claims neither a link nor none; a link's POST that
// answered NOT_SYNCED made a link, and says so. A revoke's outcomes are worded, never shown as raw codes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeExtension } from '../../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));
const { lastActionText, rowStatusText } = await import('../../../../src/options/dashboard/row-text');

const ORG = '5f1a2b3c4d5e6f7081920a1b';

beforeEach(() => {
  fake.current = fakeExtension();
});

describe('row words', () => {
  it.each([
    [undefined, 'Not synced (link not confirmed)'],
    ['status', 'Not synced (link not confirmed)'],
    ['link', 'Linked, not synced'],
  ] as const)('NOT_SYNCED answered by %s: %s', (statusFrom, words) => {
    expect(rowStatusText({ orgId: ORG, status: 'NOT_SYNCED', ...(statusFrom ? { statusFrom } : {}) })).toBe(words);
  });

  it("a link's NOT_SYNCED in the last action column says a link was made; a revoke's outcomes are words", () => {
    const action = (operation: 'link' | 'revoke-token', result: string) => ({
      orgId: ORG,
      lastAction: { time: 1, operation, result, ok: true },
    });
    expect(lastActionText(action('link', 'NOT_SYNCED'))).toBe('link — Linked, not synced');
    expect(lastActionText(action('revoke-token', 'nothing-to-revoke'))).toBe(
      'Revoke Atlas link token — Nothing to remove: Atlas had no link token',
    );
    expect(lastActionText(action('revoke-token', 'revoked'))).toBe('Revoke Atlas link token — Revoked');
  });
});
