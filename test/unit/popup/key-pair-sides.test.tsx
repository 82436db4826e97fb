// @vitest-environment happy-dom
// The popup's key-pair forms carry the same side switch: on an org page a Cloud Manager key pair is saved for that
// org as before, an Atlas one is saved without the page's org (an Atlas key is never a Cloud Manager org's key);
// the first key pair of a new vault may be of any side; a Cloud Manager key of an Atlas org gets the hint to switch.
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
const PRIVATE = '11111111-2222-3333-4444-555555555555';
const PASSPHRASE = 'a passphrase 123';

function fill(form: HTMLElement) {
  fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme' } });
  fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
  fireEvent.input(within(form).getByLabelText('Private key (password)'), { target: { value: PRIVATE } });
}
const requests = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['profiles/add'] = () => ({ profile: {} });
  fake.current.handlers['vault/create'] = () => ({ profile: {} });
});
afterEach(cleanup);

describe('the popup’s key-pair forms', () => {
  it('on an org page: Cloud Manager is saved for the page’s org, Atlas without it', async () => {
    const onDone = vi.fn(async () => undefined);
    render(<AddProfileForm orgId={ORG} onDone={onDone} />);
    const form = screen.getByTestId('add-profile-form');
    expect((within(form).getByLabelText('Cloud Manager') as HTMLInputElement).checked).toBe(true);
    fill(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    fireEvent.click(within(form).getByLabelText('Atlas'));
    fill(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    expect(requests('profiles/add')).toEqual([
      { profile: { label: 'Acme', publicKey: 'abcdefgh', privateKey: PRIVATE }, orgId: ORG },
      {
        profile: {
          label: 'Acme',
          publicKey: 'abcdefgh',
          privateKey: PRIVATE,
          side: 'atlas',
          baseUrl: 'https://cloud.mongodb.com',
        },
        orgId: undefined,
      },
    ]);
    // Once saved, nothing typed stays, and the form is back on Cloud Manager.
    expect((within(form).getByLabelText('Private key (password)') as HTMLInputElement).value).toBe('');
    expect((within(form).getByLabelText('Cloud Manager') as HTMLInputElement).checked).toBe(true);
  });

  it('a Cloud Manager key of an Atlas org: the error, and the hint to choose Atlas', async () => {
    fake.current.handlers['profiles/add'] = () => {
      throw { kind: 'atlas-org' };
    };
    render(<AddProfileForm orgId={ORG} onDone={async () => undefined} />);
    const form = screen.getByTestId('add-profile-form');
    fill(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await within(form).findByRole('alert');
    expect(within(form).getByTestId('side-hint').textContent).toBe(
      'If this key was created in the Atlas organization, choose Atlas above and save it again.',
    );
  });

  it('the first key pair of a new vault may be an Atlas one, saved without the page’s org', async () => {
    render(<SetupForm orgId={ORG} onDone={async () => undefined} />);
    const form = screen.getByTestId('setup-form');
    fireEvent.click(within(form).getByLabelText('Atlas'));
    fill(form);
    fireEvent.input(within(form).getByLabelText('Passphrase', { exact: true }), { target: { value: PASSPHRASE } });
    fireEvent.input(within(form).getByLabelText('Passphrase, again'), { target: { value: PASSPHRASE } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(requests('vault/create')).toHaveLength(1));
    expect(requests('vault/create')[0]).toMatchObject({ profile: { side: 'atlas' }, orgId: undefined });
  });
});
