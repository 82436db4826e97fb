// Shared by the org tests: a fake Cloud Manager (and Ops Manager) that records which key signed which call and
// refuses, as the real one does, a call signed for an org the key does not belong to; and a fresh worker with an
// unlocked vault. A test file mocks the API clients with it once:
//   const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
//   vi.mock('<path>/src/background/api/api-clients', () => cm.module);
import type { ProfileInput } from '../../../../src/shared/domain';
import type { FakeBrowser } from '../../../support/fake-browser';

export const OPS = 'https://ops.example.com';
export const orgId = (n: number) => n.toString(16).padStart(24, '0');
/** The one project of org n. */
export const projectOf = (n: number) => (0x1000 + n).toString(16).padStart(24, '0');
export const orgPage = (n: number, base = 'https://cloud.mongodb.com') => `${base}/v2#/org/${orgId(n)}/projects`;
export const projectPage = (n: number, base = 'https://cloud.mongodb.com') => `${base}/v2/${projectOf(n)}#clusters`;

/** Key `abcdefgN` is the key of org N; a key `globalN` is an Ops Manager global key (it sees several orgs). */
export const key = (n: number, baseUrl?: string): ProfileInput => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`,
  ...(baseUrl ? { baseUrl } : {}),
});
export const globalKey = (n: number, baseUrl = OPS): ProfileInput => ({
  label: `Global ${n}`,
  publicKey: `global${n}`,
  privateKey: `9a2b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`,
  baseUrl,
});

export function createCloudManager() {
  const orgOfKey = (publicKey: string) =>
    publicKey.startsWith('global') ? undefined : orgId(Number.parseInt(publicKey.slice(7), 10));
  const state = {
    /** `publicKey: what id`, in the order sent. */
    calls: [] as string[],
    /** Calls signed for an org the key does not belong to (there must never be one). */
    crossed: [] as string[],
    refuse: false,
    /** Orgs whose calls are refused (as `refuse` refuses all). */
    refuseOrgs: [] as string[],
    hold: undefined as Promise<void> | undefined,
    /** Calls for these orgs wait for their own promise instead of `hold`. */
    holdFor: {} as Record<string, Promise<void>>,
    /** Org names the API answers (by org id), else `API name N`. */
    names: {} as Record<string, string>,
    /** What `GET /orgs/{id}/groups` answers (by org id), else the org's one project. */
    projects: {} as Record<string, { id: string; name: string }[]>,
    /** What a link answers. */
    linkAnswer: { status: 'NOT_SYNCED' } as { status?: 'NOT_SYNCED' | 'SYNCED' },
    module: {} as Record<string, unknown>,
  };
  const numberOf = (id: string) => Number.parseInt(id, 16);
  const client = (publicKey: string) => {
    const own = orgOfKey(publicKey);
    const call = async <T>(what: string, id: string, answer: () => T, orgOfCall = id): Promise<T> => {
      state.calls.push(`${publicKey}: ${what} ${id}`);
      await (state.holdFor[id] ?? state.hold);
      const { CloudManagerError } = await import('../../../../src/core/cloudmanager');
      const crossing = own !== undefined && orgOfCall !== own;
      if (crossing) state.crossed.push(`${publicKey} → ${orgOfCall}`);
      if (state.refuse || state.refuseOrgs.includes(id) || crossing)
        throw new CloudManagerError('bad-credentials', { status: 401 });
      return answer();
    };
    return {
      ownOrgs: async () => {
        state.calls.push(`${publicKey}: orgs`);
        return own
          ? [{ id: own, name: `Org ${numberOf(own)}` }]
          : [
              { id: orgId(1), name: 'A' },
              { id: orgId(2), name: 'B' },
            ];
      },
      projectsOf: (id: string) =>
        call(
          'projects',
          id,
          () => state.projects[id] ?? [{ id: projectOf(numberOf(id)), name: `Project ${numberOf(id)}` }],
        ),
      linkStatus: (id: string) => call('status', id, () => ({ status: 'SYNCED' as const })),
      organization: (id: string) =>
        call('org', id, () => ({ id, name: state.names[id] ?? `API name ${numberOf(id)}` })),
      linkOrganization: (id: string) => call('link', id, () => state.linkAnswer),
      unlinkOrganization: (id: string) => call('unlink', id, () => undefined),
      orgOfGroup: (groupId: string) => {
        const owner = orgId(numberOf(groupId) - 0x1000);
        return call('group', groupId, () => ({ groupId, orgId: owner, name: `Project ${numberOf(owner)}` }), owner);
      },
    };
  };
  state.module = {
    forgetApiClients: () => undefined,
    apiFor: (p: { publicKey: string }) => client(p.publicKey),
    apiForKey: (k: { publicKey: string }) => client(k.publicKey),
  };
  return state;
}

export type CloudManager = ReturnType<typeof createCloudManager>;

/** A new worker life over empty storage, its vault created with `first` and the other key pairs added. */
export async function freshWorker(fake: FakeBrowser, cm: CloudManager, first: ProfileInput, ...more: ProfileInput[]) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.tabs.length = 0;
  fake.badges.clear();
  fake.alarms.clear();
  fake.origins.length = 0;
  const { vi } = await import('vitest');
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  await handlers['vault/create']({ passphrase: 'a passphrase 123', profile: first });
  for (const profile of more) await handlers['profiles/add']({ profile });
  const profiles = await handlers['profiles/list']({});
  cm.calls = []; // the saves' own calls (GET /orgs, its projects) are not what the tests count
  return { handlers, profiles };
}

/** Everything the worker keeps of an org (status, name, failure, server), as stored. */
export const storedStatus = (fake: FakeBrowser, id: string) =>
  ((fake.storage.data.local.get('orgStatus') ?? {}) as Record<string, Record<string, unknown>>)[id];
