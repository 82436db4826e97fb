// Shared pieces of the dashboard's worker tests (not a test file): a counting fake of Cloud Manager and of one Ops
// Manager server for `src/background/api/api-clients`, the key pairs it knows, and a worker built from the real
// handler table and router. Cloud Manager's rule: key `abcdefgN` belongs to org N and to no other; project
// 0x1000 + N is org N's only project. On the Ops Manager server a `global…` key sees orgs 0xA1 and 0xA2.
import { vi } from 'vitest';
import type { FakeBrowser } from '../../../support/fake-browser';

export const OPS = 'https://ops.example.com';
export const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
export const PASSPHRASE = 'a passphrase 123';

export const orgId = (n: number) => n.toString(16).padStart(24, '0');
export const groupOf = (n: number) => (0x1000 + n).toString(16).padStart(24, '0');
export const orgPage = (id: string, base = 'https://cloud.mongodb.com') => `${base}/v2#/org/${id}/projects`;
export const projectPage = (id: string, base = 'https://cloud.mongodb.com') => `${base}/v2/${id}#/deployment`;

export const key = (n: number) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n.toString(36)}`,
  privateKey: `1a2b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
export const globalKey = () => ({
  label: 'Ops global',
  publicKey: 'globalkey',
  privateKey: '1a2b3c4d-0000-4000-8000-999999999999',
  baseUrl: OPS,
});

export interface ApiLog {
  calls: string[];
}

export function fakeApiClients(api: ApiLog) {
  const orgOfKey = (publicKey: string) => Number.parseInt(publicKey.slice(7), 36).toString(16).padStart(24, '0');
  const client = (publicKey: string) => {
    const global = publicKey.startsWith('global');
    const own = global ? undefined : orgOfKey(publicKey);
    const call = async (what: string, id: string) => {
      api.calls.push(`${what} ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (!global && id !== own) throw Object.assign(new Error('refused'), { kind: 'bad-credentials', status: 401 });
    };
    return {
      async linkStatus(id: string) {
        await call('status', id);
        return { status: 'SYNCED' };
      },
      async organization(id: string) {
        await call('org', id);
        return { id, name: `Org ${id.slice(-3)}` };
      },
      async ownOrgs() {
        api.calls.push(`orgs ${publicKey}`);
        const ids = own ? [own] : [orgId(0xa1), orgId(0xa2)];
        return ids.map((id) => ({ id, name: `Org ${id.slice(-3)}` }));
      },
      async projectsOf(id: string) {
        await call('projects', id);
        return [{ id: groupOf(Number.parseInt(id, 16)), name: `Project of ${id.slice(-3)}` }];
      },
      async orgOfGroup(groupId: string) {
        const id = (Number.parseInt(groupId, 16) - 0x1000).toString(16).padStart(24, '0');
        await call('group', groupId);
        return { groupId, orgId: id, name: `Project of ${id.slice(-3)}` };
      },
    };
  };
  return {
    forgetApiClients: () => undefined,
    apiFor: (profile: { publicKey: string }) => client(profile.publicKey),
    apiForKey: (k: { publicKey: string }) => client(k.publicKey),
  };
}

/** A fresh worker (new module graph, empty storage) with a vault of key pairs 1..n, unlocked; `global` adds the
 * Ops Manager key (its server granted). `api.calls` is emptied after the setup's own calls. */
export async function dashboardWorker(fake: FakeBrowser, api: ApiLog, profiles = 1, global = false) {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.tabs.length = 0;
  fake.badges.clear();
  fake.origins.length = 0;
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const orgState = await import('../../../../src/background/orgs/org-state');
  const router = createRouter(handlers);
  const send = (name: string, request: object) => router({ name, request }, POPUP);
  if (profiles > 0) await handlers['vault/create']({ passphrase: PASSPHRASE, profile: key(1) });
  for (let n = 2; n <= profiles; n++) await handlers['profiles/add']({ profile: key(n) });
  if (global) {
    fake.origins.push(`${OPS}/*`);
    await handlers['profiles/add']({ profile: globalKey() });
  }
  const list = profiles > 0 ? await handlers['profiles/list']({}) : [];
  api.calls.length = 0;
  return { handlers, send, lockNow, orgState, profiles: list };
}

export type DashboardWorker = Awaited<ReturnType<typeof dashboardWorker>>;

export const statuses = (fake: FakeBrowser) =>
  (fake.storage.data.local.get('orgStatus') ?? {}) as Record<string, Record<string, unknown>>;
