// @vitest-environment happy-dom
// Where to fix a row's error, one click away: the row shows the error's short sentence, its remedy behind a "What
// to do" disclosure (aria-expanded); every row links to its org's page (Cloud Manager, or its Ops Manager server),
// an access-list error also to the key's API keys page (the Atlas org's for an Atlas-side error) with the IP the
// server saw and a Copy button whose outcome is said; the popup's error notice offers the same IP and Copy.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';
import type { ErrorView } from '../../../../src/shared/domain';
import { fakeExtension } from '../../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));
const { OrgRow } = await import('../../../../src/options/dashboard/OrgRow');
const { accessListFixUrl } = await import('../../../../src/options/dashboard/RowFix');
const { ErrorNotice } = await import('../../../../src/ui/Notice');

const ORG = '5f1a2b3c4d5e6f7081920a1b';
const ATLAS = '6a7b8c9d0e1f2a3b4c5d6e7f';
const IP = '203.0.113.9';
const IP_ERROR: ErrorView = { kind: 'ip-not-allowed', params: { ip: IP } };

function renderRow(row: Partial<DashboardRow>) {
  render(
    <table>
      <tbody>
        <OrgRow
          row={{ orgId: ORG, name: 'Globex', profileId: 'p1', profileLabel: 'Globex client', ...row }}
          hidden={false}
          canAct
          now={Date.now()}
          onAction={() => {}}
          selected={false}
          onSelect={() => {}}
          atlasOrgs={[]}
          onTarget={() => {}}
        />
      </tbody>
    </table>,
  );
  return screen.getByRole('row');
}

