// The worker's org state under concurrency and hostile tabs: in-flight notes, token fingerprints and the
// project → org cache are serialised read-modify-writes; automatic checks run only for bound orgs, within a
// budget; a picked key pair is bound only once the API answered for it. Cloud Manager is a counting fake here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { interleave, randomPolicy } from '../../support/scheduled-storage';

const fake = await vi.hoisted(async () => (await import('../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
vi.mock('../../../src/core/vault/keys', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/vault/keys')>();
  return {
    ...real,
    deriveVaultKey: (passphrase: string, kdf: { iterations: number }) =>
      real.deriveVaultKey(passphrase, { ...kdf, iterations: 1000 } as never),
  };
});

const api = vi.hoisted(() => ({
  calls: [] as string[],
  fail: false,
  delay: () => new Promise((resolve) => setTimeout(resolve, 2)),
}));
vi.mock('../../../src/background/api-clients', () => ({
  forgetApiClients: () => undefined,
  apiFor: () => ({
    async linkStatus(orgId: string) {
      api.calls.push(`status ${orgId}`);
      await api.delay();
      if (api.fail) throw Object.assign(new Error('refused'), { kind: 'bad-credentials', status: 401 });
      return { status: 'SYNCED' };
    },
    async organization(orgId: string) {
      api.calls.push(`org ${orgId}`);
      await api.delay();
      if (api.fail) throw Object.assign(new Error('refused'), { kind: 'bad-credentials', status: 401 });
      return { id: orgId, name: `Org ${orgId.slice(-3)}` };
    },
    async linkOrganization(orgId: string) {
      api.calls.push(`link ${orgId}`);
      await api.delay();
      return { status: 'SYNCED' };
    },
    async unlinkOrganization(orgId: string) {
      api.calls.push(`unlink ${orgId}`);
      await api.delay();
    },
  }),
}));

const PASSPHRASE = 'a passphrase 123';
const orgId = (n: number) => n.toString(16).padStart(24, '0');
const randomOrg = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

async function unlockedWorker(profiles = 1) {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../src/background/message-handlers');
  const { onTabUpdated } = await import('../../../src/background/tab-tracking');
  await handlers['vault/create']({
    passphrase: PASSPHRASE,
    profile: { label: 'Acme Retail', publicKey: 'abcdefgh', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' },
  });
  for (let n = 2; n <= profiles; n++) {
    await handlers['profiles/add']({
      profile: {
        label: `Client ${n}`,
        publicKey: `abcdefg${n}`,
        privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
      },
    });
  }
  const list = await handlers['profiles/list']({});
  return { handlers, onTabUpdated, profiles: list };
}

const statuses = () => (fake.storage.data.local.get('orgStatus') ?? {}) as Record<string, unknown>;

beforeEach(() => {
  api.calls = [];
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
    expect(Object.keys(statuses())).toEqual([]);
    expect(fake.badges.get(7)?.text ?? '').toBe(''); // a neutral badge
  });

  it('bound orgs are checked, at most 10 a minute', async () => {
    const { handlers, onTabUpdated, profiles } = await unlockedWorker(1);
    for (let n = 1; n <= 20; n++)
      await handlers['dashboard/set-client']({ orgId: orgId(n), profileId: profiles[0]!.id });
    for (let n = 1; n <= 20; n++) {
      const url = `https://cloud.mongodb.com/v2#/org/${orgId(n)}/projects`;
      await onTabUpdated(7, { url }, { id: 7, url } as never);
    }
    const checked = new Set(api.calls.filter((c) => c.startsWith('status')));
    expect(checked.size).toBe(10);
  });
});

describe('a picked key pair', () => {
  it('is bound to the org only after the API answered for it', async () => {
    const { handlers, profiles } = await unlockedWorker(2);
    api.fail = true;
    await expect(handlers['link/status']({ orgId: orgId(1), profileId: profiles[1]!.id })).rejects.toBeTruthy();
    expect((await handlers['profiles/list']({})).flatMap((p) => p.orgIds)).toEqual([]);
    api.fail = false;
    await handlers['link/status']({ orgId: orgId(1), profileId: profiles[1]!.id });
    expect((await handlers['profiles/list']({})).find((p) => p.id === profiles[1]!.id)?.orgIds).toEqual([orgId(1)]);
  });
});

describe('serialised org state', () => {
  it.each(Array.from({ length: 8 }, (_, s) => s + 1))(
    'four orgs checked together leave no stale in-flight note (schedule %i)',
    async (seed) => {
      const { handlers, profiles } = await unlockedWorker(1);
      const id = profiles[0]!.id;
      const actors = Object.fromEntries(
        [1, 2, 3, 4].map((n) => [`org${n}`, () => handlers['link/status']({ orgId: orgId(n), profileId: id })]),
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
      const { handlers, profiles } = await unlockedWorker(1);
      const id = profiles[0]!.id;
      const token = (n: number) => btoa(JSON.stringify({ token: `link-token-${n}-${'x'.repeat(40)}` }));
      const outcomes = await interleave(
        fake.storage,
        {
          a: () => handlers['link/create']({ orgId: orgId(1), linkToken: token(1), profileId: id }),
          b: () => handlers['link/create']({ orgId: orgId(2), linkToken: token(2), profileId: id }),
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
      const { rememberGroupOrg } = await import('../../../src/background/org-status');
      await interleave(
        fake.storage,
        { a: () => rememberGroupOrg(orgId(101), orgId(1)), b: () => rememberGroupOrg(orgId(102), orgId(2)) },
        randomPolicy(seed),
      );
      expect(Object.keys(fake.storage.data.local.get('groupOrg') ?? {}).sort()).toEqual([orgId(101), orgId(102)]);
    },
  );
});
