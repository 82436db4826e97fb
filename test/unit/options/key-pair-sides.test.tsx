// @vitest-environment happy-dom
// The side switch in the settings' key-pair forms: Cloud Manager by default (sent as before), Ops Manager with its
// server and external addresses (each wrong entry named, nothing sent until fixed), Atlas with where its key is
// made; the list shows each key pair's side; an edit keeps an Atlas key pair an Atlas one.
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
const ATLAS_ORG = 'bbbbbbbbbbbbbbbbbbbbbbb2';
const CM = 'https://cloud.mongodb.com';
const base = { maskedPrivateKey: '••••1234', baseUrl: CM, orgIds: [] };
const profiles: ProfileView[] = [
  { ...base, id: 'p1', label: 'Acme', publicKey: 'abcdefgh', orgIds: [ORG], org: { id: ORG, name: 'Acme Prod' } },
  {
    ...base,
    id: 'p2',
    label: 'Acme',
    publicKey: 'atlskeyx',
    side: 'atlas',
    org: { id: ATLAS_ORG, name: 'Acme (Atlas)' },
  },
  {
    ...base,
    id: 'p3',
    label: 'Ops',
    publicKey: 'ijklmnop',
    baseUrl: 'https://ops.example.com',
    global: true,
    side: 'ops-manager',
    accessListIps: ['203.0.113.7', '198.51.100.0/24'],
  },
  { ...base, id: 'p4', label: 'Old Ops', publicKey: 'qrstuvwx', baseUrl: 'https://ops.example.com' },
];
const PRIVATE = '11111111-2222-3333-4444-555555555555';
const permissionRequests: unknown[] = [];

function fillKeys(form: HTMLElement, label = 'Initech') {
  fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: label } });
  fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
  fireEvent.input(within(form).getByLabelText('Private key (password)'), { target: { value: PRIVATE } });
}
const added = () => fake.current.sent.filter((m) => m.name === 'profiles/add').map((m) => m.request);

beforeEach(() => {
  fake.current = fakeExtension();
  permissionRequests.length = 0;
  Object.assign(fake.current.browser, {
    permissions: {
      request: async (p: unknown) => {
        permissionRequests.push(p);
        return true;
      },
    },
  });
  fake.current.handlers['profiles/add'] = () => ({ profile: profiles[0] });
});
afterEach(cleanup);

