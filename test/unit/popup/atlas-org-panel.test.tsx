// @vitest-environment happy-dom
// The popup on an Atlas org page of a saved Atlas key pair: names the Atlas org and its client, offers the client's
// Cloud Manager orgs with their status, sends "Create token and link" for the chosen one with that org's own key
// pair, shows the outcome, says how to add a Cloud Manager key pair when the client has none, and revokes the Atlas
// org's token only after a question. Nothing is checked on Cloud Manager by merely opening it.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientOrg, PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { CLOUD, keyPair, ORG, OTHER_ORG } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

const ATLAS = 'ddddddddddddddddddddddd4';
const CLIENT_ORGS: ClientOrg[] = [
  { orgId: ORG, name: 'Acme Prod', profileId: 'p1', status: 'SYNCED' },
  { orgId: OTHER_ORG, profileId: 'p3' },
];

const sent = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);
const picker = () => screen.getByLabelText('Cloud Manager organization') as HTMLSelectElement;
const linkButton = () => screen.getByRole('button', { name: /Create token and link|Creating/ });
const revokeButton = () => screen.getByRole('button', { name: /Revoke the Atlas organization's link token/ });

function atlasPageContext(clientOrgs: ClientOrg[] = CLIENT_ORGS): PopupContext {
  return {
    vault: 'unlocked',
    location: { kind: 'org', orgId: ATLAS, base: CLOUD },
    profiles: [
      keyPair('p1', 'Acme', ORG, 'Acme Prod'),
      keyPair('p3', 'Acme', OTHER_ORG),
      keyPair('pa', 'Acme', ATLAS, 'Acme Atlas'),
    ],
    atlasPage: { atlasOrgId: ATLAS, name: 'Acme Atlas', profileId: 'pa', clientOrgs },
    autoLockMinutes: 30,
  };
}

async function open(context = atlasPageContext()) {
  fake.current.handlers['context/get'] = () => context;
  render(<App url={`https://cloud.mongodb.com/v2#/org/${ATLAS}/projects`} />);
  await screen.findByTestId('atlas-org-panel');
}

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('popup on an Atlas org page', () => {
  it("names the Atlas org and its client, and offers the client's orgs with their status; nothing is checked", async () => {
    await open();
    expect(screen.getByRole('heading', { level: 2, name: 'Acme Atlas' })).toBeTruthy();
    expect(screen.getByTestId('org-id').textContent).toBe(ATLAS);
    expect(screen.getByTestId('atlas-org-client').textContent).toBe('Atlas organization of the client Acme');
    expect([...picker().options].map((o) => [o.value, o.textContent])).toEqual([
      [ORG, `Acme Prod (${ORG}) — Linked, synced`],
      [OTHER_ORG, OTHER_ORG],
    ]);
    expect(picker().value).toBe(ORG);
    expect(screen.queryByTestId('not-cloud-manager')).toBeNull();
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();
    expect(fake.current.sent.map((m) => m.name)).toEqual(['context/get']);
  });

  it('links the chosen org with its own key pair and this Atlas org, shows the outcome, and reloads', async () => {
    fake.current.handlers['atlas/link'] = (r: { orgId: string }) => ({
      orgId: r.orgId,
      name: 'Acme Dev',
      status: 'NOT_SYNCED',
      statusFrom: 'link',
      checkedAt: Date.now(),
    });
    await open();
    fireEvent.change(picker(), { target: { value: OTHER_ORG } });
    fireEvent.click(linkButton());
    await waitFor(() =>
      expect(screen.getByTestId('outcome').textContent).toBe(
        `Acme Dev (${OTHER_ORG}) was linked to Atlas. Linked, not synced`,
      ),
    );
    expect(sent('atlas/link')).toEqual([{ orgId: OTHER_ORG, atlasOrgId: ATLAS, profileId: 'p3' }]);
    await waitFor(() => expect(sent('context/get')).toHaveLength(2));
  });

  it('is busy while running, and a second click sends nothing more', async () => {
    let answer: (value: unknown) => void = () => undefined;
    fake.current.handlers['atlas/link'] = () => new Promise((resolve) => (answer = resolve));
    await open(atlasPageContext([{ orgId: OTHER_ORG, profileId: 'p3' }]));
    fireEvent.click(linkButton());
    await waitFor(() => expect(linkButton().textContent).toBe('Creating a token and linking…'));
    expect((linkButton() as HTMLButtonElement).disabled).toBe(true);
    expect(linkButton().getAttribute('aria-busy')).toBe('true');
    expect(picker().disabled).toBe(true);
    fireEvent.click(linkButton());
    expect(sent('atlas/link')).toHaveLength(1);
    answer({ orgId: OTHER_ORG, status: 'SYNCED' });
    await waitFor(() => expect(linkButton().textContent).toBe('Create token and link'));
    expect((linkButton() as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failure with what went wrong and what to do', async () => {
    fake.current.handlers['atlas/link'] = () => {
      throw { kind: 'access-list-ips-missing', params: { client: 'Acme' } };
    };
    await open(atlasPageContext([{ orgId: OTHER_ORG, profileId: 'p3' }]));
    fireEvent.click(linkButton());
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('strong')?.getAttribute('data-kind')).toBe('access-list-ips-missing');
    expect(screen.getByTestId('status').textContent).toBe('The link failed');
  });

  it('asks before linking an org that is linked already; Escape sends nothing, the keyboard confirms', async () => {
    fake.current.handlers['atlas/link'] = (r: { orgId: string }) => ({ orgId: r.orgId, status: 'SYNCED' });
    await open();
    linkButton().focus();
    fireEvent.click(linkButton());
    expect(screen.getByRole('alertdialog').textContent).toContain('Acme Prod is already linked to Atlas.');
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sent('atlas/link')).toEqual([]);
    fireEvent.click(linkButton());
    fireEvent.click(screen.getByRole('button', { name: 'Link again' }));
    await waitFor(() => expect(sent('atlas/link')).toEqual([{ orgId: ORG, atlasOrgId: ATLAS, profileId: 'p1' }]));
  });

  it("says how to add the client's Cloud Manager key pair when none is saved, and still offers the revoke", async () => {
    await open(atlasPageContext([]));
    expect(screen.getByTestId('atlas-link-no-client-orgs').textContent).toBe(
      "No Cloud Manager key pair of the client Acme is saved. In Settings, add the client's Cloud Manager key pair with the same client name, Acme.",
    );
    expect(screen.queryByRole('button', { name: 'Create token and link' })).toBeNull();
    expect(revokeButton()).toBeTruthy();
  });
});

describe("revoking the Atlas org's link token from its page", () => {
  const REACH = {
    linked: [{ orgId: ORG, name: 'Acme Prod' }],
    unknownAtlasOrg: [{ orgId: OTHER_ORG }],
  };
  const REVOKED = {
    outcome: 'revoked',
    checked: [
      {
        orgId: ORG,
        name: 'Acme Prod',
        record: { orgId: ORG, name: 'Acme Prod', status: 'NOT_SYNCED', statusFrom: 'status' },
      },
    ],
    unchecked: [{ orgId: OTHER_ORG }],
  };

  it('sends nothing on cancel, and revokes this Atlas org on confirm', async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => REACH;
    fake.current.handlers['atlas/revoke'] = () => ({ outcome: 'revoked', checked: [], unchecked: [] });
    await open();
    fireEvent.click(revokeButton());
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Revoke the link tokens of the Atlas organization Acme Atlas?');
    expect(dialog.textContent).toContain(
      "it removes this organization's link tokens and the API key each one embeds, so every link made with them stops working",
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent('atlas/revoke')).toEqual([]);
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    await waitFor(() =>
      expect(screen.getByTestId('revoke-outcome').textContent).toBe('The link token of Acme Atlas was revoked.'),
    );
    expect(sent('atlas/revoke')).toEqual([{ atlasOrgId: ATLAS }]);
  });

  it("names the orgs linked with its tokens, and those whose token's Atlas org is unknown, before asking", async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => REACH;
    await open();
    fireEvent.click(revokeButton());
    const dialog = screen.getByRole('alertdialog');
    await waitFor(() => expect(within(dialog).getByTestId('revoke-reach')).toBeTruthy());
    expect(sent('atlas/revoke-reach')).toEqual([{ atlasOrgId: ATLAS }]);
    expect(dialog.textContent).toContain(
      'This extension linked these Cloud Manager organizations with a token of Acme Atlas; their links stop working:',
    );
    expect(within(dialog).getByTestId('revoke-reach-linked').textContent).toBe(`Acme Prod (${ORG})`);
    expect(dialog.textContent).toContain(
      'Linked with a token whose Atlas organization this extension does not know (a pasted token, or a link it did not make); if that token was of Acme Atlas, these links stop working too:',
    );
    expect(within(dialog).getByTestId('revoke-reach-unknown').textContent).toBe(OTHER_ORG);
    expect(dialog.textContent).toContain(
      "Links made outside this extension's records (another browser, the Atlas CLI) are not listed.",
    );
    expect(sent('atlas/revoke')).toEqual([]);
  });

  it('says so when its records hold no org linked with its tokens, rather than listing nothing', async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => ({ linked: [], unknownAtlasOrg: [] });
    await open();
    fireEvent.click(revokeButton());
    const dialog = screen.getByRole('alertdialog');
    await waitFor(() =>
      expect(dialog.textContent).toContain(
        'This extension has no record of a Cloud Manager organization linked with a token of Acme Atlas.',
      ),
    );
    expect(within(dialog).queryByTestId('revoke-reach-unknown')).toBeNull();
  });

  it('after the revoke, shows each reached org as the worker checked it, and those it could not check', async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => REACH;
    fake.current.handlers['atlas/revoke'] = () => REVOKED;
    await open();
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    const outcome = screen.getByTestId('revoke-outcome');
    await waitFor(() => expect(outcome.textContent).toContain('The link token of Acme Atlas was revoked.'));
    expect(outcome.textContent).toContain('Checked again after the revoke:');
    expect(
      [...within(outcome).getByTestId('revoke-checked').querySelectorAll('li')].map((li) => li.textContent),
    ).toEqual([
      `Acme Prod (${ORG}) — Not synced (link not confirmed)`,
      `${OTHER_ORG} — not checked: no saved key pair serves it`,
    ]);
  });

  it('Atlas had nothing to remove: says so, not that a token was revoked', async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => REACH;
    fake.current.handlers['atlas/revoke'] = () => ({ outcome: 'nothing-to-revoke', checked: [], unchecked: [] });
    await open();
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    await waitFor(() =>
      expect(screen.getByTestId('revoke-outcome').textContent).toBe(
        'Atlas had no link token to remove for Acme Atlas.',
      ),
    );
  });

  it('a migration running keeps the link: the refusal names the projects and what to do', async () => {
    fake.current.handlers['atlas/revoke-reach'] = () => REACH;
    fake.current.handlers['atlas/revoke'] = () => {
      throw { kind: 'migration-running', params: { projects: 'eeeeeeeeeeeeeeeeeeeeeee5,fffffffffffffffffffffff6' } };
    };
    await open();
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    const outcome = screen.getByTestId('revoke-outcome');
    await waitFor(() =>
      expect(outcome.textContent).toBe(
        "Atlas keeps this organization's link: a live migration is running in the Atlas projects eeeeeeeeeeeeeeeeeeeeeee5,fffffffffffffffffffffff6." +
          'Let those migrations finish (cut over) or cancel them in Atlas, then revoke again.',
      ),
    );
  });

  it('is busy while revoking', async () => {
    let answer: (value: unknown) => void = () => undefined;
    fake.current.handlers['atlas/revoke'] = () => new Promise((resolve) => (answer = resolve));
    await open();
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    const busy = await screen.findByRole('button', { name: 'Revoking…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    answer({ outcome: 'revoked', checked: [], unchecked: [] });
    await waitFor(() => expect((revokeButton() as HTMLButtonElement).disabled).toBe(false));
    expect(sent('atlas/revoke')).toHaveLength(1);
  });
});
