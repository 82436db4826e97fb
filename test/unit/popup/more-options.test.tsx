// @vitest-environment happy-dom
// The popup's key-pair forms inside 600 px (#32 item 4): the setup form names the tab's org first; the side and the
// credential kind are folded under "More options", its summary saying what is chosen, opened when another side or
// kind is chosen, and opened by a side error's hint (the hint asks for the side the fold holds).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { AddProfileForm } = await import('../../../src/popup/AddProfileForm');
const { SetupForm } = await import('../../../src/popup/SetupForm');

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaa1';
const more = (form: HTMLElement) => within(form).getByTestId('more-options') as HTMLDetailsElement;

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('More options in the popup’s key-pair forms', () => {
  it('the setup form names the org first; side and kind folded, the summary saying Cloud Manager · API key', () => {
    render(<SetupForm orgId={ORG} orgName="Acme Retail" onDone={async () => undefined} />);
    const form = screen.getByTestId('setup-form');
    expect(within(form).getByTestId('setup-org').textContent).toBe(`Organization on this tab: Acme Retail (${ORG})`);
    expect(more(form).open).toBe(false);
    expect(more(form).querySelector('summary')!.textContent).toBe('More options: Cloud Manager · API key');
    // The org, then the client name, the keys, the fold, the passphrase: in the document's order.
    const order = ['setup-org', 'setup-label', 'setup-public', 'setup-private', 'more-options', 'setup-passphrase'].map(
      (id) => form.querySelector(`[data-testid="${id}"], #${id}`)!,
    );
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('another side chosen: the fold stays open and says so', async () => {
    render(<SetupForm onDone={async () => undefined} />);
    const form = screen.getByTestId('setup-form');
    expect(within(form).queryByTestId('setup-org')).toBeNull();
    fireEvent.click(within(form).getByLabelText('Atlas'));
    await waitFor(() => expect(more(form).open).toBe(true));
    expect(more(form).querySelector('summary')!.textContent).toBe('More options: Atlas · API key');
  });

  it('a Cloud Manager key of an Atlas org: the hint to choose Atlas opens the fold', async () => {
    fake.current.handlers['profiles/add'] = () => {
      throw { kind: 'atlas-org' };
    };
    render(<AddProfileForm orgId={ORG} onDone={async () => undefined} />);
    const form = screen.getByTestId('add-profile-form');
    expect(more(form).open).toBe(false);
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme' } });
    fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
    fireEvent.input(within(form).getByLabelText('Private key (password)'), {
      target: { value: '11111111-2222-3333-4444-555555555555' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await within(form).findByTestId('side-hint');
    await waitFor(() => expect(more(form).open).toBe(true));
  });
});
