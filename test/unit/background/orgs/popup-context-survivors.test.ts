// What the popup is told about the Atlas side of a client, at its edges: on an Atlas org's page, the client's Cloud
// Manager orgs are listed with what is known of them, and by the name their key pair was saved with once the
// dashboard forgot them (an Ops Manager global key's bound org, never named by its key, is listed unnamed); on an
// org page the Atlas targets are offered only where the org has a client; and an Atlas key pair is refused, as
// no-profile and with no call, as the client of a project page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorker, globalKey, key, OPS, orgId, orgPage, projectOf } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

// The Atlas API as the Digest layer reaches it when an Atlas key pair is saved: its key lists its one Atlas org.
const atlas = vi.hoisted(() => ({ requests: [] as string[] }));
vi.mock('../../../../src/core/digest', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createDigestFetch: (credentials: { username: string }) => async (input: RequestInfo | URL) => {
    atlas.requests.push(`${credentials.username} ${new URL(String(input)).pathname}`);
    const results = [{ id: 'a7'.repeat(12), name: 'Client 1 (Atlas)', isDeleted: false }];
    return new Response(JSON.stringify({ results, totalCount: 1 }), {
      status: 200,
      headers: { 'Content-Type': 'application/vnd.atlas.2023-01-01+json' },
    });
  },
}));

const CM = 'https://cloud.mongodb.com';
const ATLAS_ORG = 'a7'.repeat(12);
/** The Atlas key pair of client "Client 1" (the label of key(1), org 1's key pair). */
const atlasKey = () => ({ ...key(7), label: 'Client 1', side: 'atlas' as const });

async function worker(...keys: Parameters<typeof freshWorker>[2][]) {
  const w = await freshWorker(fake, cm, keys[0]!, ...keys.slice(1));
  const byKey = (publicKey: string) => w.profiles.find((p) => p.publicKey === publicKey)!.id;
  const context = (url: string) => w.handlers['context/get']({ url });
  return { ...w, byKey, context };
}

beforeEach(() => {
  cm.calls = [];
  cm.crossed = [];
  atlas.requests.length = 0;
});

describe("an Atlas org's page", () => {
  it("lists the client's org by its key pair's name once the dashboard forgot it, with no status", async () => {
    const w = await worker(key(1), atlasKey());
    const page = { atlasOrgId: ATLAS_ORG, name: 'Client 1 (Atlas)', profileId: w.byKey('abcdefg7') };
    const org1 = { orgId: orgId(1), profileId: w.byKey('abcdefg1'), pendingUntil: undefined };
    // Known: the name the dashboard keeps, and the last status.
    fake.storage.data.local.set('orgStatus', { [orgId(1)]: { orgId: orgId(1), name: 'Shop', status: 'SYNCED' } });
    const url = `${CM}/v2#/org/${ATLAS_ORG}/projects`;
    expect((await w.context(url)).atlasPage).toEqual({
      ...page,
      clientOrgs: [{ ...org1, name: 'Shop', status: 'SYNCED' }],
    });
    // Removed from the dashboard: its key pair still names it.
    await w.handlers['dashboard/remove-org']({ orgId: orgId(1) });
    expect((await w.context(url)).atlasPage).toEqual({
      ...page,
      clientOrgs: [{ ...org1, name: 'Org 1', status: undefined }],
    });
    expect(cm.calls).toEqual([]);
  });

  it("lists an org bound to the client's Ops Manager global key, unnamed while nothing names it", async () => {
    fake.origins.push(`${OPS}/*`);
    const global = { ...globalKey(1), label: 'Client 1', orgIds: [orgId(5)] };
    const w = await worker(atlasKey(), global);
    expect((await w.context(`${CM}/v2#/org/${ATLAS_ORG}/projects`)).atlasPage?.clientOrgs).toEqual([
      { orgId: orgId(5), name: undefined, profileId: w.byKey('global1'), status: undefined, pendingUntil: undefined },
    ]);
  });
});

describe("an org page's Atlas targets", () => {
  it("are the Atlas orgs of the org's client, and none for an org no key pair serves", async () => {
    const w = await worker(key(1), atlasKey());
    expect((await w.context(orgPage(1))).atlasTargets).toEqual([
      { atlasOrgId: ATLAS_ORG, name: 'Client 1 (Atlas)', profileId: w.byKey('abcdefg7'), pendingUntil: undefined },
    ]);
    const noClient = await w.context(orgPage(9));
    expect(noClient).toMatchObject({ candidates: [], org: { orgId: orgId(9) } });
    expect(noClient).not.toHaveProperty('atlasTargets');
  });
});

describe('a project page', () => {
  it('refuses an Atlas key pair as its client (no-profile), before any call', async () => {
    const w = await worker(key(1), atlasKey());
    atlas.requests.length = 0;
    const { resolveGroupWith } = await import('../../../../src/background/orgs/locations');
    const location = { kind: 'group' as const, groupId: projectOf(4), base: CM, orgId: undefined };
    await expect(resolveGroupWith(location, w.byKey('abcdefg7'))).rejects.toMatchObject({ kind: 'no-profile' });
    expect(cm.calls).toEqual([]);
    expect(atlas.requests).toEqual([]);
  });
});
