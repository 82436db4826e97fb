// @vitest-environment happy-dom
// The rows' Atlas targets on the page: which Atlas orgs a row may target (its client's Atlas key pairs, by label),
// the CSV import's preview (which rows get which target, which lines are invalid and why); and in the dashboard: a
// row's target list, the import's preview then apply, and "create and link" of the selected rows with its progress.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atlasOrgsOfClient, planTargetImport } from '../../../../src/options/dashboard/atlas-targets';
import { parseTargetCsv } from '../../../../src/options/dashboard/target-csv';
import type { DashboardRow, DashboardView, RefreshProgress } from '../../../../src/shared/dashboard-messages';
import type { ProfileView } from '../../../../src/shared/domain';
import { fakeExtension } from '../../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));
const { Dashboard } = await import('../../../../src/options/dashboard/Dashboard');

const id = (c: string) => c.repeat(24);
const profile = (over: Partial<ProfileView>): ProfileView =>
  ({
    id: over.label ?? 'p',
    label: 'x',
    publicKey: 'abcdefgh',
    maskedPrivateKey: '****',
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
    ...over,
  }) as ProfileView;
const atlas = (label: string, orgId: string, name: string) =>
  profile({ id: `atlas-${orgId}`, label, side: 'atlas', org: { id: orgId, name } });

const profiles: ProfileView[] = [
  profile({ id: 'cm1', label: 'Acme', side: 'cloud-manager', org: { id: id('1'), name: 'Acme CM' } }),
  atlas('Acme', id('a'), 'Acme Target Z'),
  atlas(' Acme ', id('b'), 'Acme Target A'),
  atlas('Acme', id('a'), 'Acme Target Z (second key)'),
  atlas('Globex', id('c'), 'Globex Target'),
  // A Cloud Manager key pair of an org with the same id as an Atlas org is never a target.
  profile({ id: 'cm2', label: 'Acme', side: 'cloud-manager', org: { id: id('d'), name: 'Not Atlas' } }),
];

const rows: DashboardRow[] = [
  { orgId: id('1'), name: 'Acme CM', profileId: 'cm1', profileLabel: 'Acme', atlasOrgId: id('b') },
  { orgId: id('2'), name: 'Globex CM', profileId: 'cm3', profileLabel: 'Globex' },
  { orgId: id('3'), name: 'Visited' },
  { orgId: id('4'), profileId: 'cm4', profileLabel: 'Initech' },
];

describe("a row's Atlas orgs", () => {
  it("are the Atlas orgs of its client's Atlas key pairs (labels compared trimmed), once each, by name", () => {
    expect(atlasOrgsOfClient(profiles, 'Acme')).toEqual([
      { id: id('b'), name: 'Acme Target A' },
      { id: id('a'), name: 'Acme Target Z' },
    ]);
    expect(atlasOrgsOfClient(profiles, 'Globex')).toEqual([{ id: id('c'), name: 'Globex Target' }]);
    expect(atlasOrgsOfClient(profiles, 'Initech')).toEqual([]);
    expect(atlasOrgsOfClient(profiles, undefined)).toEqual([]);
  });
});

describe('CSV import preview', () => {
  it('tells which rows get which target and which lines are invalid, and why, in line order', () => {
    const lines = [
      'cloudManagerOrgId,atlasOrgId',
      `${id('1')},${id('a')}`, // 2: Acme → its own Atlas org (it had another target)
      `${id('2')},${id('a')}`, // 3: Globex has no Atlas key pair of Acme's Atlas org
      `${id('2')},${id('c')}`, // 4: the same org again, right this time
      `${id('2')},${id('c')}`, // 5: a repeat of line 4
      `${id('9')},${id('c')}`, // 6: not in the dashboard
      `${id('3')},${id('c')}`, // 7: no client
      'zz,yy', // 8: bad id
      `${id('4')},${id('c')}`, // 9: Initech has no Atlas key pair at all
      id('1'), // 10: one value
    ];
    const at = (line: number) => lines[line - 1]!;
    const plan = planTargetImport(parseTargetCsv(lines.join('\n')), rows, profiles);
    expect(plan.targets).toEqual([
      {
        line: 2,
        orgId: id('1'),
        orgName: 'Acme CM',
        atlasOrgId: id('a'),
        atlasName: 'Acme Target Z',
        previous: id('b'),
      },
      {
        line: 4,
        orgId: id('2'),
        orgName: 'Globex CM',
        atlasOrgId: id('c'),
        atlasName: 'Globex Target',
      },
    ]);
    expect(plan.rejected).toEqual([
      { line: 3, text: at(3), problem: 'no-atlas-key-pair', client: 'Globex' },
      { line: 5, text: at(5), problem: 'duplicate', firstLine: 4 },
      { line: 6, text: at(6), problem: 'not-listed' },
      { line: 7, text: at(7), problem: 'no-client' },
      { line: 8, text: at(8), problem: 'bad-org-id' },
      { line: 9, text: at(9), problem: 'no-atlas-key-pair', client: 'Initech' },
      { line: 10, text: at(10), problem: 'columns' },
    ]);
  });

  it('a target the row already has is planned again, with no previous one to show', () => {
    const text = [`${id('1')},${id('b')}`, `${id('2')},${id('c')}`];
    const plan = planTargetImport(parseTargetCsv(text.join('\n')), rows, profiles);
    expect(plan).toEqual({
      targets: [
        { line: 1, orgId: id('1'), orgName: 'Acme CM', atlasOrgId: id('b'), atlasName: 'Acme Target A' },
        {
          line: 2,
          orgId: id('2'),
          orgName: 'Globex CM',
          atlasOrgId: id('c'),
          atlasName: 'Globex Target',
        },
      ],
      rejected: [],
    });
  });
});

