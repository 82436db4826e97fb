// @vitest-environment happy-dom
// The popup's key-pair forms carry the same kind switch: on an org page a Cloud Manager service account is saved for
// that org as a service account, an Atlas one without the page's org; the first key pair of a new vault may be a
// service account; Ops Manager offers none; once saved, nothing typed stays and the form is back on an API key.
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
const CLIENT_ID = 'mdb_sa_id_0123456789abcdef01234567';
const SECRET = 'mdb_sa_sk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const PASSPHRASE = 'a passphrase 123';

const kind = (form: HTMLElement, name: string) =>
  within(within(form).getByRole('group', { name: 'Signs in with' })).getByLabelText(name) as HTMLInputElement;
function fillServiceAccount(form: HTMLElement) {
  fireEvent.click(kind(form, 'Service account'));
  fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Globex' } });
  fireEvent.input(within(form).getByLabelText('Client ID'), { target: { value: CLIENT_ID } });
  fireEvent.input(within(form).getByLabelText('Client secret'), { target: { value: SECRET } });
}
const requests = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['profiles/add'] = () => ({ profile: {} });
  fake.current.handlers['vault/create'] = () => ({ profile: {} });
});
afterEach(cleanup);

describe('the popup’s key-pair forms and service accounts', () => {
  it('on an org page: a Cloud Manager service account for the page’s org, an Atlas one without it', async () => {
    const onDone = vi.fn(async () => undefined);
    render(<AddProfileForm orgId={ORG} onDone={onDone} />);
    const form = screen.getByTestId('add-profile-form');
    expect(kind(form, 'API key').checked).toBe(true);
    fillServiceAccount(form);
    expect(within(form).getByTestId('credential-help').textContent).toContain('in Preview');
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    // Once saved, nothing typed stays, and the form is back on an API key.
    expect(kind(form, 'API key').checked).toBe(true);
    expect((within(form).getByLabelText('Private key (password)') as HTMLInputElement).value).toBe('');
    fireEvent.click(within(form).getByLabelText('Atlas'));
    fillServiceAccount(form);
    expect(within(form).getByTestId('credential-help').textContent).not.toContain('Preview');
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    expect(requests('profiles/add')).toEqual([
      {
        profile: { label: 'Globex', publicKey: CLIENT_ID, privateKey: SECRET, credential: 'service-account' },
        orgId: ORG,
      },
      {
        profile: {
          label: 'Globex',
          publicKey: CLIENT_ID,
          privateKey: SECRET,
          side: 'atlas',
          baseUrl: 'https://cloud.mongodb.com',
          credential: 'service-account',
        },
        orgId: undefined,
      },
    ]);
  });

  it('Ops Manager disables the service account, with the reason', () => {
    render(<AddProfileForm orgId={ORG} onDone={async () => undefined} />);
    const form = screen.getByTestId('add-profile-form');
    fireEvent.click(kind(form, 'Service account'));
    expect(within(form).getByLabelText('Client ID')).toBeTruthy();
    fireEvent.click(within(form).getByLabelText('Ops Manager'));
    expect([kind(form, 'Service account').disabled, kind(form, 'API key').checked]).toEqual([true, true]);
    expect(within(form).getByTestId('credential-reason').textContent).toBe(
      'Ops Manager has no service accounts: use an API key.',
    );
    expect(within(form).getByLabelText('Public key (username)')).toBeTruthy();
  });

  it('the first key pair of a new vault may be a service account, sent with the passphrase', async () => {
    render(<SetupForm orgId={ORG} onDone={async () => undefined} />);
    const form = screen.getByTestId('setup-form');
    fillServiceAccount(form);
    fireEvent.input(within(form).getByLabelText('Passphrase', { exact: true }), { target: { value: PASSPHRASE } });
    fireEvent.input(within(form).getByLabelText('Passphrase, again'), { target: { value: PASSPHRASE } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(requests('vault/create')).toHaveLength(1));
    expect(requests('vault/create')[0]).toEqual({
      passphrase: PASSPHRASE,
      profile: { label: 'Globex', publicKey: CLIENT_ID, privateKey: SECRET, credential: 'service-account' },
      orgId: ORG,
    });
    // The secret is not kept in the page once the worker has it.
    await waitFor(() =>
      expect((within(form).getByLabelText(/Private key|Client secret/) as HTMLInputElement).value).toBe(''),
    );
  });
});
