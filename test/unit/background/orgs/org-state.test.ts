// The worker's org state under concurrency and hostile tabs: in-flight notes, token fingerprints and the
// project → org cache are serialised read-modify-writes; automatic checks run only for bound orgs, within a
// budget; a key pair serves its own org only (never the only one for another). Cloud Manager is a counting fake.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { interleave, randomPolicy } from '../../../support/scheduled-storage';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about

// Cloud Manager as a counting fake with its one rule: key `abcdefgN` belongs to org N and to no other; a call
// signed for another org is recorded as crossing and refused as the real one refuses it.
const api = vi.hoisted(() => ({
  calls: [] as string[],
  crossed: [] as string[],
  fail: false,
  delay: () => new Promise((resolve) => setTimeout(resolve, 2)),
}));
vi.mock('../../../../src/background/api/api-clients', () => {
  const orgOfKey = (publicKey: string) => Number.parseInt(publicKey.slice(7), 36).toString(16).padStart(24, '0');
  const client = (publicKey: string) => {
    const own = orgOfKey(publicKey);
    const call = async (what: string, orgId: string) => {
      api.calls.push(`${what} ${orgId}`);
      await api.delay();
      if (orgId !== own) api.crossed.push(`${publicKey} → ${orgId}`);
      if (api.fail || orgId !== own)
        throw Object.assign(new Error('refused'), { kind: 'bad-credentials', status: 401 });
    };
    return {
      async linkStatus(orgId: string) {
        await call('status', orgId);
        return { status: 'SYNCED' };
      },
      async organization(orgId: string) {
        await call('org', orgId);
        return { id: orgId, name: `Org ${orgId.slice(-3)}` };
      },
      async linkOrganization(orgId: string) {
        await call('link', orgId);
        return { status: 'SYNCED' };
      },
      async unlinkOrganization(orgId: string) {
        await call('unlink', orgId);
      },
      async ownOrgs() {
        api.calls.push(`orgs ${own}`);
        return [{ id: own, name: `Org ${own.slice(-3)}` }];
      },
      async projectsOf(orgId: string) {
        await call('projects', orgId);
        return [{ id: (0x1000 + Number.parseInt(orgId, 16)).toString(16).padStart(24, '0'), name: `Project ${orgId}` }];
      },
      async orgOfGroup(groupId: string) {
        const orgOfGroup = (Number.parseInt(groupId, 16) - 0x1000).toString(16).padStart(24, '0');
        await call('group', orgOfGroup);
        return { groupId, orgId: orgOfGroup, name: `Project ${orgOfGroup}` };
      },
    };
  };
  return {
    forgetApiClients: () => undefined,
    apiFor: (profile: { publicKey: string }) => client(profile.publicKey),
    apiForKey: (key: { publicKey: string }) => client(key.publicKey),
  };
});

const PASSPHRASE = 'a passphrase 123';
const orgId = (n: number) => n.toString(16).padStart(24, '0');
const key = (n: number) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n.toString(36)}`,
  privateKey: `1a2b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
const randomOrg = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A vault with key pairs 1..n, each the key of its own org (org n). */
async function unlockedWorker(profiles = 1) {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { onTabUpdated } = await import('../../../../src/background/orgs/tab-tracking');
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: key(1) });
  for (let n = 2; n <= profiles; n++) await handlers['profiles/add']({ profile: key(n) });
  const list = await handlers['profiles/list']({});
  api.calls = []; // the saves' own calls (GET /orgs, its projects) are not what the tests count
  return { handlers, onTabUpdated, profiles: list };
}

const statuses = () => (fake.storage.data.local.get('orgStatus') ?? {}) as Record<string, unknown>;

beforeEach(() => {
  api.calls = [];
  api.crossed = [];
  api.fail = false;
});

