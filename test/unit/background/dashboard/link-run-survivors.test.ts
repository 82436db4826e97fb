// "Create and link" when a link's outcome is unknown and the status call that should settle it fails too: the row
// fails with the link's own error (not the check's, not an internal error), marked as checked, with no status,
// and the link is never posted again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const calls = vi.hoisted(() => ({ links: [] as string[], checks: [] as string[] }));
vi.mock('../../../../src/background/atlas/create-and-link', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createAndLink: async ({ orgId }: { orgId: string }): Promise<OrgStatusRecord> => {
    calls.links.push(orgId);
    throw new CloudManagerError('timeout');
  },
}));
vi.mock('../../../../src/background/orgs/org-operations', () => ({
  refreshStatus: async (orgId: string): Promise<OrgStatusRecord> => {
    calls.checks.push(orgId);
    throw new CloudManagerError('network');
  },
}));
vi.mock('../../../../src/background/vault/vault-store', () => ({ readContents: async () => ({ profiles: [] }) }));

const ORG = '1'.padStart(24, '0');
const ATLAS = 'a0000000000000000000000a';

beforeEach(() => {
  calls.links = [];
  calls.checks = [];
  fake.storage.data.session.clear();
  fake.storage.data.local.clear();
});

describe('create and link: an unknown outcome whose status check fails', () => {
  it('fails the row with the link error, checked, without a status, posted once', async () => {
    fake.storage.data.local.set('orgStatus', { [ORG]: { orgId: ORG, atlasOrgId: ATLAS } });
    vi.resetModules();
    const { startLinkRun } = await import('../../../../src/background/dashboard/link-run');
    const { refreshProgress } = await import('../../../../src/background/dashboard/refresh-run');
    await startLinkRun([ORG], 1);
    await vi.waitFor(async () => expect(await refreshProgress()).toMatchObject({ state: 'finished', failed: 1 }));
    const item = (await refreshProgress())!.items.find((i) => i.orgId === ORG);
    expect(item).toMatchObject({ state: 'failed', error: { kind: 'timeout' }, checked: true });
    expect(item?.status).toBeUndefined();
    expect(calls).toStrictEqual({ links: [ORG], checks: [ORG] });
  });
});
