// @vitest-environment happy-dom
// Batch setup on the page: "Add many orgs" previews pasted text (counts, the orgs to add with their clients and
// targets, what is already there, invalid lines as pasted with why) and sends nothing until confirmed, then one
// 'dashboard/add-orgs' with the planned entries, saying beside the import what was added and listing the orgs the
// worker did not add; "Assign a client" sends the selected rows and the chosen client, and says beside it what was
// assigned, each refused row named with its org's name and id, with why.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';
import type { ProfileView } from '../../../../src/shared/domain';
import { fakeExtension } from '../../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));
const { BatchAddOrgs } = await import('../../../../src/options/dashboard/BatchAddOrgs');
const { AssignClient } = await import('../../../../src/options/dashboard/AssignClient');

const id = (c: string) => c.repeat(24);
const profile = (over: Partial<ProfileView>): ProfileView =>
  ({
    id: 'p',
    label: 'x',
    publicKey: 'abcdefgh',
    maskedPrivateKey: '****',
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
    ...over,
  }) as ProfileView;
const profiles = [
  profile({ id: 'acme-1', label: 'Acme', side: 'cloud-manager', org: { id: id('1'), name: 'Acme One' } }),
  profile({ id: 'acme-atlas', label: 'Acme', side: 'atlas', org: { id: id('a'), name: 'Acme Atlas' } }),
  profile({ id: 'globex-3', label: 'Globex', side: 'cloud-manager', org: { id: id('3'), name: 'Globex' } }),
];
const rows: DashboardRow[] = [{ orgId: id('9'), name: 'Listed' }];
const sentOf = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('Add many orgs', () => {
  it('previews first (sending nothing), then adds the planned entries and lists the ones not added', async () => {
    const done = vi.fn();
    render(<BatchAddOrgs rows={rows} profiles={profiles} onAdded={done} />);
    fireEvent.input(screen.getByLabelText('Org ids, page addresses or CSV'), {
      target: { value: [`${id('1')},Acme,${id('a')}`, id('9'), 'nope', id('5'), id('1')].join('\n') },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview the orgs' }));
    expect(screen.getByTestId('batch-summary').textContent).toBe('2 to add · 2 already there · 1 invalid');
    const toAdd = within(screen.getByTestId('batch-add')).getAllByRole('row').slice(1);
    expect(toAdd.map((r) => r.textContent)).toEqual([`1${id('1')}AcmeAcme Atlas`, `4${id('5')}no client`]);
    expect(
      within(screen.getByTestId('batch-existing'))
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([`2${id('9')}already in the table`, `5${id('1')}already on line 1`]);
    expect(
      within(screen.getByTestId('batch-invalid'))
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['3nopethe first value is not an org id or the address of a Cloud Manager or Ops Manager page']);
    expect(fake.current.sent).toEqual([]);

    fake.current.handlers['dashboard/add-orgs'] = () => ({
      results: [
        { ok: true, row: { orgId: id('1') } },
        { ok: false, error: { kind: 'invalid-input', params: { variant: 'org-address' } } },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 orgs' }));
    await waitFor(() => expect(screen.getByTestId('batch-outcome').textContent).toContain('1 org added, 1 not added.'));
    expect(done).toHaveBeenCalledOnce();
    expect(sentOf('dashboard/add-orgs')).toEqual([
      { entries: [{ input: id('1'), profileId: 'acme-1', atlasOrgId: id('a') }, { input: id('5') }] },
    ]);
    const failed = within(screen.getByTestId('batch-failed')).getAllByRole('row').slice(1) as HTMLTableRowElement[];
    expect(failed.map((r) => [r.cells[0]?.textContent, r.cells[1]?.textContent])).toEqual([['4', id('5')]]);
    expect(failed[0]?.cells[2]?.textContent).toBe(
      'This is neither an organization id nor the address of a Cloud Manager organization or project page.',
    );
    // The text and its preview are gone: a second click cannot add them twice.
    expect(screen.queryByTestId('batch-preview')).toBeNull();
    expect((screen.getByLabelText('Org ids, page addresses or CSV') as HTMLTextAreaElement).value).toBe('');
  });

  it('drops the preview when the text changes', () => {
    render(<BatchAddOrgs rows={rows} profiles={profiles} onAdded={() => {}} />);
    const text = screen.getByLabelText('Org ids, page addresses or CSV');
    fireEvent.input(text, { target: { value: id('5') } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview the orgs' }));
    expect(screen.getByRole('button', { name: 'Add 1 org' })).toBeTruthy();
    fireEvent.input(text, { target: { value: `${id('5')}\n${id('6')}` } });
    expect(screen.queryByTestId('batch-preview')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Add \d+ orgs$/ })).toBeNull();
  });
});

describe('Assign a client to the selected rows', () => {
  it('offers each Cloud Manager client once, sends the selected rows, and lists the refused ones with why', async () => {
    const done = vi.fn();
    const selected: DashboardRow[] = [
      { orgId: id('1'), name: 'Acme One' },
      { orgId: id('3'), name: 'Globex' },
    ];
    render(<AssignClient selectedRows={selected} profiles={profiles} onAssigned={done} />);
    const select = screen.getByLabelText('Client for the selected rows') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose a client', 'Acme', 'Globex']);
    const button = screen.getByRole('button', { name: 'Assign to 2 selected rows' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(select, { target: { value: 'Acme' } });
    fake.current.handlers['dashboard/set-clients'] = () => ({
      results: [
        { orgId: id('1'), profileId: 'acme-1' },
        { orgId: id('3'), refused: 'not-serving' },
      ],
    });
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByTestId('assign-outcome').textContent).toContain('Client Acme assigned to 1 row; 1 refused.'),
    );
    expect(done).toHaveBeenCalledOnce();
    expect(sentOf('dashboard/set-clients')).toEqual([{ orgIds: [id('1'), id('3')], client: 'Acme' }]);
    expect(
      within(screen.getByTestId('assign-refused'))
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([`Globex ${id('3')}no key pair of that client serves this org`]);
  });
});
