// @vitest-environment happy-dom
// The kind switch in the settings' key-pair forms: an API key by default (sent as before, without a kind), a service
// account with its client ID and secret (labels, masked field, where to make it on each side, sent as
// `credential: 'service-account'`), none on Ops Manager (the choice disabled, the reason said); the list shows each
// key pair's kind beside its side, never a secret; an edit shows the kind and cannot switch it.
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
const CLIENT_ID = 'mdb_sa_id_0123456789abcdef01234567';
const SECRET = 'mdb_sa_sk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const PRIVATE = '11111111-2222-3333-4444-555555555555';
const base = { maskedPrivateKey: '••••6789', baseUrl: CM, orgIds: [] };
const profiles: ProfileView[] = [
  { ...base, id: 'p1', label: 'Acme', publicKey: 'abcdefgh', orgIds: [ORG], org: { id: ORG, name: 'Acme Prod' } },
  {
    ...base,
    id: 'p2',
    label: 'Globex',
    publicKey: CLIENT_ID,
    credential: 'service-account',
    orgIds: [ORG],
    org: { id: ORG, name: 'Globex Prod' },
  },
  {
    ...base,
    id: 'p3',
    label: 'Globex Atlas',
    publicKey: CLIENT_ID,
    side: 'atlas',
    credential: 'service-account',
    org: { id: ATLAS_ORG, name: 'Globex (Atlas)' },
  },
  { ...base, id: 'p4', label: 'Ops', publicKey: 'ijklmnop', baseUrl: 'https://ops.example.com', side: 'ops-manager' },
];

const added = () => fake.current.sent.filter((m) => m.name === 'profiles/add').map((m) => m.request);
const updated = () => fake.current.sent.filter((m) => m.name === 'profiles/update').map((m) => m.request);
const radio = (scope: HTMLElement, name: string) => within(scope).getByLabelText(name) as HTMLInputElement;
const addForm = () => screen.getByTestId('add-profile');
const kindGroup = (form: HTMLElement) => within(form).getByRole('group', { name: 'Signs in with' });
const save = (form: HTMLElement, name = 'Save key pair') => fireEvent.click(within(form).getByRole('button', { name }));

beforeEach(() => {
  fake.current = fakeExtension();
  Object.assign(fake.current.browser, { permissions: { request: async () => true } });
  fake.current.handlers['profiles/add'] = () => ({ profile: profiles[1] });
  fake.current.handlers['profiles/update'] = () => ({});
});
afterEach(cleanup);

