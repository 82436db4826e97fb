// @vitest-environment happy-dom
// The backup import dialog asks what a merge or a replace needs before anything is imported: which version of a
// changed key pair to keep, and a new passphrase when the backup's own is below today's rule. It says what the backup
// holds beside key pairs and which key pairs a merge skips as already saved; on a fresh install it only restores.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupPreview } from '../../../src/shared/options-messages';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { BackupSection } = await import('../../../src/options/BackupSection');
const { RestoreSection } = await import('../../../src/options/RestoreSection');

const NOTHING_RESTORED = { orgs: 0, targets: 0, notes: 0, history: 0 };
const plain: Pick<BackupPreview, 'identical' | 'fresh'> = { identical: [], fresh: false };

async function previewWith(plan: BackupPreview, page: 'backup' | 'restore' = 'backup') {
  fake.current.handlers['backup/preview'] = () => plan;
  fake.current.handlers['backup/import'] = () => ({ profiles: 2, skipped: [], restored: NOTHING_RESTORED });
  render(
    page === 'backup' ? (
      <BackupSection reload={async () => undefined} />
    ) : (
      <RestoreSection onDone={async () => undefined} />
    ),
  );
  const file = new File(['{"format":"cm-atlas-link-vault-backup"}'], 'backup.json', { type: 'application/json' });
  const input = screen.getByLabelText('Backup file to import') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file] });
  fireEvent.change(input);
  fireEvent.input(screen.getByLabelText("The backup's passphrase"), { target: { value: 'short' } });
  await waitFor(() =>
    expect((screen.getByRole('button', { name: 'Show what it holds' }) as HTMLButtonElement).disabled).toBe(false),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Show what it holds' }));
  await screen.findByTestId('backup-labels');
}

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('backup import', () => {
  it('asks which version of a changed key pair to keep, and sends the choice', async () => {
    await previewWith({
      labels: ['Acme', 'Globex'],
      conflicts: [{ currentLabel: 'Acme (renamed)', incomingLabel: 'Acme' }],
      duplicateKeys: [{ label: 'Globex', currentLabel: 'Globex old' }],
      weakPassphrase: false,
      ...plain,
    });
    expect(screen.getByTestId('backup-conflicts').textContent).toContain('Acme (renamed) ↔ Acme');
    expect(document.body.textContent).toContain('Globex uses the same public key as Globex old');
    fireEvent.click(screen.getByLabelText("Take the backup's version"));
    fireEvent.click(screen.getByRole('button', { name: 'Merge into this vault' }));
    await waitFor(() => expect(fake.current.sent.some((m) => m.name === 'backup/import')).toBe(true));
    expect(fake.current.sent.find((m) => m.name === 'backup/import')?.request).toMatchObject({
      mode: 'merge',
      onConflict: 'take-backup',
    });
  });

  it('a replace with a too-short backup passphrase asks for a new one first', async () => {
    await previewWith({ labels: ['Acme'], conflicts: [], duplicateKeys: [], weakPassphrase: true, ...plain });
    const replace = screen.getByRole('button', { name: /Replace/ }) as HTMLButtonElement;
    expect(replace.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText(/New passphrase for the vault/), {
      target: { value: 'a long new passphrase' },
    });
    fireEvent.input(screen.getByLabelText('Passphrase, again'), { target: { value: 'a long new passphrase' } });
    await waitFor(() => expect(replace.disabled).toBe(false));
    fireEvent.click(replace);
    await waitFor(() => expect(fake.current.sent.some((m) => m.name === 'backup/import')).toBe(true));
    expect(fake.current.sent.find((m) => m.name === 'backup/import')?.request).toMatchObject({
      mode: 'replace',
      newPassphrase: 'a long new passphrase',
    });
  });

  it('says what the backup holds beside key pairs, and names the key pairs a merge skips as already saved', async () => {
    await previewWith({
      labels: ['Acme', 'Acme (laptop)'],
      conflicts: [],
      duplicateKeys: [],
      identical: [
        { label: 'Acme', currentLabel: 'Acme' },
        { label: 'Acme (laptop)', currentLabel: 'Acme' },
      ],
      weakPassphrase: false,
      fresh: false,
      workspace: { orgs: 3, targets: 2, notes: 1, history: 7 },
    });
    expect(screen.getByTestId('backup-workspace').textContent).toBe(
      'Beside them — orgs: 3, Atlas targets: 2, notes: 1. History entries: 7.',
    );
    const identical = screen.getByTestId('backup-identical');
    expect(identical.textContent).toContain('a merge skips them');
    expect([...identical.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Acme',
      'Acme (laptop) (saved as Acme)',
    ]);
    fake.current.handlers['backup/import'] = () => ({
      profiles: 1,
      skipped: [{ label: 'Acme', currentLabel: 'Acme' }],
      restored: { orgs: 0, targets: 0, notes: 0, history: 0 },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Merge into this vault' }));
    expect((await screen.findByText(/Skipped as already saved: Acme\./)).textContent).toContain(
      'Added — orgs: 0, Atlas targets: 0, notes: 0, history entries: 0.',
    );
  });

  it('an older backup says it holds key pairs only', async () => {
    await previewWith({ labels: ['Acme'], conflicts: [], duplicateKeys: [], weakPassphrase: false, ...plain });
    expect(screen.getByTestId('backup-workspace').textContent).toContain('it holds key pairs only');
  });

  it('on a fresh install, offers only to restore (no merge), and a weak passphrase asks for a new one', async () => {
    await previewWith(
      { labels: ['Acme'], conflicts: [], duplicateKeys: [], identical: [], weakPassphrase: true, fresh: true },
      'restore',
    );
    expect(screen.getByRole('heading', { name: 'Restore from a backup' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Merge into this vault' })).toBeNull();
    const restore = screen.getByRole('button', { name: 'Restore this backup' }) as HTMLButtonElement;
    expect(restore.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText(/New passphrase for the vault/), {
      target: { value: 'a long new passphrase' },
    });
    fireEvent.input(screen.getByLabelText('Passphrase, again'), { target: { value: 'a long new passphrase' } });
    await waitFor(() => expect(restore.disabled).toBe(false));
    fireEvent.click(restore);
    await waitFor(() => expect(fake.current.sent.some((m) => m.name === 'backup/import')).toBe(true));
    expect(fake.current.sent.find((m) => m.name === 'backup/import')?.request).toMatchObject({
      mode: 'replace',
      newPassphrase: 'a long new passphrase',
    });
  });

  it('exports the history only when ticked', async () => {
    fake.current.handlers['backup/export'] = () => ({ text: '{}', fileName: 'b.json' });
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    render(<BackupSection reload={async () => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export backup' }));
    await waitFor(() => expect(fake.current.sent.filter((m) => m.name === 'backup/export')).toHaveLength(1));
    fireEvent.click(screen.getByLabelText(/Include the history/));
    fireEvent.click(screen.getByRole('button', { name: 'Export backup' }));
    await waitFor(() => expect(fake.current.sent.filter((m) => m.name === 'backup/export')).toHaveLength(2));
    expect(fake.current.sent.filter((m) => m.name === 'backup/export').map((m) => m.request)).toEqual([
      { history: false },
      { history: true },
    ]);
  });
});
