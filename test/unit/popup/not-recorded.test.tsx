// @vitest-environment happy-dom
// A link the server accepted whose outcome the worker could not store (storage.local full, #30 item 2) is shown as
// done, with a warning that it is not recorded and what to do; an ordinary link shows no such warning.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeExtension } from '../../support/fake-extension';
import { ORG, orgContext, TOKEN } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

const status = () => screen.getByTestId('status').textContent;
const linked = { orgId: ORG, name: 'Acme Prod', status: 'SYNCED', statusFrom: 'link', checkedAt: Date.now() };

async function linkWith(reply: object) {
  fake.current.handlers['link/create'] = () => reply;
  fake.current.handlers['context/get'] = () => orgContext();
  render(<App url={`https://cloud.mongodb.com/v2#/org/${ORG}/projects`} />);
  await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
  fireEvent.input(screen.getByLabelText('Atlas link token'), { target: { value: TOKEN } });
  fireEvent.click(screen.getByRole('button', { name: 'Link to Atlas' }));
  await waitFor(() => expect(screen.getByTestId('outcome').textContent).toContain('Linked to Atlas.'));
}

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['link/status'] = (r: { orgId: string }) => ({
    orgId: r.orgId,
    name: 'Acme Prod',
    status: 'NOT_LINKED',
  });
});
afterEach(cleanup);

describe('a link the server accepted', () => {
  it('not recorded: done, with the warning and its remedy', async () => {
    await linkWith({ ...linked, notRecorded: true });
    const outcome = screen.getByTestId('outcome').textContent;
    expect(outcome).toContain('The server accepted this call, but the extension could not save its outcome');
    expect(outcome).toContain('Export and clear the history');
  });

  it('recorded: done, and no warning', async () => {
    await linkWith(linked);
    expect(screen.queryByTestId('not-recorded')).toBeNull();
  });
});