describe('the kind switch when adding a key pair', () => {
  it('is a labelled native radio group, API key checked, and an API key is sent without a kind', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    const radios = within(kindGroup(form)).getAllByRole('radio') as HTMLInputElement[];
    // Native radios sharing one name: Tab reaches the group, the arrow keys move the choice.
    expect(radios.map((r) => [r.value, r.checked, r.disabled, r.name, r.type])).toEqual([
      ['api-key', true, false, 'options-credential', 'radio'],
      ['service-account', false, false, 'options-credential', 'radio'],
    ]);
    expect(within(form).queryByTestId('credential-help')).toBeNull();
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme' } });
    fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
    fireEvent.input(within(form).getByLabelText('Private key (password)'), { target: { value: PRIVATE } });
    save(form);
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({ profile: { label: 'Acme', publicKey: 'abcdefgh', privateKey: PRIVATE } });
    expect(added()[0]?.profile).not.toHaveProperty('credential');
  });

  it('a Cloud Manager service account: client ID and secret labels, Preview help, sent as a service account', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    fireEvent.click(radio(kindGroup(form), 'Service account'));
    expect(radio(kindGroup(form), 'Service account').checked).toBe(true);
    expect(within(form).queryByLabelText('Public key (username)')).toBeNull();
    expect(within(form).queryByLabelText('Private key (password)')).toBeNull();
    const id = within(form).getByLabelText('Client ID') as HTMLInputElement;
    const secret = within(form).getByLabelText('Client secret') as HTMLInputElement;
    expect([id.id, id.getAttribute('autocomplete'), id.required]).toEqual(['options-public', 'off', true]);
    expect([secret.id, secret.type, secret.getAttribute('autocomplete'), secret.required]).toEqual([
      'options-private',
      'password',
      'off',
      true,
    ]);
    expect(within(form).getByTestId('credential-help').textContent).toBe(
      'Create the service account in the Cloud Manager organization (Organization → Identity & Access → Applications → ' +
        'Service Accounts; in Preview) with the Organization Owner role, and copy its client ID and client secret. ' +
        'Whether Cloud Manager accepts a service account for linking while in Preview is not published: if it ' +
        'refuses, save an API key pair instead.',
    );
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Globex' } });
    fireEvent.input(id, { target: { value: CLIENT_ID } });
    fireEvent.input(secret, { target: { value: SECRET } });
    // Well-shaped client credentials raise no shape warning (the API key's shapes do not apply).
    expect(within(form).queryByRole('list')).toBeNull();
    save(form);
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({
      profile: { label: 'Globex', publicKey: CLIENT_ID, privateKey: SECRET, credential: 'service-account' },
    });
    // Once saved nothing secret stays, and the form is back on an API key.
    await waitFor(() => expect(radio(kindGroup(form), 'API key').checked).toBe(true));
    expect((within(form).getByLabelText('Private key (password)') as HTMLInputElement).value).toBe('');
  });

  it('an Atlas service account: the Atlas path (generally available), no API key help, Atlas’s address', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    fireEvent.click(within(form).getByLabelText('Atlas'));
    expect(within(form).getByTestId('atlas-key-help')).toBeTruthy();
    fireEvent.click(radio(kindGroup(form), 'Service account'));
    expect(within(form).queryByTestId('atlas-key-help')).toBeNull();
    const help = within(form).getByTestId('credential-help').textContent;
    expect(help).toBe(
      'Create the service account in the Atlas organization (Organization → Identity & Access → Applications → ' +
        'Service Accounts) with the Organization Owner role, and copy its client ID and client secret. It is used on ' +
        'https://cloud.mongodb.com to create link tokens for that organization only.',
    );
    expect(help).not.toContain('Preview');
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Globex' } });
    fireEvent.input(within(form).getByLabelText('Client ID'), { target: { value: CLIENT_ID } });
    fireEvent.input(within(form).getByLabelText('Client secret'), { target: { value: SECRET } });
    save(form);
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({
      profile: {
        label: 'Globex',
        publicKey: CLIENT_ID,
        privateKey: SECRET,
        side: 'atlas',
        baseUrl: CM,
        credential: 'service-account',
      },
    });
  });

  it('switching back to an API key restores its labels and help, and sends no kind', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    fireEvent.click(within(form).getByLabelText('Atlas'));
    fireEvent.click(radio(kindGroup(form), 'Service account'));
    fireEvent.input(within(form).getByLabelText('Client ID'), { target: { value: 'abcdefgh' } });
    fireEvent.click(radio(kindGroup(form), 'API key'));
    expect(within(form).queryByTestId('credential-help')).toBeNull();
    expect(within(form).getByTestId('atlas-key-help')).toBeTruthy();
    // What was typed stays in the renamed field.
    expect((within(form).getByLabelText('Public key (username)') as HTMLInputElement).value).toBe('abcdefgh');
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Acme' } });
    fireEvent.input(within(form).getByLabelText('Private key (password)'), { target: { value: PRIVATE } });
    save(form);
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]).toEqual({
      profile: { label: 'Acme', publicKey: 'abcdefgh', privateKey: PRIVATE, side: 'atlas', baseUrl: CM },
    });
  });

  it('a service account’s fields of the wrong shape are named in its own words', () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    fireEvent.click(radio(kindGroup(form), 'Service account'));
    fireEvent.input(within(form).getByLabelText('Client ID'), { target: { value: 'abcdefgh' } });
    fireEvent.input(within(form).getByLabelText('Client secret'), { target: { value: PRIVATE } });
    expect(
      within(form)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "A service account's client ID usually starts with mdb_sa_id_ followed by 24 hex digits.",
      "A service account's client secret usually starts with mdb_sa_sk_.",
    ]);
    fireEvent.input(within(form).getByLabelText('Client ID'), { target: { value: SECRET } });
    fireEvent.input(within(form).getByLabelText('Client secret'), { target: { value: CLIENT_ID } });
    expect(
      within(form)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'The client ID and client secret look swapped: the client ID starts with mdb_sa_id_, the secret with mdb_sa_sk_.',
    ]);
  });
});

