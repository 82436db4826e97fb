// @vitest-environment happy-dom
// The audit log page: entries with the outcome in words, the key's public key, the token's fingerprint and source
// and the Atlas org; the count of entries the cap dropped; both exports exact (CSV and JSON Lines, UTC times,
// files named with the UTC date); clearing only after the confirmation, with "export, then clear" downloading both
// files before the clear is sent; and an org's note edited in the dashboard's edit dialog, checked before sending.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardRow } from '../../../src/shared/dashboard-messages';
import type { HistoryEntry } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { HistoryView } = await import('../../../src/options/HistoryView');
const { EditOrgDialog } = await import('../../../src/options/dashboard/EditOrgDialog');

const org = (n: number) => n.toString(16).padStart(24, '0');

const LINK: HistoryEntry = {
  time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  orgId: org(1),
  orgName: 'Acme Prod',
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Acme',
  publicKey: 'abcdefgh',
  tokenFingerprint: '0123456789abcdef',
  tokenSource: 'created',
  atlasOrgId: org(9),
  orgNote: 'TICKET-7, "urgent"',
  seq: 5,
};
const UNLINK: HistoryEntry = {
  time: Date.UTC(2026, 0, 2, 23, 59, 0),
  orgId: org(2),
  operation: 'unlink',
  result: 'bad-credentials',
  ok: false,
  profileLabel: 'Globex',
  publicKey: 'ijklmnop',
  seq: 6,
};
const CLEARED: HistoryEntry = {
  time: Date.UTC(2026, 0, 3, 0, 0, 1),
  orgId: '',
  operation: 'clear-log',
  result: 'cleared',
  ok: true,
  profileLabel: '',
  seq: 1,
  clearedCount: 2,
};

const CSV = [
  'time,orgId,orgName,operation,result,ok,client,outcome,publicKey,tokenFingerprint,tokenSource,atlasOrgId,orgNote,clearedCount,seq',
  `2026-01-02T03:04:05.006Z,${org(1)},Acme Prod,link,SYNCED,yes,Acme,"Linked, synced",abcdefgh,0123456789abcdef,created,${org(9)},"TICKET-7, ""urgent""",,5`,
  `2026-01-02T23:59:00.000Z,${org(2)},,unlink,bad-credentials,no,Globex,The key pair was refused for this org.,ijklmnop,,,,,,6`,
];
const JSONL = [
  JSON.stringify({
    time: '2026-01-02T03:04:05.006Z',
    orgId: org(1),
    orgName: 'Acme Prod',
    operation: 'link',
    result: 'SYNCED',
    ok: true,
    client: 'Acme',
    outcome: 'Linked, synced',
    publicKey: 'abcdefgh',
    tokenFingerprint: '0123456789abcdef',
    tokenSource: 'created',
    atlasOrgId: org(9),
    orgNote: 'TICKET-7, "urgent"',
    clearedCount: null,
    seq: 5,
  }),
  JSON.stringify({
    time: '2026-01-02T23:59:00.000Z',
    orgId: org(2),
    orgName: null,
    operation: 'unlink',
    result: 'bad-credentials',
    ok: false,
    client: 'Globex',
    outcome: 'The key pair was refused for this org.',
    publicKey: 'ijklmnop',
    tokenFingerprint: null,
    tokenSource: null,
    atlasOrgId: null,
    orgNote: null,
    clearedCount: null,
    seq: 6,
  }),
];

/** Every download the page starts, in order: file name and text. */
let downloads: { name: string; blob: Blob }[];
let stored: HistoryEntry[];

beforeEach(() => {
  fake.current = fakeExtension();
  // Newest first, as the worker lists them.
  stored = [UNLINK, LINK];
  fake.current.handlers['history/list'] = () => stored;
  fake.current.handlers['history/clear'] = () => {
    stored = [CLEARED];
    return CLEARED;
  };
  downloads = [];
  let lastBlob: Blob | undefined;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    lastBlob = blob;
    return 'blob:history';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: lastBlob! });
  });
  // 00:30 on 3 January in UTC: still the 2nd west of Greenwich; the file name says the UTC date.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 0, 3, 0, 30));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const sentNames = () => fake.current.sent.map((m) => m.name);
