// The words of the organization's refusals, as the pages show them: the allowed servers listed one after another,
// the wording when no Ops Manager server is allowed, and the refused export of a backup.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { requireAllowedServer, requireAllowedServers, requireBackupExportAllowed } = await import(
  '../../../../src/background/settings/managed-settings'
);

const A = 'https://ops-a.example.com:8443';
const B = 'https://ops-b.example.com';
const OTHER = 'https://ops-c.example.com';

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    const { kind, params } = error as { kind: string; params?: unknown };
    return { kind, params };
  }
  throw new Error('not refused');
}

beforeEach(() => {
  delete fake.managed.policy;
});

describe('refusals by the organization’s policy, by kind and params', () => {
  it('names every allowed server, comma-separated, and the refused one', async () => {
    fake.managed.policy = { allowedOpsManagerServers: [A, B] };
    const expected = {
      kind: 'server-not-allowed',
      params: { server: OTHER, servers: `${A}, ${B}` },
    };
    expect(await refusal(() => requireAllowedServer(OTHER))).toEqual(expected);
    expect(await refusal(() => requireAllowedServers([{ baseUrl: A }, { baseUrl: OTHER }]))).toEqual(expected);
  });

  it('says so when no Ops Manager server is allowed at all', async () => {
    fake.managed.policy = { allowedOpsManagerServers: [] };
    expect(await refusal(() => requireAllowedServer(OTHER))).toEqual({
      kind: 'server-not-allowed',
      params: { server: OTHER, variant: 'none' },
    });
  });

  it('a turned-off export says it is the organization’s choice', async () => {
    fake.managed.policy = { backupExportAllowed: false };
    expect(await refusal(() => requireBackupExportAllowed())).toMatchObject({
      kind: 'backup-export-off',
    });
  });
});