describe('the side switch when adding a key pair', () => {
  it('is a labelled radio group, Cloud Manager checked, and a Cloud Manager key pair is sent as before', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    const group = within(form).getByRole('group', { name: 'Key pair for' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([
      ['cloud-manager', true],
      ['ops-manager', false],
      ['atlas', false],
    ]);
    expect((within(group).getByLabelText('Atlas') as HTMLInputElement).name).toBe('options-side');
    // Cloud Manager has its own address: neither a server field nor external addresses.
    expect(within(form).queryByLabelText(/Server address/)).toBeNull();
    expect(within(form).queryByLabelText(/external IP addresses/)).toBeNull();
    fillKeys(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({ profile: { label: 'Initech', publicKey: 'abcdefgh', privateKey: PRIVATE } });
    expect(permissionRequests).toEqual([]);
  });

  it('Ops Manager asks for the server and its external addresses, and sends them parsed', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    fireEvent.click(within(form).getByLabelText('Ops Manager'));
    const server = within(form).getByLabelText(/Server address/) as HTMLInputElement;
    expect([server.id, server.required]).toEqual(['options-base-url', true]);
    fillKeys(form, 'Ops client');
    fireEvent.input(server, { target: { value: 'https://ops.example.com:8443' } });
    fireEvent.input(within(form).getByLabelText(/external IP addresses/), {
      target: { value: '203.0.113.7/32, 2001:DB8::/32\n198.51.100.0/24' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({
      profile: {
        label: 'Ops client',
        publicKey: 'abcdefgh',
        privateKey: PRIVATE,
        side: 'ops-manager',
        baseUrl: 'https://ops.example.com:8443',
        accessListIps: ['203.0.113.7', '2001:db8::/32', '198.51.100.0/24'],
      },
    });
    expect(permissionRequests).toEqual([{ origins: ['https://ops.example.com:8443/*'] }]);
  });

  it('names each wrong address as it is typed, and sends nothing until they are fixed', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    fireEvent.click(within(form).getByLabelText('Ops Manager'));
    fillKeys(form);
    fireEvent.input(within(form).getByLabelText(/Server address/), { target: { value: 'https://ops.example.com' } });
    const field = within(form).getByLabelText(/external IP addresses/) as HTMLTextAreaElement;
    fireEvent.input(field, { target: { value: '256.0.0.1, 10.0.0.1/8 2001:db8:::1' } });
    expect(
      within(within(form).getByTestId('address-problems'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '“256.0.0.1”: each of the four numbers of an IPv4 address is 0 to 255, written without a leading zero.',
      '“10.0.0.1/8” has bits set past its prefix: the block is written 10.0.0.0/8.',
      '“2001:db8:::1” is not a valid IPv6 address: eight groups of up to four hexadecimal digits, with “::” at most once.',
    ]);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(added()).toEqual([]);
    fireEvent.input(field, { target: { value: '10.0.0.0/8' } });
    expect(within(form).queryByTestId('address-problems')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toMatchObject({ profile: { accessListIps: ['10.0.0.0/8'] } });
  });

  it('Atlas says where the key is made, and sends the Atlas side on Cloud Manager’s address', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    fireEvent.input(within(form).getByLabelText('Ops Manager'));
    fireEvent.click(within(form).getByLabelText('Ops Manager'));
    fireEvent.input(within(form).getByLabelText(/Server address/), { target: { value: 'https://ops.example.com' } });
    fireEvent.click(within(form).getByLabelText('Atlas'));
    expect(within(form).getByTestId('atlas-key-help').textContent).toContain(
      'Identity & Access → Applications → API Keys',
    );
    expect(within(form).queryByLabelText(/Server address/)).toBeNull();
    fillKeys(form, 'Acme');
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(added()).toHaveLength(1));
    // The Ops Manager address typed before the switch is not sent.
    expect(added()[0]).toEqual({
      profile: { label: 'Acme', publicKey: 'abcdefgh', privateKey: PRIVATE, side: 'atlas', baseUrl: CM },
    });
  });

  it('a key that sees no Atlas org: the error, and the hint to choose Cloud Manager', async () => {
    fake.current.handlers['profiles/add'] = () => {
      throw { kind: 'not-atlas-org' };
    };
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = screen.getByTestId('add-profile');
    fireEvent.click(within(form).getByLabelText('Atlas'));
    fillKeys(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save key pair' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('not an Atlas one');
    expect(within(form).getByTestId('side-hint').textContent).toBe(
      'This key sees no Atlas organization. If it is a Cloud Manager key, choose Cloud Manager above and save it again.',
    );
    // The form keeps what was typed, the private key included, so switching the side is all it takes.
    expect((within(form).getByLabelText('Client name') as HTMLInputElement).value).toBe('Initech');
  });
});

describe('the list of key pairs', () => {
  it('shows each key pair’s side, an Atlas key pair’s Atlas org and an Ops Manager server’s addresses', () => {
    render(<ProfilesSection profiles={profiles} reload={async () => undefined} />);
    const cards = [...document.querySelectorAll<HTMLElement>('li.card')];
    const side = (id: string) => within(cards[Number(id.slice(1)) - 1]!);
    expect(['p1', 'p2', 'p3', 'p4'].map((id) => side(id).getByTestId('profile-side').textContent)).toEqual([
      'Cloud Manager',
      'Atlas',
      'Ops Manager',
      'Ops Manager',
    ]);
    expect(side('p2').getByTestId('key-org').textContent).toBe(`Atlas organization: Acme (Atlas) (${ATLAS_ORG})`);
    expect(side('p3').getByTestId('external-addresses').textContent).toBe(
      'External addresses: 203.0.113.7, 198.51.100.0/24',
    );
    expect(side('p1').queryByTestId('external-addresses')).toBeNull();
  });

  it('Test of an Atlas key pair names its Atlas org', async () => {
    fake.current.handlers['profiles/test'] = () => ({
      orgId: ATLAS_ORG,
      name: 'Acme (Atlas)',
      canLink: true,
      side: 'atlas',
    });
    render(<ProfilesSection profiles={profiles.slice(1, 2)} reload={async () => undefined} />);
    const card = screen.getByTestId('profile-Acme');
    fireEvent.click(within(card).getByRole('button', { name: 'Test' }));
    await waitFor(() =>
      expect(within(card).getByRole('status').textContent).toBe(
        'Atlas organization Acme (Atlas): the key is accepted. Its Organization Owner role is checked when a link token is made.',
      ),
    );
  });
});

describe('editing a key pair', () => {
  it('an Atlas key pair offers no side switch and sends its side and saved address', async () => {
    fake.current.handlers['profiles/update'] = () => ({});
    render(<ProfilesSection profiles={profiles.slice(1, 2)} reload={async () => undefined} />);
    const card = screen.getByTestId('profile-Acme');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = within(card).getByTestId('edit-profile');
    expect(within(form).queryByRole('radio')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.current.sent.some((m) => m.name === 'profiles/update')).toBe(true));
    expect(fake.current.sent.find((m) => m.name === 'profiles/update')?.request).toEqual({
      profileId: 'p2',
      patch: {
        label: 'Acme',
        publicKey: 'atlskeyx',
        privateKey: '',
        side: 'atlas',
        baseUrl: CM,
        allowInsecureHttp: false,
      },
    });
  });

  it('an Ops Manager key pair shows its addresses one per line, and may move to Cloud Manager', async () => {
    fake.current.handlers['profiles/update'] = () => ({});
    render(<ProfilesSection profiles={profiles.slice(2, 3)} reload={async () => undefined} />);
    const card = screen.getByTestId('profile-Ops');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = within(card).getByTestId('edit-profile');
    expect((within(form).getAllByRole('radio') as HTMLInputElement[]).map((r) => r.value)).toEqual([
      'cloud-manager',
      'ops-manager',
    ]);
    expect((within(form).getByLabelText(/external IP addresses/) as HTMLTextAreaElement).value).toBe(
      '203.0.113.7\n198.51.100.0/24',
    );
    expect(within(form).getByLabelText(/Server address/).id).toBe('edit-p3-base');
    fireEvent.click(within(form).getByLabelText('Cloud Manager'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.current.sent.some((m) => m.name === 'profiles/update')).toBe(true));
    expect(fake.current.sent.find((m) => m.name === 'profiles/update')?.request).toMatchObject({
      patch: { side: 'cloud-manager', baseUrl: CM },
    });
    expect(fake.current.sent.find((m) => m.name === 'profiles/update')?.request.patch).not.toHaveProperty(
      'accessListIps',
    );
  });
});