const texts = () => Promise.all(downloads.map(async (d) => [d.name, await d.blob.text()]));

describe('the audit log page', () => {
  it('shows each entry with its outcome in words, key, fingerprint and source, Atlas org; and what the cap dropped', async () => {
    render(<HistoryView />);
    const table = await screen.findByTestId('history');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()))).toEqual([
      ['When', 'Organization', 'Action', 'Result', 'Client', 'Public key', 'Link token fingerprint', 'Atlas org'],
      [expect.any(String), org(2), 'unlink', 'The key pair was refused for this org.', 'Globex', 'ijklmnop', '', ''],
      [
        expect.any(String),
        `Acme Prod ${org(1)}`,
        'link',
        'Linked, synced',
        'Acme',
        'abcdefgh',
        '0123456789abcdef (made by the extension)',
        org(9),
      ],
    ]);
    expect(screen.getByTestId('history-dropped').textContent).toBe(
      '4 older entries were dropped: the history keeps the latest 1000.',
    );
  });

  it("words each revoke outcome: done, nothing to remove (not failed), refused for a running migration; and a link's NOT_SYNCED as linked", async () => {
    const revoke = (result: string, ok: boolean, seq: number): HistoryEntry => ({
      time: Date.UTC(2026, 0, 2, 4, 0, seq),
      orgId: org(9),
      orgName: 'Acme Atlas',
      operation: 'revoke-token',
      result,
      ok,
      profileLabel: 'Acme',
      atlasOrgId: org(9),
      seq,
    });
    stored = [
      revoke('migration-running', false, 10),
      revoke('nothing-to-revoke', true, 9),
      revoke('revoked', true, 8),
      { ...LINK, result: 'NOT_SYNCED', seq: 7 },
    ];
    render(<HistoryView />);
    const table = await screen.findByTestId('history');
    const results = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelectorAll('td')[3]?.textContent);
    expect(results).toEqual([
      // History keeps the kind only: the sentence without the projects' ids, never a '?' in their place.
      "Atlas keeps this organization's link while a live migration uses it.",
      'Nothing to remove: Atlas had no link token',
      'Revoked',
      // A link's POST answered NOT_SYNCED: a link was made (history records no status checks).
      'Linked, not synced',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const csv = (await texts())[0]?.[1];
    expect(csv).toContain(`,revoke-token,nothing-to-revoke,yes,Acme,Nothing to remove: Atlas had no link token,`);
  });

  it('exports CSV and JSON Lines exactly, oldest first, UTC times, named with the UTC date', async () => {
    render(<HistoryView />);
    await screen.findByTestId('history');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON Lines' }));
    expect(await texts()).toEqual([
      ['atlas-link-history-2026-01-03.csv', `\uFEFF${CSV.join('\r\n')}\r\n`],
      ['atlas-link-history-2026-01-03.jsonl', `${JSONL.join('\n')}\n`],
    ]);
    expect(downloads.map((d) => d.blob.type)).toEqual(['text/csv;charset=utf-8', 'application/jsonl;charset=utf-8']);
    expect(sentNames()).toEqual(['history/list']);
  });

  it('clears only once confirmed: cancel sends nothing; "clear without exporting" leaves the one cleared entry', async () => {
    render(<HistoryView />);
    await screen.findByTestId('history');
    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    let dialog = await screen.findByTestId('clear-history-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Clear the history?');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('clear-history-dialog')).toBeNull());
    expect(sentNames()).toEqual(['history/list']);

    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    dialog = await screen.findByTestId('clear-history-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear without exporting' }));
    await waitFor(() => expect(screen.getByTestId('history-outcome').textContent).toBe('The history was cleared.'));
    expect(screen.queryByTestId('clear-history-dialog')).toBeNull();
    expect(sentNames()).toEqual(['history/list', 'history/clear', 'history/list']);
    expect(downloads).toEqual([]);
    const rows = within(screen.getByTestId('history')).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].slice(2, 4).map((c) => c.textContent))).toEqual([
      ['Clear history', '2 entries removed'],
    ]);
    expect(screen.queryByTestId('history-dropped')).toBeNull();
  });

  it('"export, then clear" downloads both files of what is stored, then clears', async () => {
    render(<HistoryView />);
    await screen.findByTestId('history');
    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    const dialog = await screen.findByTestId('clear-history-dialog');
    const clearSent = vi.fn(() => downloads.length);
    const clear = fake.current.handlers['history/clear']!;
    fake.current.handlers['history/clear'] = (request: never) => {
      clearSent();
      return clear(request);
    };
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export (CSV and JSON Lines), then clear' }));
    await waitFor(() => expect(screen.getByTestId('history-outcome').textContent).toBe('The history was cleared.'));
    // Both files were handed to the browser before the clear was sent.
    expect(clearSent.mock.results.map((r) => r.value)).toEqual([2]);
    expect(await texts()).toEqual([
      ['atlas-link-history-2026-01-03.csv', `\uFEFF${CSV.join('\r\n')}\r\n`],
      ['atlas-link-history-2026-01-03.jsonl', `${JSONL.join('\n')}\n`],
    ]);
    expect(sentNames()).toEqual(['history/list', 'history/list', 'history/clear', 'history/list']);
  });
});

