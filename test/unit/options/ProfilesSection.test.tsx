// @vitest-environment happy-dom
// Each saved key pair says which org it belongs to (or that it is a global Ops Manager key, or not identified yet),
// and Test says whether it can link there; adding a key already saved names the key pair that has it.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { ProfilesSection } = await import('../../../src/options/ProfilesSection');

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaa1';
const base = { maskedPrivateKey: '••••1234', baseUrl: 'https://cloud.mongodb.com', orgIds: [] };
const profiles: ProfileView[] = [
  { ...base, id: 'p1', label: 'Acme', publicKey: 'abcdefgh', orgIds: [ORG], org: { id: ORG, name: 'Acme Prod' } },
  { ...base, id: 'p2', label: 'Ops', publicKey: 'ijklmnop', baseUrl: 'https://ops.example.com', global: true },
  { ...base, id: 'p3', label: 'Old', publicKey: 'qrstuvwx' },
];
const card = (label: string) => screen.getByTestId(`profile-${label}`);

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('key pairs in settings', () => {
  it("shows each key's org, a global key's mark, and asks for an org id to test only for a global key", () => {
    render(<ProfilesSection profiles={profiles} reload={async () => undefined} />);
    expect(within(card('Acme')).getByTestId('key-org').textContent).toBe(`Organization: Acme Prod (${ORG})`);
    expect(within(card('Ops')).getByTestId('key-org').textContent).toBe('Global key (Ops Manager)');
    expect(within(card('Old')).getByTestId('key-org').textContent).toBe(
      'Organization not identified yet — Test to identify it',
    );
    expect(within(card('Acme')).queryByLabelText('Org id to test against')).toBeNull();
    expect(within(card('Old')).queryByLabelText('Org id to test against')).toBeNull();
    expect(within(card('Ops')).getByLabelText('Org id to test against')).toBeTruthy();
    // The private key is never shown, only its masked tail.
    expect(document.body.textContent).toContain('abcdefgh / ••••1234');
  });

  it('Test says whether the key can link: Organization Owner, or only read', async () => {
    const answers = [
      { orgId: ORG, name: 'Acme Prod', canLink: true },
      { orgId: ORG, name: 'Acme Prod', canLink: false },
    ];
    fake.current.handlers['profiles/test'] = () => answers.shift();
    render(<ProfilesSection profiles={profiles} reload={async () => undefined} />);
    const acme = card('Acme');
    fireEvent.click(within(acme).getByRole('button', { name: 'Test' }));
    await waitFor(() =>
      expect(within(acme).getByRole('status').textContent).toBe('Can link: Organization Owner of Acme Prod'),
    );
    expect(within(acme).getByRole('status').className).toContain('success');
    fireEvent.click(within(acme).getByRole('button', { name: 'Test' }));
    await waitFor(() =>
      expect(within(acme).getByRole('status').textContent).toBe(
        'Can read Acme Prod, cannot link: needs the Organization Owner role',
      ),
    );
    // It worked, but the key cannot link: a warning, not a success.
    expect(within(acme).getByRole('status').className).toContain('warning');
    expect(fake.current.sent.filter((m) => m.name === 'profiles/test').map((m) => m.request)).toEqual([
      { profileId: 'p1', orgId: undefined },
      { profileId: 'p1', orgId: undefined },
    ]);
  });

  it('Test of a key not identified yet reloads the list, so its org shows', async () => {
    fake.current.handlers['profiles/test'] = () => ({ orgId: ORG, name: 'Old Org', canLink: true });
    const reload = vi.fn(async () => undefined);
    render(<ProfilesSection profiles={profiles} reload={reload} />);
    fireEvent.click(within(card('Old')).getByRole('button', { name: 'Test' }));
    await waitFor(() => expect(within(card('Old')).getByRole('status').textContent).toContain('Old Org'));
    expect(reload).toHaveBeenCalled();
  });

  it('adding a key already saved names the key pair that has it, and keeps the form filled', async () => {
    fake.current.handlers['profiles/add'] = () => {
      throw { kind: 'duplicate-key', params: { label: 'Acme' } };
    };
    render(<ProfilesSection profiles={profiles} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme again' } });
    fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
    fireEvent.input(within(form).getByLabelText('Private key (password)'), {
      target: { value: '11111111-2222-3333-4444-555555555555' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    // "Acme again" begins with the saved client "Acme": asked first, nothing sent until answered.
    expect(within(form).getByRole('alertdialog').textContent).toContain('Acme again is close to a saved client: Acme.');
    expect(fake.current.sent.filter((m) => m.name === 'profiles/add')).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Keep Acme again as a new client' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'This public key is already saved, as the key pair of Acme.',
    );
    expect((within(form).getByLabelText('Client name') as HTMLInputElement).value).toBe('Acme again');
  });

  it('edits a key pair in place: the private key starts empty and, left empty, keeps the saved one', async () => {
    fake.current.handlers['profiles/update'] = () => ({});
    const reload = vi.fn(async () => undefined);
    render(<ProfilesSection profiles={profiles} reload={reload} />);
    fireEvent.click(within(card('Acme')).getByRole('button', { name: 'Edit' }));
    const form = within(card('Acme')).getByTestId('edit-profile');
    const privateKey = within(form).getByLabelText(/leave empty to keep the saved one/) as HTMLInputElement;
    expect(privateKey.value).toBe('');
    expect(privateKey.required).toBe(false);
    expect(privateKey.type).toBe('password');
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme (renamed)' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(fake.current.sent.find((m) => m.name === 'profiles/update')?.request).toMatchObject({
      profileId: 'p1',
      patch: { label: 'Acme (renamed)', publicKey: 'abcdefgh', privateKey: '' },
    });
    expect(screen.queryByTestId('edit-profile')).toBeNull();
  });
});
