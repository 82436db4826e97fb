// @vitest-environment happy-dom
// The popup on an org page: only this org's key pairs are used (the form in place when none is saved), the status
// card says the last result in words with what comes next (a failure included), and an org already linked asks
// before a new token replaces its link.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { keyPair, ORG, OTHER_ORG, orgContext, TOKEN } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

const sentNames = () => fake.current.sent.map((m) => m.name);
const status = () => screen.getByTestId('status').textContent;
/** Waits until the check on open was made and answered. */
const settled = () =>
  waitFor(() => {
    expect(sentNames()).toContain('link/status');
    expect((screen.getByRole('button', { name: 'Check status' }) as HTMLButtonElement).disabled).toBe(false);
  });

function open(context: PopupContext) {
  fake.current.handlers['context/get'] = () => context;
  render(<App url={`https://cloud.mongodb.com/v2#/org/${ORG}/projects`} />);
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

describe('popup on an org page with no key pair of that org', () => {
  const context = () =>
    orgContext({ profileId: undefined, candidates: [], profiles: [keyPair('p2', 'Globex', OTHER_ORG, 'Globex Main')] });

  it('says no key pair of the org is saved, naming it, and offers the form in place; nothing is checked', async () => {
    open(context());
    const card = await screen.findByTestId('no-key-pair');
    expect(screen.getByTestId('no-key-pair-text').textContent).toBe(
      `No key pair of the organization Acme Prod (${ORG}) is saved.`,
    );
    expect(within(card).getByTestId('org-id').textContent).toBe(ORG);
    expect(within(card).getByRole('heading', { name: 'Add a key pair for this organization' })).toBeTruthy();
    // Another org's key pair is neither used nor offered.
    expect(document.body.textContent).not.toContain('Globex');
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();
    expect(sentNames()).not.toContain('link/status');
  });

  it('names the org a key of another org belongs to, and keeps what was typed', async () => {
    fake.current.handlers['profiles/add'] = () => {
      throw { kind: 'key-other-org', params: { orgId: OTHER_ORG, orgName: 'Globex Main' } };
    };
    open(context());
    await screen.findByTestId('no-key-pair');
    fireEvent.input(screen.getByLabelText('Client name'), { target: { value: 'Acme' } });
    fireEvent.input(screen.getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
    fireEvent.input(screen.getByLabelText('Private key (password)'), {
      target: { value: '11111111-2222-3333-4444-555555555555' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save key pair' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`This key pair belongs to another organization: Globex Main (${OTHER_ORG}).`);
    expect(fake.current.sent.find((m) => m.name === 'profiles/add')?.request).toMatchObject({ orgId: ORG });
    expect((screen.getByLabelText('Client name') as HTMLInputElement).value).toBe('Acme');
    expect((screen.getByLabelText('Public key (username)') as HTMLInputElement).value).toBe('abcdefgh');
  });
});

describe('popup on an org page with key pairs of that org', () => {
  it('offers a choice only among the candidates, and preselects none that is not one', async () => {
    open(
      orgContext({
        profiles: [
          keyPair('p1', 'Acme', ORG, 'Acme Prod'),
          keyPair('p2', 'Globex', OTHER_ORG, 'Globex Main'),
          keyPair('p3', 'Acme backup', ORG, 'Acme Prod'),
        ],
        profileId: 'p2', // not a candidate: never used
        candidates: ['p1', 'p3'],
      }),
    );
    const select = (await screen.findByLabelText('Client key pair')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'p1', 'p3']);
    expect(select.value).toBe('');
    expect(sentNames()).not.toContain('link/status');
    fireEvent.change(select, { target: { value: 'p3' } });
    await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
    expect(fake.current.sent.find((m) => m.name === 'link/status')?.request).toMatchObject({ profileId: 'p3' });
  });

  it('checks the status on open with the one key pair of the org, in words, with what comes next', async () => {
    open(orgContext());
    await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
    expect(screen.getByTestId('status-next').textContent).toBe(
      'To link it, paste a link token. Atlas makes one under the project → Services → Migration → "Migrate from a Self-Managed MongoDB Database" → "I\'m Ready to Start" → "Generate Link-Token" (Ops Manager: enter its external IPs or CIDRs first).',
    );
    expect(screen.getByTestId('profile-label').textContent).toBe('Using the key pair of Acme.');
    expect(fake.current.sent.find((m) => m.name === 'link/status')?.request).toMatchObject({
      orgId: ORG,
      profileId: 'p1',
    });
  });

  it.each([
    [
      'SYNCED',
      'Linked, synced',
      "Next, in Atlas: open Migration (the project → Services → Migration; older navigation: the organization's Live Migration page) and start migrating a deployment.",
    ],
    [
      // A status check's NOT_SYNCED: Cloud Manager may answer it for an org with no link (issue #29, item 4), so
      // the words claim neither a link nor none.
      'NOT_SYNCED',
      'Not synced (link not confirmed)',
      'Cloud Manager answers "not synced": it says so of a link that is not in sync yet, and may say so of an organization with no link, so the answer does not tell whether a link exists. If it was linked in the last few minutes, check again shortly; otherwise link it with a new link token.',
    ],
  ])('says %s in words, never the raw value', async (value, word, next) => {
    fake.current.handlers['link/status'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: value,
      statusFrom: 'status',
      checkedAt: Date.now(),
    });
    open(orgContext());
    await waitFor(() => expect(status()).toBe(word));
    expect(screen.getByTestId('status-next').textContent).toBe(next);
    expect(document.body.textContent).not.toContain(value === 'SYNCED' ? 'SYNCED' : 'NOT_SYNCED');
  });

  it('shows a failed check as the status, with what went wrong, and not the status known before', async () => {
    fake.current.handlers['link/status'] = () => {
      throw { kind: 'bad-credentials' };
    };
    open(orgContext({ org: { orgId: ORG, name: 'Acme Prod', status: 'NOT_LINKED', checkedAt: Date.now() } }));
    await waitFor(() => expect(status()).toBe('The check failed'));
    expect(screen.getByRole('alert').textContent).toContain('The key pair was refused for this org.');
    expect(document.body.textContent).not.toContain('Not linked');
  });

  it('a refused link is the last result: no "Not linked" above it', async () => {
    fake.current.handlers['link/create'] = () => {
      throw { kind: 'not-org-owner' };
    };
    open(orgContext());
    await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
    fireEvent.input(screen.getByLabelText('Atlas link token'), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Link to Atlas' }));
    await waitFor(() => expect(status()).toBe('The link failed'));
    expect(screen.getByRole('alert').textContent).toContain('Organization Owner');
    expect(document.body.textContent).not.toContain('Not linked');
  });

  it('says "not checked yet" once when the status is unknown', async () => {
    fake.current.handlers['link/status'] = () => new Promise(() => undefined);
    open(orgContext({ interrupted: 'status' })); // an interrupted call: no check on open
    await screen.findByTestId('org-panel');
    expect(status()).toBe('Status not checked yet');
    expect(document.body.textContent?.match(/not checked yet/g)).toHaveLength(1);
  });

  it('names the other org by name when a token was used before', async () => {
    fake.current.handlers['link/create'] = () => {
      throw { kind: 'token-reused', params: { orgId: OTHER_ORG, orgName: 'Globex Main' } };
    };
    open(orgContext());
    await waitFor(() => expect(status()).toBe('Not linked to Atlas'));
    fireEvent.input(screen.getByLabelText('Atlas link token'), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Link to Atlas' }));
    await waitFor(() =>
      expect(screen.getByTestId('outcome').textContent).toContain(
        'This link token was already used for another organization (Globex Main).',
      ),
    );
  });
});

describe('linking again an org that is already linked', () => {
  beforeEach(() => {
    fake.current.handlers['link/status'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: 'SYNCED',
      checkedAt: Date.now(),
    });
  });

  it("a status check's NOT_SYNCED still asks first, but says the org may be linked, not that it is", async () => {
    fake.current.handlers['link/status'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: 'NOT_SYNCED',
      statusFrom: 'status',
      checkedAt: Date.now(),
    });
    open(orgContext({ org: { orgId: ORG, name: 'Acme Prod', status: 'NOT_SYNCED', checkedAt: Date.now() } }));
    await settled();
    expect(status()).toBe('Not synced (link not confirmed)');
    fireEvent.click(screen.getByRole('button', { name: 'Link again with a new token…' }));
    // The question is loaded when asked.
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain(
      'Cloud Manager answered "not synced" for Acme Prod: it may already be linked to Atlas. Link it with a new token? A new link replaces any current one.',
    );
    expect(question.textContent).not.toContain('is already linked');
  });

  it('folds the token field behind a button, and asks first, naming the org', async () => {
    open(orgContext({ org: { orgId: ORG, name: 'Acme Prod', status: 'SYNCED', checkedAt: Date.now() } }));
    await settled();
    expect(status()).toBe('Linked, synced');
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Link again with a new token…' }));
    // The question is loaded when asked.
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain(
      'Acme Prod is already linked to Atlas. Link it again with a new token? The new link replaces the current one.',
    );
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();

    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Link again with a new token…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Link again' }));
    const token = screen.getByLabelText('Atlas link token');
    await waitFor(() => expect(document.activeElement).toBe(token));
    expect(sentNames()).not.toContain('link/create');
  });

  it('after linking again, the field folds and the token is gone from the page', async () => {
    fake.current.handlers['link/create'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: 'NOT_SYNCED',
      statusFrom: 'link',
      checkedAt: Date.now(),
    });
    open(orgContext({ org: { orgId: ORG, name: 'Acme Prod', status: 'SYNCED', checkedAt: Date.now() } }));
    await settled();
    fireEvent.click(screen.getByRole('button', { name: 'Link again with a new token…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Link again' }));
    fireEvent.input(screen.getByLabelText('Atlas link token'), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Link to Atlas' }));
    // The link's POST answered NOT_SYNCED: a link was made, and the words say so.
    await waitFor(() => expect(status()).toBe('Linked, not synced'));
    expect(screen.getByTestId('status-next').textContent).toBe(
      "The link was made, but Atlas and Cloud Manager are not in sync yet: check again in a few minutes, or open Migration in Atlas (the project → Services → Migration; older navigation: the organization's Live Migration page).",
    );
    expect(screen.getByTestId('outcome').textContent).toContain('Linked to Atlas.');
    expect(screen.queryByLabelText('Atlas link token')).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
  });
});