describe('dashboard: Atlas targets and create and link', () => {
  const pageView = (over: Partial<DashboardView> = {}): DashboardView => ({
    vault: 'unlocked',
    concurrency: 4,
    profiles,
    rows: [
      { orgId: id('1'), name: 'Acme CM', profileId: 'cm1', profileLabel: 'Acme', atlasOrgId: id('b') },
      { orgId: id('2'), name: 'Globex CM', profileId: 'cm3', profileLabel: 'Globex', atlasOrgId: id('c') },
      { orgId: id('3'), name: 'Visited' },
      { orgId: id('4'), name: 'Initech CM', profileId: 'cm4', profileLabel: 'Initech' },
    ],
    ...over,
  });
  const run = (over: Partial<RefreshProgress>): RefreshProgress => ({
    runId: 'link-1',
    kind: 'link',
    state: 'running',
    total: 4,
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
    ...over,
  });
  const rowOf = (orgId: string) => document.querySelector(`tr[data-org-id="${orgId}"]`) as HTMLElement;
  const sentOf = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);

  beforeEach(() => {
    fake.current = fakeExtension();
    fake.current.handlers['dashboard/view'] = () => pageView();
  });
  afterEach(() => cleanup());

  it("a row offers its client's Atlas orgs only; a choice is saved by the worker, a refusal is shown", async () => {
    render(<Dashboard />);
    const select = (await screen.findByLabelText('Atlas target for Acme CM')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['No target', 'Acme Target A', 'Acme Target Z']);
    expect(select.value).toBe(id('b'));
    expect(within(rowOf(id('3'))).getByText('No client: add its key pair first')).toBeTruthy();
    expect(within(rowOf(id('4'))).getByText('No Atlas key pair of this client')).toBeTruthy();

    fake.current.handlers['dashboard/set-atlas-target'] = () => null;
    fireEvent.change(select, { target: { value: id('a') } });
    // Said in the row; the focus stays on the list (arrow keys may be choosing on).
    const outcome = within(rowOf(id('1'))).getByTestId('row-outcome');
    await waitFor(() => expect(outcome.textContent).toContain('Acme CM will be linked to Acme Target Z.'));
    expect(document.activeElement === select || document.activeElement === document.body).toBe(true);
    expect(sentOf('dashboard/set-atlas-target')).toEqual([{ orgId: id('1'), atlasOrgId: id('a') }]);
    expect(select.value).toBe(id('a'));
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(outcome.textContent).toContain('Acme CM has no Atlas target now.'));
    expect(sentOf('dashboard/set-atlas-target')[1]).toEqual({ orgId: id('1'), atlasOrgId: null });

    fake.current.handlers['dashboard/set-atlas-target'] = () => {
      throw { kind: 'no-atlas-key-pair', params: { client: 'Acme' } };
    };
    fireEvent.change(select, { target: { value: id('b') } });
    await waitFor(() =>
      expect(outcome.querySelector('[data-kind]')?.getAttribute('data-kind')).toBe('no-atlas-key-pair'),
    );
  });

  it('create and link: one box selects the shown rows; the run goes in the worker with per-row outcomes', async () => {
    const polls = [
      run({
        state: 'finished',
        succeeded: 1,
        failed: 1,
        skipped: 2,
        seq: 8,
        items: [
          { orgId: id('1'), state: 'ok', status: 'SYNCED', checked: true, seq: 7 },
          { orgId: id('2'), state: 'failed', error: { kind: 'network' }, checked: true, seq: 8 },
        ],
      }),
    ];
    fake.current.handlers['dashboard/link-run'] = () =>
      run({
        skipped: 2,
        running: 2,
        seq: 6,
        items: [
          { orgId: id('3'), state: 'skipped', skipReason: 'no-target', seq: 1 },
          { orgId: id('4'), state: 'skipped', skipReason: 'no-target', seq: 2 },
          { orgId: id('1'), state: 'running', seq: 5 },
          { orgId: id('2'), state: 'queued', error: { kind: 'rate-limited' }, seq: 6 },
        ],
      });
    fake.current.handlers['dashboard/progress'] = () => polls.shift() ?? null;
    render(<Dashboard />);
    await screen.findByText('Acme CM');
    const start = screen.getByTestId('link-run-start') as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select all shown rows'));
    expect(screen.getByTestId('link-run-selection').textContent).toBe('4 selected, 2 of them with an Atlas target.');
    // One row off again, with its own box.
    fireEvent.click(screen.getByLabelText('Select Initech CM'));
    expect(start.textContent).toBe('Create and link the 3 selected');
    fireEvent.click(start);

    await waitFor(() =>
      expect(screen.getByTestId('link-run-counts').textContent).toBe('0 of 4 linked · 0 failed · 2 skipped'),
    );
    expect(sentOf('dashboard/link-run')).toEqual([{ orgIds: [id('1'), id('2'), id('3')] }]);
    expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(true);
    expect(within(rowOf(id('3'))).getByText('skipped: no Atlas target')).toBeTruthy();
    expect(within(rowOf(id('1'))).getByText('creating a token and linking…')).toBeTruthy();
    expect(within(rowOf(id('2'))).getByText(/will try again/)).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('link-run-status').textContent).toBe(
        'Create and link finished: 1 linked, 1 failed, 2 skipped.',
      ),
    );
    expect(within(rowOf(id('1'))).getByText(/its status was checked, nothing sent again/)).toBeTruthy();
    // The refresh panel shows no link run as its own.
    expect(screen.getByTestId('refresh-status').textContent).toBe('');

    // "Retry the 1 failed" runs the failed row alone again, whatever is selected.
    expect(screen.queryByTestId('refresh-retry')).toBeNull();
    fake.current.handlers['dashboard/link-run'] = () =>
      run({ runId: 'link-2', total: 1, state: 'finished', succeeded: 1 });
    fireEvent.click(await screen.findByRole('button', { name: 'Retry the 1 failed' }));
    await waitFor(() => expect(sentOf('dashboard/link-run')).toHaveLength(2));
    expect(sentOf('dashboard/link-run')[1]).toEqual({ orgIds: [id('2')] });
  });

  it('a refresh going keeps create and link from starting', async () => {
    fake.current.handlers['dashboard/view'] = () => pageView({ refresh: run({ kind: 'refresh', runId: 'r' }) });
    fake.current.handlers['dashboard/progress'] = () => run({ kind: 'refresh', runId: 'r' });
    render(<Dashboard />);
    await screen.findByText('Acme CM');
    fireEvent.click(screen.getByLabelText('Select all shown rows'));
    expect((screen.getByTestId('link-run-start') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('link-run-status').textContent).toBe('');
  });

  it('the CSV import: a preview first, then only the valid targets are sent, in one message', async () => {
    fake.current.handlers['dashboard/set-atlas-targets'] = ({ targets }: { targets: unknown[] }) => ({
      saved: targets.length,
    });
    render(<Dashboard />);
    await screen.findByText('Acme CM');
    const toggle = screen.getByRole('button', { name: 'Import Atlas targets' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    fireEvent.input(screen.getByLabelText('CSV text (or paste it here)'), {
      target: { value: `cloudManagerOrgId,atlasOrgId\n${id('1')},${id('a')}\n${id('2')},${id('a')}\nnope` },
    });
    expect(screen.queryByTestId('target-import-apply')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = screen.getByTestId('target-import-preview');
    expect(within(preview).getByText('Rows getting a target: 1 · invalid lines: 2')).toBeTruthy();
    expect(within(preview).getByText('the client Globex has no Atlas key pair for this Atlas org')).toBeTruthy();
    expect(within(preview).getByText('needs two values: the Cloud Manager org id, then the Atlas org id')).toBeTruthy();
    // The invalid line is shown as it was pasted.
    expect(within(screen.getByTestId('target-import-invalid')).getByText('nope')).toBeTruthy();
    expect(sentOf('dashboard/set-atlas-targets')).toEqual([]);
    fireEvent.click(screen.getByTestId('target-import-apply'));
    // Said beside the import, not above the table.
    await waitFor(() =>
      expect(screen.getByTestId('target-import-outcome').textContent).toContain('1 Atlas target saved.'),
    );
    expect(sentOf('dashboard/set-atlas-targets')).toEqual([{ targets: [{ orgId: id('1'), atlasOrgId: id('a') }] }]);
    // A changed text needs a new preview.
    expect(screen.queryByTestId('target-import-preview')).toBeNull();
  });
});