describe("an org's note in the edit dialog", () => {
  const row: DashboardRow = { orgId: org(1), name: 'Acme Prod' };
  const renderDialog = (onDone = vi.fn()) => {
    render(<EditOrgDialog row={row} profiles={[]} refreshRunning={false} onDone={onDone} onClose={() => {}} />);
    return onDone;
  };

  it('shows the stored note, saves a changed one (trimmed) and says so', async () => {
    fake.current.handlers['org/notes'] = () => ({ [org(1)]: 'TICKET-7', [org(2)]: 'other' });
    fake.current.handlers['org/set-note'] = () => ({ orgId: org(1), note: 'TICKET-8' });
    const onDone = renderDialog();
    const field = (await screen.findByLabelText('Note (ticket id, handover remark)')) as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe('TICKET-7'));
    const save = screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(field.maxLength).toBe(500);
    fireEvent.input(field, { target: { value: ' TICKET-8 ' } });
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Saved the note of Acme Prod.'));
    expect(fake.current.sent.filter((m) => m.name !== 'org/notes')).toEqual([
      { name: 'org/set-note', request: { orgId: org(1), note: 'TICKET-8' } },
    ]);
  });

  it('refuses a control character before sending, and waits for the stored note before it can be edited', async () => {
    let answer: (notes: Record<string, string>) => void = () => {};
    fake.current.handlers['org/notes'] = () => new Promise((resolve) => (answer = resolve));
    renderDialog();
    const field = screen.getByLabelText('Note (ticket id, handover remark)') as HTMLInputElement;
    expect(field.disabled).toBe(true);
    answer({});
    await waitFor(() => expect(field.disabled).toBe(false));
    fireEvent.input(field, { target: { value: 'tab\there' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'The note contains a control character (such as a line break or a tab).',
    );
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(true);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(fake.current.sent.map((m) => m.name)).toEqual(['org/notes']);
  });

  describe('a link token made and never used (#30 item 8)', () => {
    const UNUSED: HistoryEntry = {
      time: Date.UTC(2026, 0, 2, 5, 0, 0),
      orgId: org(1),
      orgName: 'Acme Prod',
      operation: 'link',
      result: 'token-unused',
      ok: false,
      profileLabel: 'Acme',
      publicKey: 'atlaskey',
      tokenFingerprint: 'fedcba9876543210',
      tokenSource: 'created',
      atlasOrgId: org(9),
      seq: 8,
    };
    const resultCell = async () => {
      const table = await screen.findByTestId('history');
      return within(table).getAllByRole('row')[1]!.querySelectorAll('td')[3]!;
    };

    beforeEach(() => {
      stored = [UNUSED, LINK];
      fake.current.handlers['atlas/revoke-reach'] = () => ({
        linked: [{ orgId: org(1), name: 'Acme Prod' }],
        unknownAtlasOrg: [],
      });
      fake.current.handlers['atlas/revoke'] = () => {
        stored = [{ ...UNUSED, operation: 'revoke-token', result: 'revoked', ok: true, seq: 9 }, UNUSED, LINK];
        return { outcome: 'revoked', checked: [], unchecked: [] };
      };
    });

    it('is worded as still valid in Atlas, in the page and the export', async () => {
      render(<HistoryView />);
      expect((await resultCell()).textContent).toContain(
        'Link token made, not used: still valid in Atlas until revoked',
      );
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect((await texts())[0]?.[1]).toContain(
        `,link,token-unused,no,Acme,"Link token made, not used: still valid in Atlas until revoked",atlaskey,fedcba9876543210,created,${org(9)},`,
      );
    });

    it("offers Revoke, asks first with the popup's words, and revokes only once confirmed", async () => {
      render(<HistoryView />);
      const button = within(await resultCell()).getByRole('button', {
        name: "Revoke the Atlas organization's link token…",
      });
      fireEvent.click(button);
      const dialog = await screen.findByTestId('history-revoke-confirm');
      expect(dialog.textContent).toContain(
        `Revoke the link tokens of the Atlas organization ${org(9)}? Atlas's DELETE names no token: it removes this organization's link tokens and the API key each one embeds`,
      );
      await waitFor(() => expect(dialog.textContent).toContain(`Acme Prod (${org(1)})`));
      expect(sentNames()).not.toContain('atlas/revoke');
      // Cancel (and Escape) send nothing.
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByTestId('history-revoke-confirm')).toBeNull();
      fireEvent.click(within(await resultCell()).getByRole('button'));
      fireEvent.keyDown(await screen.findByTestId('history-revoke-confirm'), { key: 'Escape' });
      expect(screen.queryByTestId('history-revoke-confirm')).toBeNull();
      expect(sentNames()).not.toContain('atlas/revoke');

      fireEvent.click(within(await resultCell()).getByRole('button'));
      fireEvent.click(
        within(await screen.findByTestId('history-revoke-confirm')).getByRole('button', { name: 'Revoke the token' }),
      );
      await waitFor(() => expect(screen.getByTestId('history-outcome').textContent).toContain('was revoked'));
      expect(fake.current.sent.filter((m) => m.name === 'atlas/revoke').map((m) => m.request)).toEqual([
        { atlasOrgId: org(9) },
      ]);
      // Revoked since: the entry no longer offers it.
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));
      expect(screen.queryByRole('button', { name: "Revoke the Atlas organization's link token…" })).toBeNull();
    });

    it('offers nothing for a token whose Atlas org was revoked after it, nor for other entries', async () => {
      stored = [{ ...UNUSED, operation: 'revoke-token', result: 'revoked', ok: true, seq: 9 }, UNUSED, LINK];
      render(<HistoryView />);
      await screen.findByTestId('history');
      expect(screen.queryByRole('button', { name: "Revoke the Atlas organization's link token…" })).toBeNull();
      // A refused revoke leaves the token valid: Revoke is still offered.
      cleanup();
      stored = [{ ...UNUSED, operation: 'revoke-token', result: 'server-error', ok: false, seq: 9 }, UNUSED, LINK];
      render(<HistoryView />);
      await screen.findByTestId('history');
      expect(screen.getAllByRole('button', { name: "Revoke the Atlas organization's link token…" })).toHaveLength(1);
    });
  });
});
