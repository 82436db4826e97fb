// @vitest-environment happy-dom
// The settings page's managed controls: under an auto-lock limit the longer choices are off and the note says the
// organization set it (the select itself off when one choice is left); the allowed Ops Manager servers are listed;
// an export turned off by the organization is a disabled button that says why; a key-pair form says which servers
// are allowed and refuses another before the browser is asked for access to it. With no policy, nothing changes.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../src/shared/domain';
import { fakeExtension } from '../../support/fake-extension';

const fake = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof fakeExtension> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] }),
}));

const { SecuritySection } = await import('../../../src/options/SecuritySection');
const { BackupSection } = await import('../../../src/options/BackupSection');
const { askHostPermission, ServerAddressFields } = await import('../../../src/ui/KeyPairServer');

const security = (settings: Settings) =>
  render(<SecuritySection settings={settings} onChange={() => undefined} onLocked={() => undefined} />);
const choices = () =>
  [...(screen.getByLabelText('Lock the vault after inactivity') as HTMLSelectElement).options].map(
    (o) => `${o.value}${o.disabled ? ' off' : ''}`,
  );

beforeEach(() => {
  fake.current = fakeExtension();
});
afterEach(cleanup);

describe('security section', () => {
  it('with no policy: every choice, no organization note', () => {
    security({ autoLockMinutes: 60 });
    expect(choices()).toEqual(['1', '5', '15', '60', '0']);
    expect(document.body.textContent).not.toContain('Set by your organization');
  });

  it('under a 15-minute limit: longer choices off, the note next to the select', () => {
    security({ autoLockMinutes: 15, managed: { maxAutoLockMinutes: 15 } });
    expect(choices()).toEqual(['1', '5', '15', '60 off', '0 off']);
    const select = screen.getByLabelText('Lock the vault after inactivity') as HTMLSelectElement;
    expect(select.disabled).toBe(false);
    expect(screen.getByTestId('managed-auto-lock').textContent).toBe(
      'Set by your organizationYour organization allows at most 15 minutes of inactivity before the vault locks; ' +
        'longer choices are turned off.',
    );
    expect(select.getAttribute('aria-describedby')).toBe('auto-lock-managed');
  });

  it('a 1-minute limit fixes the delay: the select is off', () => {
    security({ autoLockMinutes: 1, managed: { maxAutoLockMinutes: 1 } });
    expect((screen.getByLabelText('Lock the vault after inactivity') as HTMLSelectElement).disabled).toBe(true);
  });

  it('names a policy that is present but malformed, and what applies meanwhile (#30 item 5)', () => {
    security({
      autoLockMinutes: 1,
      managed: { maxAutoLockMinutes: 1, allowedOpsManagerServers: [] },
      malformedPolicies: ['maxAutoLockMinutes', 'allowedOpsManagerServers'],
    });
    expect(screen.getByTestId('managed-malformed').textContent).toBe(
      "Your organization's policy is malformed: maxAutoLockMinutes, allowedOpsManagerServers. Until your administrator " +
        'fixes it, its strictest value applies (no Ops Manager server, no backup export, or an auto-lock after 1 minute).',
    );
  });

  it('lists the allowed Ops Manager servers, or says none is allowed', () => {
    security({
      autoLockMinutes: 15,
      managed: { allowedOpsManagerServers: ['https://a.example', 'https://b.example'] },
    });
    expect(screen.getByTestId('managed-servers').textContent).toContain(
      'Ops Manager servers your organization allows: https://a.example, https://b.example.',
    );
    cleanup();
    security({ autoLockMinutes: 15, managed: { allowedOpsManagerServers: [] } });
    expect(screen.getByTestId('managed-servers').textContent).toContain(
      'Your organization allows no Ops Manager server',
    );
  });
});

describe('backup section', () => {
  it('export turned off: the button is disabled and says the organization turned it off', () => {
    render(<BackupSection reload={async () => undefined} managed={{ backupExportAllowed: false }} />);
    expect((screen.getByRole('button', { name: 'Export backup' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('managed-backup-export').textContent).toBe(
      'Set by your organizationYour organization turned off backup export.',
    );
  });

  it('allowed, or no policy: the button works as before', () => {
    render(<BackupSection reload={async () => undefined} managed={{ backupExportAllowed: true }} />);
    expect((screen.getByRole('button', { name: 'Export backup' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('managed-backup-export')).toBeNull();
  });
});

describe('server address field', () => {
  it('says which servers are allowed, and refuses another without asking the browser for access', async () => {
    const requested: unknown[] = [];
    Object.assign(fake.current.browser, {
      permissions: { request: async (p: unknown) => requested.push(p) > 0 },
    });
    fake.current.handlers['settings/get'] = () => ({
      autoLockMinutes: 15,
      managed: { allowedOpsManagerServers: ['https://om.example.com'] },
    });
    render(
      <ServerAddressFields
        id="url"
        idPrefix="t"
        value={{ label: '', publicKey: '', privateKey: '' }}
        onInput={() => undefined}
      />,
    );
    expect((await screen.findByTestId('managed-servers-hint')).textContent).toBe(
      'Ops Manager servers your organization allows: https://om.example.com. Cloud Manager and Atlas are always allowed.',
    );
    await expect(askHostPermission('https://other.example.com/')).rejects.toMatchObject({
      view: {
        kind: 'server-not-allowed',
        params: { server: 'https://other.example.com', servers: 'https://om.example.com' },
      },
    });
    expect(requested).toEqual([]);
    await askHostPermission('https://om.example.com');
    expect(requested).toEqual([{ origins: ['https://om.example.com/*'] }]);
  });
});
