// @vitest-environment happy-dom
// The popup before the org panel: a project page whose org no key pair knows asks which client it is of (or for a
// new client's key pair), and the locked popup says which org the tab shows and keeps the cursor in the passphrase.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';
import { CLOUD, GROUP, keyPair, ORG, OTHER_ORG, orgContext } from './popup-fixture';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { App } = await import('../../../src/popup/App');

const PROJECT_URL = `https://cloud.mongodb.com/v2/${GROUP}#/overview`;

function projectContext(): PopupContext {
  return {
    vault: 'unlocked',
    location: { kind: 'group', groupId: GROUP, base: CLOUD },
    profiles: [
      keyPair('p1', 'Acme', ORG, 'Acme Prod'),
      keyPair('p2', 'Globex', OTHER_ORG, 'Globex Main'),
      { ...keyPair('p3', 'Ops client'), baseUrl: 'https://ops.example.com', global: true },
    ],
    needsClient: true,
    autoLockMinutes: 30,
  };
}

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('a project page whose org no saved key pair knows', () => {
  it("asks which client, among this server's key pairs, and resolves the project with that one", async () => {
    const contexts = [
      projectContext(),
      orgContext({ location: { kind: 'group', groupId: GROUP, base: CLOUD, orgId: ORG } }),
    ];
    fake.current.handlers['context/get'] = () => contexts.shift();
    fake.current.handlers['project/resolve'] = () => ({ orgId: ORG });
    fake.current.handlers['link/status'] = () => ({
      orgId: ORG,
      name: 'Acme Prod',
      status: 'NOT_LINKED',
      checkedAt: 1,
    });
    render(<App url={PROJECT_URL} />);

    await screen.findByRole('heading', { name: 'Which client is this project of?' });
    const select = screen.getByLabelText('Client') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose a key pair…',
      'Acme — Acme Prod',
      'Globex — Globex Main',
      'A new client (add its key pair)',
    ]);
    fireEvent.change(select, { target: { value: 'p2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find its organization' }));
    await screen.findByTestId('org-panel');
    expect(fake.current.sent.find((m) => m.name === 'project/resolve')?.request).toEqual({
      url: PROJECT_URL,
      profileId: 'p2',
    });
    expect(fake.current.sent.filter((m) => m.name === 'context/get')).toHaveLength(2);
  });

  it('shows why the project could not be found with the chosen client', async () => {
    fake.current.handlers['context/get'] = () => projectContext();
    fake.current.handlers['project/resolve'] = () => {
      throw { kind: 'group-not-found' };
    };
    render(<App url={PROJECT_URL} />);
    fireEvent.change(await screen.findByLabelText('Client'), { target: { value: 'p1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find its organization' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Cloud Manager does not know this project');
  });

  it('a new client: the key-pair form, saved without an org, then the popup looks again', async () => {
    fake.current.handlers['context/get'] = () => projectContext();
    fake.current.handlers['profiles/add'] = () => ({ profile: keyPair('p9', 'Initech', ORG, 'Initech') });
    render(<App url={PROJECT_URL} />);
    fireEvent.change(await screen.findByLabelText('Client'), { target: { value: 'new' } });
    expect(screen.getByRole('heading', { name: "Add the new client's key pair" })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Client name'), { target: { value: 'Initech' } });
    fireEvent.input(screen.getByLabelText('Public key (username)'), { target: { value: 'abcdefgh' } });
    fireEvent.input(screen.getByLabelText('Private key (password)'), {
      target: { value: '11111111-2222-3333-4444-555555555555' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save key pair' }));
    await waitFor(() => expect(fake.current.sent.filter((m) => m.name === 'context/get')).toHaveLength(2));
    const add = fake.current.sent.find((m) => m.name === 'profiles/add')?.request;
    expect(add?.orgId).toBeUndefined();
    expect(fake.current.sent.some((m) => m.name === 'project/resolve')).toBe(false);
  });
});

describe('the locked popup', () => {
  it('says which org the tab shows, and keeps the cursor in the passphrase after a wrong one', async () => {
    fake.current.handlers['context/get'] = () =>
      orgContext({ vault: 'locked', profiles: [], profileId: undefined, candidates: undefined });
    fake.current.handlers['vault/unlock'] = () => {
      throw { kind: 'wrong-passphrase' };
    };
    render(<App url="https://cloud.mongodb.com/" />);
    expect((await screen.findByTestId('unlock-org')).textContent).toBe(
      `This tab shows the organization Acme Prod (${ORG}).`,
    );
    const input = screen.getByLabelText('Passphrase') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'not the passphrase' } });
    input.blur();
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(input));
    // The wrong passphrase does not stay in the page: the field is empty, ready for the next try.
    expect(input.value).toBe('');
  });
});
