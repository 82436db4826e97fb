// @vitest-environment happy-dom
// The backup import dialog asks what a merge or a replace needs before anything is imported: which version of a
// changed key pair to keep, and a new passphrase when the backup's own is below today's rule.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupPreview } from '../../../src/shared/options-messages';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { BackupSection } = await import('../../../src/options/BackupSection');

async function previewWith(plan: BackupPreview) {
  fake.current.handlers['backup/preview'] = () => plan;
  fake.current.handlers['backup/import'] = () => ({ profiles: 2 });
  render(<BackupSection reload={async () => undefined} />);
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
    await previewWith({ labels: ['Acme'], conflicts: [], duplicateKeys: [], weakPassphrase: true });
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
});