describe('Ops Manager has no service accounts', () => {
  it('disables the choice with the reason, and turns a chosen service account back to an API key', async () => {
    render(<ProfilesSection profiles={[]} reload={async () => undefined} />);
    const form = addForm();
    expect(within(form).queryByTestId('credential-reason')).toBeNull();
    fireEvent.click(radio(kindGroup(form), 'Service account'));
    fireEvent.click(within(form).getByLabelText('Ops Manager'));
    const account = radio(kindGroup(form), 'Service account');
    expect([account.disabled, account.checked, radio(kindGroup(form), 'API key').checked]).toEqual([true, false, true]);
    const reason = within(form).getByTestId('credential-reason');
    expect(reason.textContent).toBe('Ops Manager has no service accounts: use an API key.');
    expect(account.getAttribute('aria-describedby')).toBe(reason.id);
    expect(within(form).queryByLabelText('Client ID')).toBeNull();
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Ops' } });
    fireEvent.input(within(form).getByLabelText('Public key (username)'), { target: { value: 'ijklmnop' } });
    fireEvent.input(within(form).getByLabelText('Private key (password)'), { target: { value: PRIVATE } });
    fireEvent.input(within(form).getByLabelText(/Server address/), { target: { value: 'https://ops.example.com' } });
    save(form);
    await waitFor(() => expect(added()).toHaveLength(1));
    expect(added()[0]?.profile).toMatchObject({ side: 'ops-manager', publicKey: 'ijklmnop' });
    expect(added()[0]?.profile).not.toHaveProperty('credential');
    // Back on Cloud Manager the choice is offered again.
    fireEvent.click(within(form).getByLabelText('Cloud Manager'));
    expect(radio(kindGroup(form), 'Service account').disabled).toBe(false);
    expect(within(form).queryByTestId('credential-reason')).toBeNull();
  });
});

describe('the list of key pairs', () => {
  it('shows each key pair’s kind beside its side, and only the masked secret', () => {
    render(<ProfilesSection profiles={profiles} reload={async () => undefined} />);
    const cards = [...document.querySelectorAll<HTMLElement>('li.card')];
    expect(
      cards.map((card) => [
        within(card).getByTestId('profile-side').textContent,
        within(card).getByTestId('profile-credential').textContent,
      ]),
    ).toEqual([
      ['Cloud Manager', 'API key'],
      ['Cloud Manager', 'Service account'],
      ['Atlas', 'Service account'],
      ['Ops Manager', 'API key'],
    ]);
    expect(within(cards[1]!).getByText(`${CLIENT_ID} / ••••6789`)).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });
});

describe('editing a key pair', () => {
  it('a service account shows its kind, offers no switch, keeps the secret unless typed, and says so', async () => {
    render(<ProfilesSection profiles={profiles.slice(1, 2)} reload={async () => undefined} />);
    const card = screen.getByTestId('profile-Globex');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = within(card).getByTestId('edit-profile');
    // Neither the kind nor the side can be switched: a service account never moves to Ops Manager.
    expect(within(form).queryByRole('radio')).toBeNull();
    expect(within(form).getByTestId('key-credential-fixed').textContent).toBe(
      'Signs in with: Service account. To use the other kind, add a new key pair.',
    );
    expect((within(form).getByLabelText('Client ID') as HTMLInputElement).value).toBe(CLIENT_ID);
    const secret = within(form).getByLabelText('Client secret — leave empty to keep the saved one') as HTMLInputElement;
    expect([secret.value, secret.type, secret.required]).toEqual(['', 'password', false]);
    fireEvent.input(within(form).getByLabelText('Client name'), { target: { value: 'Globex Retail' } });
    save(form, 'Save changes');
    await waitFor(() => expect(updated()).toHaveLength(1));
    expect(updated()[0]).toEqual({
      profileId: 'p2',
      patch: {
        label: 'Globex Retail',
        publicKey: CLIENT_ID,
        privateKey: '',
        side: 'cloud-manager',
        baseUrl: CM,
        allowInsecureHttp: false,
        credential: 'service-account',
      },
    });
  });

  it('an API key shows its kind, keeps its side switch, and is sent without a kind', async () => {
    render(<ProfilesSection profiles={profiles.slice(0, 1)} reload={async () => undefined} />);
    const card = screen.getByTestId('profile-Acme');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = within(card).getByTestId('edit-profile');
    expect((within(form).getAllByRole('radio') as HTMLInputElement[]).map((r) => r.name)).toEqual([
      'edit-p1-side',
      'edit-p1-side',
    ]);
    expect(within(form).getByTestId('key-credential-fixed').textContent).toBe(
      'Signs in with: API key. To use the other kind, add a new key pair.',
    );
    expect(within(form).getByLabelText('Private key (password) — leave empty to keep the saved one')).toBeTruthy();
    save(form, 'Save changes');
    await waitFor(() => expect(updated()).toHaveLength(1));
    expect(updated()[0]?.patch).toEqual({
      label: 'Acme',
      publicKey: 'abcdefgh',
      privateKey: '',
      side: 'cloud-manager',
      baseUrl: CM,
      allowInsecureHttp: false,
    });
    expect(updated()[0]?.patch).not.toHaveProperty('credential');
  });
});
