// @vitest-environment happy-dom
// "Import many key pairs…" as a user meets it: paste, preview each line's client, side and org (asked 4 at once,
// stoppable), what is invalid or already saved, fill a missing secret, confirm once; private keys show masked, and
// the pasted text and the lines are gone from the page after.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { ProfilesSection } = await import('../../../src/options/ProfilesSection');

const secret = (n: number) => `1a2b3c4d-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const org = (n: number) => String(n).padStart(24, 'a');
const CSV = [
  'client,side,publicKey,privateKey',
  `Acme,cloud-manager,keyaaaa1,${secret(1)}`,
  `Acme,atlas,keyaaaa2,${secret(2)}`,
  `Globex,cloud-manager,keyaaaa3,${secret(3)}`,
  `Globex,cloud-manager,keyaaaa4,${secret(4)}`,
  'Initech,cloud-manager,keyaaaa5,',
  `Hooli,mars,keyaaaa6,${secret(6)}`,
  `Umbrella,cloud-manager,keyaaaa7,${secret(7)}`,
].join('\n');

type Input = { label: string; publicKey: string; privateKey: string; side: string };

function serve(options: { hold?: boolean; rateLimitOnce?: string } = {}) {
  let limited = false;
  let inFlight = 0;
  let most = 0;
  const held: (() => void)[] = [];
  fake.current.handlers['profiles/identify-many'] = async ({ keyPairs }: { keyPairs: Input[] }) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => (options.hold ? held.push(resolve) : setTimeout(resolve, 5)));
    inFlight -= 1;
    if (keyPairs[0]?.publicKey === options.rateLimitOnce && !limited) {
      limited = true;
      return { verdicts: [{ state: 'failed', error: { kind: 'rate-limited', params: { seconds: '0' } } }] };
    }
    return {
      verdicts: keyPairs.map((k) => {
        const n = Number(k.publicKey.slice(-1));
        if (n === 3) return { state: 'already-saved', label: 'Globex prod' };
        if (n === 7) return { state: 'failed', error: { kind: 'bad-credentials' } };
        return { state: 'identified', org: { id: org(n), name: `${k.label} org ${n}` } };
      }),
    };
  };
  const saves: Input[][] = [];
  fake.current.handlers['profiles/save-many'] = ({ keyPairs }: { keyPairs: Input[] }) => {
    saves.push(keyPairs);
    return { saved: keyPairs.map((k) => ({ label: k.label })), skipped: [] };
  };
  const release = () => {
    for (const resolve of held.splice(0)) resolve();
  };
  return { most: () => most, saves, release };
}

const row = (line: number) => screen.getByTestId(`import-line-${line}`);
const cells = (line: number) =>
  within(row(line))
    .getAllByRole('cell')
    .map((c) => c.textContent);

function openAndPaste(text: string) {
  const reload = vi.fn(async () => undefined);
  render(<ProfilesSection profiles={[]} reload={reload} />);
  fireEvent.click(screen.getByRole('button', { name: 'Import many key pairs…' }));
  fireEvent.input(screen.getByLabelText('Key pairs to import'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
  return reload;
}

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('importing many key pairs', () => {
  it("previews each line with its server's org, what is invalid or saved, and the private keys masked", async () => {
    const server = serve();
    openAndPaste(CSV);
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toBe('All 5 checked.'));
    expect(cells(2)).toEqual([
      '2',
      'Acme',
      'Cloud Manager',
      'keyaaaa1',
      `••••••••-••••-••••-••••-${secret(1).slice(-12)}`,
      `Organization: Acme org 1 (${org(1)})`,
    ]);
    expect(cells(3)[5]).toBe(`Atlas organization: Acme org 2 (${org(2)})`);
    expect(cells(4)[5]).toBe('Already saved as "Globex prod": skipped');
    expect(within(row(6)).getByLabelText('Private key or secret for line 6')).toBeTruthy();
    expect(cells(7)[5]).toBe('Unknown side: write cloud-manager, ops-manager or atlas');
    expect(cells(8)[5]).not.toBe('');
    expect(server.most()).toBeLessThanOrEqual(4);
    expect(server.most()).toBeGreaterThan(1);
    // Only the lines that can be asked were sent: not the one missing its secret, not the unknown side.
    const asked = fake.current.sent.filter((s) => s.name === 'profiles/identify-many');
    expect(asked).toHaveLength(5);
    expect(document.body.textContent).not.toContain(secret(1));
    expect(screen.getByRole('button', { name: 'Save 3 key pairs' })).toBeTruthy();
  });

  it('asks only for the missing secret, then saves every identified key pair at once and clears the page', async () => {
    const server = serve();
    const reload = openAndPaste(CSV);
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toBe('All 5 checked.'));
    const field = within(row(6)).getByLabelText('Private key or secret for line 6');
    fireEvent.input(field, { target: { value: secret(5) } });
    fireEvent.click(within(row(6)).getByRole('button', { name: 'Check' }));
    await waitFor(() => expect(cells(6)[5]).toBe(`Organization: Initech org 5 (${org(5)})`));
    expect(cells(6)[4]).toBe(`••••••••-••••-••••-••••-${secret(5).slice(-12)}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Save 4 key pairs' }));
    await waitFor(() => expect(screen.getByText('Saved 4 key pairs; 3 skipped.')).toBeTruthy());
    expect(server.saves).toHaveLength(1);
    expect(server.saves[0]!.map((k) => k.publicKey)).toEqual(['keyaaaa1', 'keyaaaa2', 'keyaaaa4', 'keyaaaa5']);
    expect(reload).toHaveBeenCalled();
    // Nothing of the paste is left on the page: the text area is empty and no line remains.
    expect((screen.getByLabelText('Key pairs to import') as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByTestId('import-line-2')).toBeNull();
    expect(document.body.innerHTML).not.toMatch(/1a2b3c4d-0000/);
  });

  it('asks a line answered 429 again after the pause, as the dashboard does, and shows its org', async () => {
    serve({ rateLimitOnce: 'keyaaaa4' });
    openAndPaste(CSV);
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toBe('All 5 checked.'));
    expect(cells(5)[5]).toBe(`Organization: Globex org 4 (${org(4)})`);
    const asked = fake.current.sent.filter((s) => s.name === 'profiles/identify-many');
    expect(asked.filter((s) => JSON.stringify(s.request).includes('keyaaaa4'))).toHaveLength(2);
    // The preview took the focus from the form it replaced, for the keyboard.
    expect(document.activeElement?.textContent).toBe('Import many key pairs');
  });

  it('stops asking on Stop: the lines not asked are not checked and not saved', async () => {
    const server = serve({ hold: true });
    openAndPaste(CSV);
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toContain('0 of 5 checked'));
    fireEvent.click(screen.getByRole('button', { name: 'Stop checking' }));
    server.release();
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toContain('Stopped: 4 of 5 checked'));
    expect(cells(8)[5]).toBe('Not checked (stopped)');
    expect(fake.current.sent.filter((s) => s.name === 'profiles/identify-many')).toHaveLength(4);
  });

  it('names what is wrong with the text as a whole, and reads a config.toml file', async () => {
    serve();
    openAndPaste('client,publicKey\nAcme,abc');
    expect(screen.getByRole('alert').textContent).toBe('The header lacks these columns: side, privateKey');
    const file = new File(
      [`[acme]\npublic_api_key = "keyaaaa1"\nprivate_api_key = "${secret(1)}"\nservice = "cloud-manager"\n`],
      'config.toml',
    );
    fireEvent.input(screen.getByLabelText('Key pairs to import'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Or choose a file (.csv, .json, config.toml)'), {
      target: { files: [file] },
    });
    await waitFor(() => expect(screen.getByText('File chosen: config.toml')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(cells(1)[5]).toBe(`Organization: acme org 1 (${org(1)})`));
    expect(cells(1).slice(1, 4)).toEqual(['acme', 'Cloud Manager', 'keyaaaa1']);
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByTestId('import-key-pairs')).toBeNull();
  });
});
