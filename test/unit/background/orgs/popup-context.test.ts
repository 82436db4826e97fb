// What the popup is told when it opens: the vault state, which org the tab shows (a project page through the
// projects its key pairs learnt, else "which client?"), which key pairs may serve it (never another org's), its
// last known status, the call running for it or cut short, and an Ops Manager org's server remembered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorker, globalKey, key, OPS, orgId, orgPage, projectOf, projectPage, storedStatus } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

const CM = 'https://cloud.mongodb.com';

async function worker(...keys: Parameters<typeof freshWorker>[2][]) {
  const w = await freshWorker(fake, cm, keys[0] ?? key(1), ...keys.slice(1));
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const context = (url?: string) => w.handlers['context/get']({ url });
  return { ...w, lockNow, context };
}

beforeEach(() => {
  cm.calls = [];
  cm.crossed = [];
  cm.hold = undefined;
});

afterEach(() => {
  expect(cm.crossed).toEqual([]);
  expect(cm.calls).toEqual([]); // opening the popup never calls the API
});

describe('context/get', () => {
  it('the org of its own key pair: that key pair, and the last known record', async () => {
    const w = await worker(key(1), key(2));
    await w.handlers['settings/set']({ autoLockMinutes: 5 });
    expect(await w.context(orgPage(2))).toEqual({
      vault: 'unlocked',
      location: { kind: 'org', orgId: orgId(2), base: CM },
      profiles: w.profiles,
      autoLockMinutes: 5,
      profileId: w.profiles[1]!.id,
      candidates: [w.profiles[1]!.id],
      org: { orgId: orgId(2), name: 'Org 2' },
      inFlight: undefined,
      interrupted: undefined,
    });
    expect(JSON.stringify(w.profiles)).not.toContain('1a2b3c4d'); // no private key reaches the popup
  });

  it('an org no key pair serves: no key pair offered, the org by its id', async () => {
    const w = await worker(key(1));
    const context = await w.context(orgPage(7));
    expect(context).toMatchObject({ candidates: [], org: { orgId: orgId(7) } });
    expect(context.profileId).toBeUndefined();
    expect(storedStatus(fake, orgId(7))).toBeUndefined();
  });

  it('locked: the org and its record, but no key pair at all', async () => {
    const w = await worker(key(1));
    await w.lockNow();
    expect(await w.context(orgPage(1))).toEqual({
      vault: 'locked',
      location: { kind: 'org', orgId: orgId(1), base: CM },
      profiles: [],
      autoLockMinutes: 15,
      org: { orgId: orgId(1), name: 'Org 1' },
      inFlight: undefined,
      interrupted: undefined,
    });
  });

  it('a page of no org: the vault and the key pairs only', async () => {
    const w = await worker(key(1));
    for (const url of [undefined, 'https://example.com/']) {
      expect(await w.context(url)).toEqual({
        vault: 'unlocked',
        location: { kind: 'other' },
        profiles: w.profiles,
        autoLockMinutes: 15,
      });
    }
  });

  it("a project page a key pair learnt: its org, found without a call, and that org's key pair", async () => {
    const w = await worker(key(1), key(2));
    expect(await w.context(projectPage(2))).toMatchObject({
      location: { kind: 'group', groupId: projectOf(2), base: CM, orgId: orgId(2) },
      profileId: w.profiles[1]!.id,
      candidates: [w.profiles[1]!.id],
      org: { orgId: orgId(2), name: 'Org 2' },
    });
    expect((await w.context(projectPage(2))).needsClient).toBeUndefined();
  });

  it('a project page no key pair knows: the popup asks which client, and names no org', async () => {
    const w = await worker(key(1));
    const context = await w.context(projectPage(4));
    expect(context).toEqual({
      vault: 'unlocked',
      location: { kind: 'group', groupId: projectOf(4), base: CM, orgId: undefined },
      profiles: w.profiles,
      autoLockMinutes: 15,
      needsClient: true,
    });
  });

  it('a project page whose org is cached is that org, even while locked', async () => {
    const w = await worker(key(1));
    const { rememberGroupOrg } = await import('../../../../src/background/orgs/locations');
    await rememberGroupOrg(projectOf(4), orgId(1));
    await w.lockNow();
    expect(await w.context(projectPage(4))).toMatchObject({
      location: { kind: 'group', orgId: orgId(1) },
      org: { orgId: orgId(1) },
    });
  });

  it('the call running for the org, and one an earlier worker left unfinished', async () => {
    const w = await worker(key(1));
    let release!: () => void;
    cm.hold = new Promise((resolve) => (release = resolve));
    const call = w.handlers['link/status']({ orgId: orgId(1) });
    await vi.waitFor(() => expect(cm.calls).toHaveLength(1));
    expect(await w.context(orgPage(1))).toMatchObject({ inFlight: 'status', interrupted: undefined });
    release();
    await call;
    cm.calls = [];
    fake.storage.data.session.set('inFlight', { [orgId(1)]: { operation: 'link', startedAt: 1 } });
    expect(await w.context(orgPage(1))).toMatchObject({ inFlight: undefined, interrupted: 'link' });
  });
});

describe('an Ops Manager org', () => {
  it("keeps its server, so that its server's global key serves it", async () => {
    const w = await worker(key(1), globalKey(1));
    fake.origins.push(`${OPS}/*`);
    const context = await w.context(orgPage(5, OPS));
    expect(context).toMatchObject({
      location: { kind: 'org', orgId: orgId(5), base: OPS },
      profileId: w.profiles[1]!.id,
      candidates: [w.profiles[1]!.id],
      org: { orgId: orgId(5), base: OPS },
    });
    expect(storedStatus(fake, orgId(5))).toEqual({ orgId: orgId(5), base: OPS });
    // Once kept, not written again.
    const set = vi.spyOn(fake.browser.storage.local, 'set');
    await w.context(orgPage(5, OPS));
    expect(set).not.toHaveBeenCalled();
    set.mockRestore();
  });

  it('is not written while the vault is locked, and a Cloud Manager org never keeps a server', async () => {
    const w = await worker(key(1), globalKey(1));
    fake.origins.push(`${OPS}/*`);
    await w.context(orgPage(1));
    expect(storedStatus(fake, orgId(1))).toEqual({ orgId: orgId(1), name: 'Org 1' });
    await w.lockNow();
    expect(await w.context(orgPage(6, OPS))).toMatchObject({ org: { orgId: orgId(6) } });
    expect(storedStatus(fake, orgId(6))).toBeUndefined();
  });
});