describe('automatic checks', () => {
  it('50 navigations of one tab to unknown orgs: no API call, no new row', async () => {
    const { onTabUpdated } = await unlockedWorker(1);
    for (let i = 0; i < 50; i++) {
      const url = `https://cloud.mongodb.com/v2#/org/${randomOrg()}/projects`;
      await onTabUpdated(7, { url }, { id: 7, url } as never);
    }
    expect(api.calls).toEqual([]);
    // Only the key's own org has a row (named when the key pair was saved); none of the 50.
    expect(Object.keys(statuses())).toEqual([orgId(1)]);
    expect(fake.badges.get(7)?.text ?? '').toBe(''); // a neutral badge
  });

  it('bound orgs are checked, at most 10 a minute', async () => {
    const { onTabUpdated, profiles } = await unlockedWorker(20);
    expect(profiles.map((p) => p.orgIds)).toEqual(Array.from({ length: 20 }, (_, i) => [orgId(i + 1)]));
    for (let n = 1; n <= 20; n++) {
      const url = `https://cloud.mongodb.com/v2#/org/${orgId(n)}/projects`;
      await onTabUpdated(7, { url }, { id: 7, url } as never);
    }
    const checked = new Set(api.calls.filter((c) => c.startsWith('status')));
    expect(checked.size).toBe(10);
  });
});

describe('a key pair serves its own org and no other', () => {
  it('the only key pair is not used for another org: no call, and the popup offers none', async () => {
    const { handlers } = await unlockedWorker(1);
    await expect(handlers['link/status']({ orgId: orgId(2) })).rejects.toMatchObject({ kind: 'no-profile' });
    const context = await handlers['context/get']({ url: `https://cloud.mongodb.com/v2#/org/${orgId(2)}/projects` });
    expect(context).toMatchObject({ candidates: [] });
    expect(context.profileId).toBeUndefined();
    expect(api.calls).toEqual([]);
  });

  it('a key pair picked for another org is refused by name before any call', async () => {
    const { handlers, profiles } = await unlockedWorker(2);
    await expect(handlers['link/status']({ orgId: orgId(1), profileId: profiles[1]!.id })).rejects.toMatchObject({
      kind: 'key-other-org',
      params: { orgId: orgId(2) },
    });
    await expect(
      handlers['dashboard/set-client']({ orgId: orgId(1), profileId: profiles[1]!.id }),
    ).rejects.toMatchObject({ kind: 'key-other-org' });
    expect(api.calls).toEqual([]);
    expect((await handlers['profiles/list']({})).map((p) => p.orgIds)).toEqual([[orgId(1)], [orgId(2)]]);
  });

  it('a key pair saved on the page of another org is refused, naming the org it belongs to', async () => {
    const { handlers } = await unlockedWorker(1);
    await expect(handlers['profiles/add']({ profile: key(2), orgId: orgId(3) })).rejects.toMatchObject({
      kind: 'key-other-org',
      params: { orgId: orgId(2), orgName: 'Org 002' },
    });
    expect(await handlers['profiles/list']({})).toHaveLength(1);
  });

  it('a public key already saved is refused, naming the key pair that has it', async () => {
    const { handlers } = await unlockedWorker(1);
    await expect(handlers['profiles/add']({ profile: { ...key(1), label: 'Again' } })).rejects.toMatchObject({
      kind: 'duplicate-key',
      params: { label: 'Client 1' },
    });
  });
});

describe('a project page of an unknown project', () => {
  const projectOf = (n: number) => (0x1000 + n).toString(16).padStart(24, '0');
  const projectUrl = (n: number) => `https://cloud.mongodb.com/v2/${projectOf(n)}#deployment/topology`;

  it('asks which client; the wrong client is told so without a call for an org not its own', async () => {
    const { handlers, profiles } = await unlockedWorker(2);
    // Forget what the key pairs learnt at save time: the project is new to both.
    const { updateContents } = await import('../../../../src/background/vault/vault-store');
    const { setProjects } = await import('../../../../src/core/vault');
    for (const p of profiles) await updateContents((c) => ({ contents: setProjects(c, p.id, []), result: null }));
    expect(await handlers['context/get']({ url: projectUrl(1) })).toMatchObject({ needsClient: true });
    expect(api.calls).toEqual([]);
    await expect(handlers['project/resolve']({ url: projectUrl(1), profileId: profiles[1]!.id })).rejects.toMatchObject(
      { kind: 'no-profile', params: { variant: 'project-elsewhere', orgName: 'Org 002' } },
    );
    expect(await handlers['project/resolve']({ url: projectUrl(1), profileId: profiles[0]!.id })).toEqual({
      orgId: orgId(1),
    });
    expect(api.calls).toEqual([`projects ${orgId(2)}`, `projects ${orgId(1)}`]);
    const context = await handlers['context/get']({ url: projectUrl(1) });
    expect(context).toMatchObject({ location: { orgId: orgId(1) }, profileId: profiles[0]!.id });
  });
});