let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fake.current = fakeExtension();
  writeText = vi.fn(async () => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(cleanup);

describe("a row's error", () => {
  it('shows the short sentence, and the remedy only once "What to do" is expanded', () => {
    const row = renderRow({ error: IP_ERROR });
    const status = within(row).getByTestId('row-status');
    expect(
      within(status).getByText(`This computer's IP address ${IP} is not on the API key's access list.`),
    ).toBeTruthy();
    const toggle = within(row).getByRole('button', { name: 'What to do: Globex' });
    const remedy = within(row).getByTestId('row-remedy');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(remedy.id);
    expect(remedy.hidden).toBe(true);

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(remedy.hidden).toBe(false);
    expect(remedy.textContent).toContain(`Add ${IP} to the API key's access list`);
    fireEvent.click(toggle);
    expect(remedy.hidden).toBe(true);
  });

  it("links an access-list error to the key's API keys page and every row to the org's page, in a new tab", () => {
    const row = renderRow({ error: IP_ERROR });
    const fix = within(row).getByRole('link', { name: "Fix the key's access list: Globex (new tab)" });
    expect(fix.getAttribute('href')).toBe(`https://cloud.mongodb.com/v2#/org/${ORG}/access/apiKeys`);
    expect(fix.textContent).toBe("Fix the key's access list");
    const open = within(row).getByRole('link', { name: 'Open in Cloud Manager: Globex (new tab)' });
    expect(open.getAttribute('href')).toBe(`https://cloud.mongodb.com/v2#/org/${ORG}/projects`);
    // An icon, so the row's actions fit 1280 px: the words in its tooltip, the picture hidden from screen readers.
    expect(open.textContent).toBe('');
    expect(open.getAttribute('title')).toBe('Open in Cloud Manager');
    expect(open.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    for (const link of [fix, open]) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')?.split(' ')).toContain('noopener');
    }
  });

  it('copies the IP the server saw and says so; a refused copy says so too', async () => {
    const row = renderRow({ error: { kind: 'access-list-required', params: { ip: IP } } });
    fireEvent.click(within(row).getByRole('button', { name: 'What to do: Globex' }));
    const status = within(row).getByTestId('copy-ip-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('');
    expect(within(row).getByTestId('copy-ip').textContent).toContain(IP);
    fireEvent.click(within(row).getByRole('button', { name: `Copy the IP address ${IP}` }));
    await waitFor(() => expect(status.textContent).toBe('Copied'));
    expect(writeText.mock.calls).toEqual([[IP]]);

    writeText.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(within(row).getByRole('button', { name: `Copy the IP address ${IP}` }));
    await waitFor(() => expect(status.textContent).toBe('Could not copy: select the address and copy it by hand.'));
  });

  it('offers no access-list link or IP for other errors, and no disclosure without an error', () => {
    let row = renderRow({ error: { kind: 'not-org-owner' } });
    expect(within(row).getByRole('button', { name: 'What to do: Globex' })).toBeTruthy();
    expect(within(row).queryByTestId('fix-access-list')).toBeNull();
    expect(within(row).queryByTestId('copy-ip')).toBeNull();
    cleanup();
    row = renderRow({ status: 'SYNCED' });
    expect(within(row).getByTestId('row-status').textContent).toBe('Linked, synced');
    expect(within(row).queryByTestId('row-fix-toggle')).toBeNull();
    expect(within(row).getByTestId('open-org').getAttribute('href')).toBe(
      `https://cloud.mongodb.com/v2#/org/${ORG}/projects`,
    );
  });

  it('an access-list error without the IP links to the key page but shows no IP to copy', () => {
    const row = renderRow({ error: { kind: 'ip-not-allowed', params: { variant: 'no-ip' } } });
    expect(within(row).getByTestId('fix-access-list').getAttribute('href')).toBe(
      `https://cloud.mongodb.com/v2#/org/${ORG}/access/apiKeys`,
    );
    expect(within(row).queryByTestId('copy-ip')).toBeNull();
  });

  it("links an Ops Manager row's pages on its own server", () => {
    const row = renderRow({ base: 'https://opsmgr.example.com:8443', error: IP_ERROR });
    expect(within(row).getByRole('link', { name: 'Open in Ops Manager: Globex (new tab)' }).getAttribute('href')).toBe(
      `https://opsmgr.example.com:8443/v2#/org/${ORG}/projects`,
    );
    expect(within(row).getByTestId('fix-access-list').getAttribute('href')).toBe(
      `https://opsmgr.example.com:8443/v2#/org/${ORG}/access/apiKeys`,
    );
  });
});

describe('the access-list fix page', () => {
  it("is the Atlas org's API keys page for an Atlas-side error, none when the row has no Atlas target", () => {
    const error: ErrorView = { kind: 'ip-not-allowed', params: { ip: IP, variant: 'atlas' } };
    expect(accessListFixUrl({ orgId: ORG, atlasOrgId: ATLAS, error })).toBe(
      `https://cloud.mongodb.com/v2#/org/${ATLAS}/access/apiKeys`,
    );
    expect(accessListFixUrl({ orgId: ORG, error })).toBeUndefined();
    // Even for a row of an Ops Manager server: the Atlas org is on Atlas.
    expect(accessListFixUrl({ orgId: ORG, base: 'https://opsmgr.example.com', atlasOrgId: ATLAS, error })).toBe(
      `https://cloud.mongodb.com/v2#/org/${ATLAS}/access/apiKeys`,
    );
  });

  it("names the service account's access list for a service account's error", () => {
    const row = renderRow({ error: { kind: 'ip-not-allowed', params: { ip: IP, variant: 'service-account' } } });
    expect(within(row).getByTestId('fix-access-list').textContent).toBe("Fix the service account's access list");
  });

  it('is none for other errors or none at all', () => {
    expect(accessListFixUrl({ orgId: ORG, error: { kind: 'network' } })).toBeUndefined();
    expect(accessListFixUrl({ orgId: ORG })).toBeUndefined();
  });
});

describe("the popup's error notice", () => {
  it('offers the IP with a Copy button for an access-list error only', async () => {
    render(<ErrorNotice error={IP_ERROR} />);
    fireEvent.click(screen.getByRole('button', { name: `Copy the IP address ${IP}` }));
    await waitFor(() => expect(screen.getByTestId('copy-ip-status').textContent).toBe('Copied'));
    expect(writeText.mock.calls).toEqual([[IP]]);
    cleanup();
    render(<ErrorNotice error={{ kind: 'not-org-owner' }} />);
    expect(screen.getByRole('alert').textContent).not.toContain('Copy');
    expect(screen.queryByTestId('copy-ip')).toBeNull();
  });
});
