// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardView, RefreshProgress } from '../../../../src/shared/dashboard-messages';
import { messagesOf } from '../../../support/catalogue';
import { fakeExtension } from '../../../support/fake-extension';

const en = messagesOf('en');

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { Dashboard } = await import('../../../../src/options/dashboard/Dashboard');

const org = (n: number) => n.toString(16).padStart(24, '0');
const TOKEN = 'secret-link-token-value-123';
const OPS = 'https://ops.example.com';

const key = (id: string, label: string, publicKey: string, ...orgIds: string[]) => ({
  id,
  label,
  publicKey,
  maskedPrivateKey: '••••1234',
  baseUrl: 'https://cloud.mongodb.com',
  orgIds,
});

function view(overrides: Partial<DashboardView> = {}): DashboardView {
  return {
    vault: 'unlocked',
    concurrency: 4,
    profiles: [
      { ...key('p1', 'Acme', 'abcdefgh', org(1)), org: { id: org(1), name: 'Acme Prod' } },
      { ...key('p2', 'Globex', 'ijklmnop', org(2)), org: { id: org(2), name: 'Globex Main' } },
      // A second key pair of Acme's, for another org: Acme is still one client.
      { ...key('p5', 'Acme', 'ghijklmn'), org: { id: org(7), name: 'Acme Dev' } },
      // Initech's own key, not bound yet, and a global Ops Manager key of Initech's server: both may serve it.
      { ...key('p3', 'Initech Co', 'qrstuvwx'), org: { id: org(3), name: 'Initech' } },
      { ...key('p4', 'Ops global', 'yzabcdef'), baseUrl: OPS, global: true },
    ],
    rows: [
      {
        orgId: org(1),
        name: 'Acme Prod',
        profileId: 'p1',
        profileLabel: 'Acme',
        status: 'SYNCED',
        checkedAt: Date.now(),
      },
      { orgId: org(2), name: 'Globex Main', profileId: 'p2', profileLabel: 'Globex', status: 'NOT_LINKED' },
      { orgId: org(3), name: 'Initech', base: OPS },
    ],
    ...overrides,
  };
}

function progress(overrides: Partial<RefreshProgress>): RefreshProgress {
  return {
    runId: 'run-1',
    state: 'running',
    total: 3,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    running: 0,
    concurrency: 4,
    maxConcurrency: 4,
    rateLimited: 0,
    startedAt: Date.now(),
    seq: 0,
    items: [],
    ...overrides,
  };
}

const rowOf = (orgId: string) => document.querySelector(`tr[data-org-id="${orgId}"]`) as HTMLElement;
const shownIds = () =>
  [...document.querySelectorAll('tbody tr:not([hidden])')].map((tr) => tr.getAttribute('data-org-id'));

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['dashboard/view'] = () => view();
});
afterEach(() => {
  cleanup();
});