describe('the badge tooltip', () => {
  it('recomputes its age while the tab is in front, not only when the status changes', async () => {
    const { handlers } = await unlockedWorker(1);
    const { repaintShownTabs, startBadgeAgeAlarm, BADGE_AGE_ALARM } = await import(
      '../../../../src/background/orgs/tab-tracking'
    );
    await handlers['link/status']({ orgId: orgId(1) });
    fake.tabs.length = 0;
    fake.tabs.push({ id: 9, url: `https://cloud.mongodb.com/v2#/org/${orgId(1)}/projects` });
    vi.useFakeTimers({ now: Date.now() + 7 * 60_000, toFake: ['Date'] });
    try {
      await repaintShownTabs();
      expect(fake.badges.get(9)?.title).toContain('checked 7 min ago');
      vi.setSystemTime(Date.now() + 30 * 60_000);
      await repaintShownTabs();
      expect(fake.badges.get(9)?.title).toContain('checked 37 min ago');
    } finally {
      vi.useRealTimers();
    }
    await startBadgeAgeAlarm();
    expect(fake.alarms.get(BADGE_AGE_ALARM)).toEqual({ periodInMinutes: 1 });
  });
});

describe('serialised org state', () => {
  it.each(Array.from({ length: 8 }, (_, s) => s + 1))(
    'four orgs checked together leave no stale in-flight note (schedule %i)',
    async (seed) => {
      const { handlers } = await unlockedWorker(4);
      const actors = Object.fromEntries(
        [1, 2, 3, 4].map((n) => [`org${n}`, () => handlers['link/status']({ orgId: orgId(n) })]),
      );
      const outcomes = await interleave(fake.storage, actors, randomPolicy(seed));
      for (const outcome of Object.values(outcomes)) expect(outcome.ok).toBe(true);
      expect(fake.storage.data.session.get('inFlight') ?? {}).toEqual({});
      expect(Object.keys(statuses()).sort()).toEqual([1, 2, 3, 4].map(orgId));
    },
  );

  it.each(Array.from({ length: 6 }, (_, s) => s + 1))(
    'two links with two tokens together keep both fingerprints (schedule %i)',
    async (seed) => {
      const { handlers } = await unlockedWorker(2);
      const token = (n: number) => btoa(JSON.stringify({ token: `link-token-${n}-${'x'.repeat(40)}` }));
      const outcomes = await interleave(
        fake.storage,
        {
          a: () => handlers['link/create']({ orgId: orgId(1), linkToken: token(1) }),
          b: () => handlers['link/create']({ orgId: orgId(2), linkToken: token(2) }),
        },
        randomPolicy(seed),
      );
      expect(outcomes.a).toMatchObject({ ok: true });
      expect(outcomes.b).toMatchObject({ ok: true });
      expect(Object.values(fake.storage.data.local.get('tokenFingerprints') ?? {}).sort()).toEqual([
        orgId(1),
        orgId(2),
      ]);
    },
  );

  it.each(Array.from({ length: 6 }, (_, s) => s + 1))(
    'two projects learnt together are both cached (schedule %i)',
    async (seed) => {
      await unlockedWorker(1);
      const { rememberGroupOrg } = await import('../../../../src/background/orgs/locations');
      await interleave(
        fake.storage,
        { a: () => rememberGroupOrg(orgId(101), orgId(1)), b: () => rememberGroupOrg(orgId(102), orgId(2)) },
        randomPolicy(seed),
      );
      expect(Object.keys(fake.storage.data.local.get('groupOrg') ?? {}).sort()).toEqual([orgId(101), orgId(102)]);
    },
  );
});

afterEach(() => {
  // Whatever a test did, no call was ever signed for an org with another org's key.
  expect(api.crossed).toEqual([]);
});
