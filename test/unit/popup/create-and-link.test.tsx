// @vitest-environment happy-dom
// "Create token and link" on a Cloud Manager org page whose client has Atlas key pairs: which Atlas org is offered
// first (the one chosen last time, else the first), the exact request, the busy state, the outcome in the status
// line, the note on a token kept for a retry (never the token), and revoking the Atlas org's token only after a
// question that cancel and Escape close without sending anything.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasTarget, PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { keyPair, ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

const ATLAS_1 = 'ddddddddddddddddddddddd4';
const ATLAS_2 = 'eeeeeeeeeeeeeeeeeeeeeee5';
const TARGETS: AtlasTarget[] = [
  { atlasOrgId: ATLAS_1, name: 'Acme Atlas', profileId: 'pa1' },
  { atlasOrgId: ATLAS_2, name: 'Acme Atlas EU', profileId: 'pa2' },
];

const sent = (name: string) => fake.current.sent.filter((m) => m.name === name).map((m) => m.request);
const status = () => screen.getByTestId('status').textContent;
const section = () => screen.getByTestId('create-and-link');
const target = () => screen.getByLabelText('Atlas organization') as HTMLSelectElement;
const linkButton = () => within(section()).getByRole('button', { name: /Create token and link|Creating/ });
const revokeButton = () => screen.getByRole('button', { name: /Revoke the Atlas organization's link token/ });

function atlasContext(overrides: Partial<PopupContext> = {}): PopupContext {
  return orgContext({
    profiles: [keyPair('p1', 'Acme', ORG, 'Acme Prod'), keyPair('pa1', 'Acme', ATLAS_1, 'Acme Atlas')],
    atlasTargets: TARGETS,
    ...overrides,
  });
}

/** Opens the popup and waits until the status check on open was answered. */
async function open(context: PopupContext) {
  fake.current.handlers['context/get'] = () => context;
  render(<App url={`https://cloud.mongodb.com/v2#/org/${ORG}/projects`} />);
  await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
  // The panel's module is loaded when the panel is first shown (lazy-panel.tsx).
  if (context.atlasTargets?.length) await waitFor(() => section());
}

beforeEach(() => {
  fake.current = fakeExtension();
  fake.current.handlers['link/status'] = (r: { orgId: string }) => ({
    orgId: r.orgId,
    name: 'Acme Prod',
    status: 'NOT_LINKED',
    checkedAt: Date.now(),
  });
});
afterEach(cleanup);

describe('the Atlas org offered first', () => {
  it('is the one chosen last time when it is still a target', async () => {
    await open(atlasContext({ org: { orgId: ORG, name: 'Acme Prod', atlasOrgId: ATLAS_2 } }));
    expect([...target().options].map((o) => [o.value, o.textContent])).toEqual([
      [ATLAS_1, `Acme Atlas (${ATLAS_1})`],
      [ATLAS_2, `Acme Atlas EU (${ATLAS_2})`],
    ]);
    expect(target().value).toBe(ATLAS_2);
  });

  it.each([
    ['nothing was chosen before', undefined],
    ['the org chosen before is no target any more', 'fffffffffffffffffffffff6'],
  ])('is the first when %s', async (_, remembered) => {
    await open(atlasContext({ org: { orgId: ORG, name: 'Acme Prod', atlasOrgId: remembered } }));
    expect(target().value).toBe(ATLAS_1);
  });
});

describe('create token and link', () => {
  it('sends the org, the chosen Atlas org and the key pair, shows the status, then reloads', async () => {
    fake.current.handlers['atlas/link'] = (r: { orgId: string }) => ({
      orgId: r.orgId,
      name: 'Acme Prod',
      status: 'SYNCED',
      checkedAt: Date.now(),
    });
    await open(atlasContext());
    expect(sent('context/get')).toHaveLength(1);
    fireEvent.change(target(), { target: { value: ATLAS_2 } });
    fireEvent.click(linkButton());
    await waitFor(() => expect(status()).toBe('Linked, synced'));
    expect(sent('atlas/link')).toEqual([{ orgId: ORG, atlasOrgId: ATLAS_2, profileId: 'p1' }]);
    expect(screen.getByTestId('outcome').textContent).toBe('Linked to Atlas.');
    // Nothing else linked: no pasted-token call.
    expect(sent('link/create')).toEqual([]);
    await waitFor(() => expect(sent('context/get')).toHaveLength(2));
  });

  it('is busy while running: the button is disabled and says so, the section and the status line too', async () => {
    let answer: (value: unknown) => void = () => undefined;
    fake.current.handlers['atlas/link'] = () => new Promise((resolve) => (answer = resolve));
    await open(atlasContext());
    fireEvent.click(linkButton());
    await waitFor(() => expect(linkButton().textContent).toBe('Creating a token and linking…'));
    expect((linkButton() as HTMLButtonElement).disabled).toBe(true);
    expect(linkButton().getAttribute('aria-busy')).toBe('true');
    expect(section().getAttribute('aria-busy')).toBe('true');
    expect(target().disabled).toBe(true);
    expect(status()).toBe('Linking…');
    // A second click while it runs sends nothing more.
    fireEvent.click(linkButton());
    expect(sent('atlas/link')).toHaveLength(1);
    answer({ orgId: ORG, name: 'Acme Prod', status: 'NOT_SYNCED', statusFrom: 'link', checkedAt: Date.now() });
    await waitFor(() => expect(status()).toBe('Linked, not synced'));
    await waitFor(() => expect(linkButton().textContent).toBe('Create token and link'));
    expect(section().getAttribute('aria-busy')).toBe('false');
  });

  it('shows a failure as a pasted token does: the link failed, what went wrong and what to do', async () => {
    fake.current.handlers['atlas/link'] = () => {
      throw { kind: 'no-atlas-key-pair', params: { client: 'Acme' } };
    };
    await open(atlasContext());
    fireEvent.click(linkButton());
    await waitFor(() => expect(status()).toBe('The link failed'));
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('strong')?.getAttribute('data-kind')).toBe('no-atlas-key-pair');
    expect(alert.textContent).toContain('Acme');
    expect(screen.getByTestId('outcome').textContent).toBe('');
  });

  it('asks first when the org is linked already, and sends nothing on cancel', async () => {
    fake.current.handlers['link/status'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: 'SYNCED',
      checkedAt: Date.now(),
    });
    fake.current.handlers['atlas/link'] = () => ({ orgId: ORG, status: 'SYNCED', checkedAt: Date.now() });
    fake.current.handlers['context/get'] = () => atlasContext();
    render(<App url={`https://cloud.mongodb.com/v2#/org/${ORG}/projects`} />);
    await waitFor(() => expect(status()).toBe('Linked, synced'));
    fireEvent.click(linkButton());
    const question = within(section()).getByRole('alertdialog');
    expect(question.textContent).toContain('Acme Prod is already linked to Atlas.');
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(within(section()).queryByRole('alertdialog')).toBeNull();
    expect(sent('atlas/link')).toEqual([]);
    fireEvent.click(linkButton());
    fireEvent.click(within(section()).getByRole('button', { name: 'Link again' }));
    await waitFor(() => expect(sent('atlas/link')).toEqual([{ orgId: ORG, atlasOrgId: ATLAS_1, profileId: 'p1' }]));
  });

  it('says a token made earlier is kept for a retry until when, for that Atlas org only, never the token', async () => {
    const until = Date.now() + 9 * 60_000;
    await open(atlasContext({ atlasTargets: [TARGETS[0]!, { ...TARGETS[1]!, pendingUntil: until }] }));
    expect(screen.queryByTestId('atlas-link-pending')).toBeNull();
    fireEvent.change(target(), { target: { value: ATLAS_2 } });
    expect(screen.getByTestId('atlas-link-pending').textContent).toBe(
      `A token made earlier for this Atlas organization is kept (it is never shown): a retry until ${new Date(until).toLocaleTimeString()} reuses it instead of making a new one.`,
    );
  });

  it('is not offered when the client has no Atlas key pair: the pasted token stays as it was', async () => {
    await open(orgContext());
    expect(screen.queryByTestId('create-and-link')).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(screen.getByLabelText('Atlas link token')).toBeTruthy();
  });

  it('keeps the pasted-token form beside it', async () => {
    fake.current.handlers['link/create'] = () => ({ orgId: ORG, status: 'SYNCED', checkedAt: Date.now() });
    await open(atlasContext());
    fireEvent.input(screen.getByLabelText('Atlas link token'), { target: { value: 'pasted-token-value' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link to Atlas' }));
    await waitFor(() => expect(status()).toBe('Linked, synced'));
    expect(sent('link/create')).toMatchObject([{ orgId: ORG, linkToken: 'pasted-token-value' }]);
    expect(sent('atlas/link')).toEqual([]);
  });
});

describe("revoking the Atlas org's link token", () => {
  const question =
    "Revoke the link tokens of the Atlas organization Acme Atlas EU? Atlas's DELETE names no token: it removes this organization's link tokens and the API key each one embeds, so every link made with them stops working, and a token not used yet can no longer link.";

  it('asks first, naming the Atlas org and what it removes; Cancel and Escape close it and send nothing', async () => {
    fake.current.handlers['atlas/revoke'] = () => ({ outcome: 'revoked', checked: [], unchecked: [] });
    await open(atlasContext({ org: { orgId: ORG, name: 'Acme Prod', atlasOrgId: ATLAS_2 } }));
    fireEvent.click(revokeButton());
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain(question);
    // The question starts on the safe answer.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(revokeButton());
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // Focus goes back to the action.
    await waitFor(() => expect(document.activeElement).toBe(revokeButton()));
    expect(sent('atlas/revoke')).toEqual([]);
  });

  it('revokes the chosen Atlas org on confirm, says so and reloads', async () => {
    fake.current.handlers['atlas/revoke'] = () => ({ outcome: 'revoked', checked: [], unchecked: [] });
    await open(atlasContext({ org: { orgId: ORG, name: 'Acme Prod', atlasOrgId: ATLAS_2 } }));
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    await waitFor(() =>
      expect(screen.getByTestId('revoke-outcome').textContent).toBe('The link token of Acme Atlas EU was revoked.'),
    );
    expect(sent('atlas/revoke')).toEqual([{ atlasOrgId: ATLAS_2 }]);
    expect(sent('atlas/link')).toEqual([]);
    await waitFor(() => expect(sent('context/get')).toHaveLength(2));
  });

  it('shows a refused revoke with what to do', async () => {
    fake.current.handlers['atlas/revoke'] = () => {
      throw { kind: 'not-org-owner', params: { variant: 'atlas' } };
    };
    await open(atlasContext());
    fireEvent.click(revokeButton());
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the token' }));
    const alert = await within(screen.getByTestId('revoke-outcome')).findByRole('alert');
    expect(alert.querySelector('strong')?.getAttribute('data-kind')).toBe('not-org-owner');
    expect(sent('atlas/revoke')).toEqual([{ atlasOrgId: ATLAS_1 }]);
  });
});
