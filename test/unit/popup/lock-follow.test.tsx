// @vitest-environment happy-dom
// The popup follows the vault (#32 item 6): told by the worker that the vault locked, it shows the unlock form; told
// it unlocked elsewhere, the org again. It answers no message (another page's request is the worker's to answer),
// and stops listening once closed.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('the popup follows a lock and an unlock made elsewhere', () => {
  it('shows the unlock form when the worker says the vault locked, and the org when it says unlocked', async () => {
    let vault: PopupContext['vault'] = 'unlocked';
    fake.current.handlers['context/get'] = () => orgContext({ vault });
    fake.current.handlers['link/status'] = () => ({ orgId: ORG, status: 'NOT_LINKED', checkedAt: Date.now() });
    render(<App url={`https://cloud.mongodb.com/v2#/org/${ORG}/projects`} />);
    await screen.findByTestId('org-panel');

    vault = 'locked';
    expect(fake.current.toPages({ notice: 'vault-state', vault: 'locked' })).toEqual([undefined]);
    await screen.findByTestId('unlock-form');
    expect(screen.queryByTestId('org-panel')).toBeNull();

    // Another page's request to the worker, passphrase and all: heard, ignored, not answered.
    const before = fake.current.sent.length;
    expect(fake.current.toPages({ name: 'vault/unlock', request: { passphrase: 'x' } })).toEqual([undefined]);
    expect(fake.current.sent.length).toBe(before);

    vault = 'unlocked';
    fake.current.toPages({ notice: 'vault-state', vault: 'unlocked' });
    await screen.findByTestId('org-panel');

    cleanup();
    await waitFor(() => expect(fake.current.listeners.size).toBe(0));
  });
});