describe('Dashboard', () => {
  it('lists every org with its client and status, and filters by search, client and status', async () => {
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    expect(within(rowOf(org(1))).getByText('Linked, synced')).toBeTruthy();
    expect(within(rowOf(org(2))).getByText('Globex')).toBeTruthy();
    expect(within(rowOf(org(3))).getByText('No client')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'globex' } });
    expect(shownIds()).toEqual([org(2)]);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: '' } });
    // Each client once, however many key pairs it has.
    const clients = screen.getByLabelText('Client') as HTMLSelectElement;
    expect([...clients.options].map((o) => o.textContent)).toEqual([
      'All',
      'Acme',
      'Globex',
      'Initech Co',
      'Ops global',
      'No client',
    ]);
    fireEvent.change(clients, { target: { value: 'Acme' } });
    expect(shownIds()).toEqual([org(1)]);
    // The count of rows shown is said once.
    expect(document.body.textContent?.match(/1 of 3 organizations shown/g)).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Client'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'unknown' } });
    expect(shownIds()).toEqual([org(3)]);
    expect(screen.getByTestId('refresh-all').textContent).toBe('Refresh the 1 shown');
  });

  it('sorts by a column header, announcing the order with aria-sort', async () => {
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    expect(shownIds()).toEqual([org(1), org(2), org(3)]);
    const nameHeader = screen.getByRole('button', { name: /Organization/ });
    fireEvent.click(nameHeader);
    expect(shownIds()).toEqual([org(3), org(2), org(1)]);
    expect(nameHeader.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Link status/ }));
    expect(shownIds()).toEqual([org(1), org(2), org(3)]);
  });

  it('refresh all: starts the run in the worker, shows progress and per-row results, including errors', async () => {
    const polls: RefreshProgress[] = [
      progress({
        succeeded: 1,
        running: 1,
        seq: 5,
        items: [
          { orgId: org(2), state: 'ok', status: 'NOT_SYNCED', checkedAt: Date.now(), seq: 4 },
          { orgId: org(3), state: 'running', seq: 5 },
        ],
      }),
      progress({
        state: 'finished',
        succeeded: 2,
        failed: 1,
        seq: 7,
        items: [
          { orgId: org(1), state: 'ok', status: 'SYNCED', checkedAt: Date.now(), seq: 6 },
          { orgId: org(3), state: 'failed', error: { kind: 'no-profile' }, seq: 7 },
        ],
      }),
    ];
    fake.current.handlers['dashboard/refresh-all'] = () =>
      progress({ seq: 3, items: [org(1), org(2), org(3)].map((orgId, i) => ({ orgId, state: 'queued', seq: i + 1 })) });
    fake.current.handlers['dashboard/progress'] = () => polls.shift() ?? null;
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    fireEvent.input(screen.getByLabelText('Requests at once'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('refresh-all'));

    await waitFor(() => expect(screen.getByTestId('refresh-counts').textContent).toContain('1 of 3 checked'));
    // A status check's NOT_SYNCED: Cloud Manager may answer it for an org with no link, so no link is claimed.
    expect(within(rowOf(org(2))).getByText('Not synced (link not confirmed)')).toBeTruthy();
    expect(within(rowOf(org(3))).getByText('checking…')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('refresh-status').textContent).toBe('Refresh finished: 2 checked, 1 failed.'),
    );
    expect(within(rowOf(org(3))).getByText('No key pair of this organization is saved.')).toBeTruthy();

    const start = fake.current.sent.find((m) => m.name === 'dashboard/refresh-all');
    expect(start?.request).toEqual({ orgIds: undefined, concurrency: 2 });
    // Polls ask only for the changes after the last one seen.
    const sinces = fake.current.sent.filter((m) => m.name === 'dashboard/progress').map((m) => m.request.since);
    expect(sinces.slice(0, 2)).toEqual([3, 5]);
  }, 10_000);

  it('shows the slow-down after a 429 and lets the user cancel', async () => {
    fake.current.handlers['dashboard/view'] = () =>
      view({ refresh: progress({ concurrency: 1, rateLimited: 1, pausedUntil: Date.now() + 5_000 }) });
    fake.current.handlers['dashboard/progress'] = () =>
      progress({ concurrency: 1, rateLimited: 1, pausedUntil: Date.now() + 4_000 });
    fake.current.handlers['dashboard/cancel'] = () =>
      progress({ state: 'cancelled', succeeded: 1, skipped: 2, concurrency: 1, rateLimited: 1 });
    render(<Dashboard />);
    const paused = await screen.findByTestId('refresh-paused');
    expect(paused.textContent).toMatch(/waiting [45] s, then 1 at a time/);
    expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel refresh' }));
    await waitFor(() =>
      expect(screen.getByTestId('refresh-status').textContent).toBe(
        'Refresh cancelled: 1 checked, 0 failed, 2 not checked.',
      ),
    );
    expect(screen.getByTestId('refresh-rate-limited').textContent).toContain('slow down once during this refresh');
  });

  it('a validate run of the Migrations tab shows in neither panel: it only keeps both from starting', async () => {
    const plans = progress({ kind: 'validate', total: 2, items: [{ orgId: 'plan-1', state: 'failed' } as never] });
    fake.current.handlers['dashboard/view'] = () => view({ refresh: plans });
    fake.current.handlers['dashboard/progress'] = () => plans;
    render(<Dashboard />);
    await screen.findByTestId('refresh-all');
    await waitFor(() => expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(true));
    expect(screen.queryByTestId('refresh-status')?.textContent ?? '').toBe('');
    expect(screen.queryByTestId('refresh-counts')).toBeNull();
    expect(screen.queryByTestId('refresh-retry')).toBeNull();
    expect(screen.queryByTestId('link-run-status')?.textContent ?? '').toBe('');
  });

  it('shows the rows as the worker has them now, not as an earlier run left them', async () => {
    // The last run found org 1 not linked; it has been linked since, and the view says so.
    fake.current.handlers['dashboard/view'] = () =>
      view({
        refresh: progress({
          state: 'finished',
          succeeded: 1,
          seq: 2,
          items: [{ orgId: org(1), state: 'ok', status: 'NOT_LINKED', checkedAt: 1, seq: 2 }],
        }),
      });
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    expect(within(rowOf(org(1))).getByText('Linked, synced')).toBeTruthy();
  });

  it('links from a row through a dialog, warning before a token is used for a second org', async () => {
    let calls = 0;
    fake.current.handlers['link/create'] = (request: { allowTokenReuse?: boolean; orgId: string }) => {
      calls += 1;
      if (!request.allowTokenReuse) {
        throw { kind: 'token-reused', params: { orgId: org(9) } };
      }
      return { orgId: request.orgId, status: 'NOT_SYNCED', statusFrom: 'link', checkedAt: Date.now() };
    };
    render(<Dashboard />);
    await screen.findByText('Globex Main');
    fireEvent.click(screen.getByRole('button', { name: 'Link Globex Main to Atlas…' }));
    const dialog = await screen.findByTestId('link-dialog');
    const token = within(dialog).getByLabelText('Atlas link token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.getAttribute('autocomplete')).toBe('off');
    fireEvent.input(token, { target: { value: TOKEN } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link to Atlas' }));
    await within(dialog).findByText(`This link token was already used for another organization (${org(9)}).`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use it anyway' }));

    await waitFor(() => expect(screen.queryByTestId('link-dialog')).toBeNull());
    // The outcome in words, with what comes next, in the row that was linked, with the focus; never the API's raw
    // value.
    const box = within(rowOf(org(2))).getByTestId('row-outcome');
    expect(box.getAttribute('aria-live')).toBe('polite');
    const outcome = box.textContent ?? '';
    expect(outcome).toContain('Globex Main is linked to Atlas.');
    expect(outcome).toContain('not in sync yet: check again in a few minutes');
    expect(outcome).not.toContain('NOT_SYNCED');
    // The link's POST answered NOT_SYNCED: a link was made.
    expect(within(rowOf(org(2))).getByText('Linked, not synced')).toBeTruthy();
    await waitFor(() => expect(box.contains(document.activeElement)).toBe(true));
    expect(calls).toBe(2);
    const sentLinks = fake.current.sent.filter((m) => m.name === 'link/create').map((m) => m.request);
    expect(sentLinks).toEqual([
      { orgId: org(2), linkToken: TOKEN, profileId: 'p2', allowTokenReuse: false },
      { orgId: org(2), linkToken: TOKEN, profileId: 'p2', allowTokenReuse: true },
    ]);
    // The token is gone from the page once used.
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
  });

  it('asks which client key pair to use when linking an org bound to none, among those that may serve it', async () => {
    render(<Dashboard />);
    await screen.findByText('Initech');
    fireEvent.click(screen.getByRole('button', { name: 'Link Initech to Atlas…' }));
    const dialog = await screen.findByTestId('link-dialog');
    fireEvent.input(within(dialog).getByLabelText('Atlas link token'), { target: { value: TOKEN } });
    const submit = within(dialog).getByRole('button', { name: 'Link to Atlas' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const choice = within(dialog).getByLabelText('Client key pair') as HTMLSelectElement;
    // Initech's own key and the global key of its server; never Acme's or Globex's.
    expect([...choice.options].map((o) => o.value)).toEqual(['', 'p3', 'p4']);
    fireEvent.change(choice, { target: { value: 'p3' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('link-dialog')).toBeNull());
    expect(fake.current.sent.some((m) => m.name === 'link/create')).toBe(false);
  });

  it('asks before linking again an org that is already linked, naming it, then shows the token field', async () => {
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    fireEvent.click(screen.getByRole('button', { name: 'Link Acme Prod to Atlas…' }));
    const dialog = await screen.findByTestId('link-dialog');
    const question = within(dialog).getByRole('alertdialog');
    expect(question.textContent).toContain(
      'Acme Prod is already linked to Atlas. Link it again with a new token? The new link replaces the current one.',
    );
    expect(within(dialog).queryByLabelText('Atlas link token')).toBeNull();
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link again' }));
    const token = within(dialog).getByLabelText('Atlas link token');
    await waitFor(() => expect(document.activeElement).toBe(token));
    expect(fake.current.sent.some((m) => m.name === 'link/create')).toBe(false);
  });

  it('a row that is not linked goes straight to the token field', async () => {
    render(<Dashboard />);
    await screen.findByText('Globex Main');
    fireEvent.click(screen.getByRole('button', { name: 'Link Globex Main to Atlas…' }));
    const dialog = await screen.findByTestId('link-dialog');
    expect(within(dialog).queryByRole('alertdialog')).toBeNull();
    expect(within(dialog).getByLabelText('Atlas link token')).toBeTruthy();
  });

  it('unlinks from a row only after a confirmation that names the org', async () => {
    fake.current.handlers['link/delete'] = (request: { orgId: string }) => ({
      orgId: request.orgId,
      status: 'NOT_LINKED',
      checkedAt: Date.now(),
    });
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    expect(within(rowOf(org(2))).queryByRole('button', { name: /Unlink/ })).toBeNull(); // not linked: nothing to unlink
    fireEvent.click(screen.getByRole('button', { name: 'Unlink Acme Prod from Atlas…' }));
    const dialog = await screen.findByTestId('unlink-dialog');
    expect(dialog.textContent).toContain('Remove the link between Acme Prod and Atlas?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unlink' }));
    await waitFor(() => expect(within(rowOf(org(1))).getByText('Not linked')).toBeTruthy());
    // Said in the row that was unlinked (no other row says anything), and the focus is on it: the Unlink button is gone.
    const outcome = within(rowOf(org(1))).getByTestId('row-outcome');
    expect(outcome.textContent).toContain('The link between Acme Prod and Atlas was removed.');
    expect(within(rowOf(org(2))).getByTestId('row-outcome').textContent).toBe('');
    await waitFor(() => expect(outcome.contains(document.activeElement)).toBe(true));
    expect(fake.current.sent.filter((m) => m.name === 'link/delete').map((m) => m.request)).toEqual([
      { orgId: org(1), profileId: 'p1' },
    ]);
  });

  it("a row's failed check says why in that row, with the focus, and its IP to copy only once (the row's own)", async () => {
    fake.current.handlers['link/status'] = () => {
      throw { kind: 'ip-not-allowed', params: { ip: '203.0.113.9' } };
    };
    render(<Dashboard />);
    await screen.findByText('Globex Main');
    fireEvent.click(screen.getByRole('button', { name: 'Check status of Globex Main' }));
    const outcome = within(rowOf(org(2))).getByTestId('row-outcome');
    await waitFor(() => expect(outcome.querySelector('[data-kind]')?.getAttribute('data-kind')).toBe('ip-not-allowed'));
    expect(outcome.textContent).toContain('203.0.113.9');
    expect(within(outcome).queryByTestId('copy-ip')).toBeNull();
    await waitFor(() => expect(outcome.contains(document.activeElement)).toBe(true));
    expect(within(rowOf(org(1))).getByTestId('row-outcome').textContent).toBe('');
  });

  it('an unlink the server accepted but storage could not record says so beside the outcome (#30 item 2)', async () => {
    fake.current.handlers['link/delete'] = (request: { orgId: string }) => ({
      orgId: request.orgId,
      status: 'NOT_LINKED',
      checkedAt: Date.now(),
      notRecorded: true,
    });
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    fireEvent.click(screen.getByRole('button', { name: 'Unlink Acme Prod from Atlas…' }));
    fireEvent.click(within(await screen.findByTestId('unlink-dialog')).getByRole('button', { name: 'Unlink' }));
    const outcome = within(rowOf(org(1))).getByTestId('row-outcome');
    await waitFor(() => expect(outcome.textContent).toContain('was removed'));
    expect(outcome.textContent).toContain(en('notRecorded'));
  });

  it("changes a row's client, clears it, and removes a row from the list", async () => {
    fake.current.handlers['dashboard/set-client'] = () => null;
    fake.current.handlers['dashboard/remove-org'] = () => null;
    render(<Dashboard />);
    await screen.findByText('Acme Prod');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Initech: client or removal…' }));
    let dialog = await screen.findByTestId('edit-dialog');
    const save = within(dialog).getByRole('button', { name: 'Save changes' });
    expect((save as HTMLButtonElement).disabled).toBe(true); // nothing changed yet
    const clients = within(dialog).getByLabelText('Client key pair') as HTMLSelectElement;
    // Only key pairs that may serve Initech: its own, and the global key of its server.
    expect([...clients.options].map((o) => o.textContent)).toEqual([
      'No client',
      'Initech Co (qrstuvwx)',
      'Ops global (yzabcdef)',
    ]);
    fireEvent.change(clients, { target: { value: 'p3' } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId('edit-dialog')).toBeNull());
    expect(within(rowOf(org(3))).getByTestId('row-outcome').textContent).toContain(
      'Initech now uses the key pair of Initech Co.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Edit Acme Prod: client or removal…' }));
    dialog = await screen.findByTestId('edit-dialog');
    fireEvent.change(within(dialog).getByLabelText('Client key pair'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(within(rowOf(org(1))).getByTestId('row-outcome').textContent).toContain('Acme Prod has no client now.'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Edit Globex Main: client or removal…' }));
    dialog = await screen.findByTestId('edit-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    // Its row is gone: the result is said above the table, with the focus.
    const removed = screen.getByTestId('removed-outcome');
    await waitFor(() => expect(removed.textContent).toContain('Removed Globex Main'));
    await waitFor(() => expect(removed.contains(document.activeElement)).toBe(true));

    expect(
      fake.current.sent.filter((m) => m.name.startsWith('dashboard/s') || m.name === 'dashboard/remove-org'),
    ).toEqual([
      { name: 'dashboard/set-client', request: { orgId: org(3), profileId: 'p3' } },
      { name: 'dashboard/set-client', request: { orgId: org(1), profileId: null } },
      { name: 'dashboard/remove-org', request: { orgId: org(2) } },
    ]);
  });

  it('does not offer to remove an org while a refresh runs, and shows why a removal failed', async () => {
    fake.current.handlers['dashboard/view'] = () => view({ refresh: progress({ state: 'running', running: 1 }) });
    fake.current.handlers['dashboard/progress'] = () => progress({ state: 'running', running: 1 });
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Initech: client or removal…' }));
    const dialog = await screen.findByTestId('edit-dialog');
    expect((within(dialog).getByRole('button', { name: 'Remove' }) as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.textContent).toContain('Wait for the refresh to finish');
  });

  it('exports the shown rows as CSV', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:csv';
    });
    URL.revokeObjectURL = vi.fn();
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    fireEvent.change(screen.getByLabelText('Client'), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV (1 row)' }));
    const text = await blobs[0]!.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Organization,Org ID,Client,Atlas target,Atlas target ID,Link status,Error,Error code,Note,Checked (UTC),' +
        'Last action,Last action at (UTC)',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^Acme Prod,${org(1)},Acme,,,"Linked, synced",,,,\\d{4}-[^,]+Z,`));
  });

  it('when the vault is locked, lists known orgs, offers to unlock, and disables refresh and row actions', async () => {
    fake.current.handlers['dashboard/view'] = () =>
      view({ vault: 'locked', profiles: [], rows: [{ orgId: org(1), name: 'Acme Prod', status: 'SYNCED' }] });
    render(<Dashboard />);
    await screen.findByText('Acme Prod');
    expect(screen.getByText(/The vault is locked/)).toBeTruthy();
    expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Link Acme Prod to Atlas…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('unlocks right above the table: the passphrase leaves the field when sent, a wrong one says so', async () => {
    let vault: DashboardView['vault'] = 'locked';
    fake.current.handlers['dashboard/view'] = () => view({ vault });
    fake.current.handlers['vault/unlock'] = (request: { passphrase: string }) => {
      if (request.passphrase !== 'the right one') throw { kind: 'wrong-passphrase' };
      vault = 'unlocked';
      return {};
    };
    render(<Dashboard />);
    const input = (await screen.findByLabelText('Passphrase')) as HTMLInputElement;
    const unlock = screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;
    expect(unlock.disabled).toBe(true);

    fireEvent.input(input, { target: { value: 'a wrong one' } });
    fireEvent.click(unlock);
    expect(input.value).toBe('');
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong passphrase.');

    fireEvent.input(input, { target: { value: 'the right one' } });
    fireEvent.click(unlock);
    await waitFor(() => expect(screen.queryByText(/The vault is locked/)).toBeNull());
    expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(false);
    expect(fake.current.sent.filter((m) => m.name === 'vault/unlock').map((m) => m.request.passphrase)).toEqual([
      'a wrong one',
      'the right one',
    ]);
  });
});
