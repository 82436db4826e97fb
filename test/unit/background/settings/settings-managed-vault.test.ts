// The organization's policy where the vault meets it, through the router: the export refused when turned off; a
// key pair of an Ops Manager server the policy does not list refused when added, created, edited to it, restored or
// merged from a backup (nothing changes), and when a key pair saved before the policy is used; with no call to that
// server. The Cloud Manager clients are ./fake-cloud's, guarded as api-clients.ts guards the real ones.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('../vault/fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => {
  type Key = Parameters<typeof cloud.module.apiFor>[0];
  // The guard of this worker life (imported at call time: each test's worker is a fresh set of modules).
  const guarded = (key: Key) => {
    const api = cloud.module.apiFor(key);
    const call =
      (name: keyof typeof api) =>
      async (...args: never[]) => {
        const { onAllowedServerOnly } = await import('../../../../src/background/settings/managed-settings');
        return (onAllowedServerOnly(key.baseUrl, api)[name] as (...a: never[]) => unknown)(...args);
      };
    return Object.fromEntries(Object.keys(api).map((name) => [name, call(name as keyof typeof api)]));
  };
  return { ...cloud.module, apiFor: guarded, apiForKey: guarded };
});

const PASSPHRASE = 'a passphrase 123';
const PAGE = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const ALLOWED = 'https://opsmanager.example.com:8443';
const REFUSED = 'https://opsmanager.elsewhere.example';
const key = (n: number, extra: object = {}) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
  ...extra,
});
const opsKey = (n: number, baseUrl: string) => key(n, { side: 'ops-manager', baseUrl });
const refusal = (server: string) => ({
  ok: false,
  error: { kind: 'server-not-allowed', params: { server, servers: ALLOWED } },
});

type Reply = { ok: boolean; value?: unknown; error?: unknown };

/** A worker over a vault of these key pairs (saved before any policy), then the policy installed. */
async function worker(keys: ReturnType<typeof key>[], policy?: Record<string, unknown>) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  delete fake.managed.policy;
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const router = createRouter(handlers);
  const send = (name: string, request: object = {}) => router({ name, request }, PAGE) as Promise<Reply>;
  const [first, ...rest] = keys;
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: first! });
  for (const k of rest) await handlers['profiles/add']({ profile: k });
  const { text: backup } = await handlers['backup/export']({});
  const list = async () => (await handlers['profiles/list']({})) as { id: string; label: string; baseUrl: string }[];
  if (policy) fake.managed.policy = policy;
  cloud.calls.length = 0;
  return { handlers, send, list, backup };
}

const stored = () => structuredClone(Object.fromEntries(fake.storage.data.local));
const callsWith = (n: number) => cloud.calls.filter((c) => c.includes(`abcdefg${n}`));

beforeEach(() => cloud.reset());

describe('backup export under the policy', () => {
  it('is refused when the organization turned it off, and works when it allows it or says nothing', async () => {
    const w = await worker([key(1)], { backupExportAllowed: false });
    expect(await w.send('backup/export')).toEqual({ ok: false, error: { kind: 'backup-export-off' } });
    fake.managed.policy = { backupExportAllowed: true };
    expect(await w.send('backup/export')).toMatchObject({ ok: true });
    delete fake.managed.policy;
    expect(await w.send('backup/export')).toMatchObject({ ok: true });
  });
});

describe('allowed Ops Manager servers', () => {
  const policy = { allowedOpsManagerServers: [ALLOWED] };

  it('refuses to add a key pair of another server, with no call to it; an allowed or Cloud Manager one is added', async () => {
    const w = await worker([key(1)], policy);
    const before = stored();
    expect(await w.send('profiles/add', { profile: opsKey(2, REFUSED) })).toEqual(refusal(REFUSED));
    expect(callsWith(2)).toEqual([]);
    expect(stored()).toEqual(before);
    expect(await w.send('profiles/add', { profile: opsKey(3, ALLOWED) })).toMatchObject({ ok: true });
    expect(await w.send('profiles/add', { profile: key(4) })).toMatchObject({ ok: true });
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Client 3', 'Client 4']);
  });

  it('refuses a new vault whose first key pair is of another server', async () => {
    await worker([key(1)], policy);
    fake.storage.data.local.clear();
    const { handlers } = await import('../../../../src/background/messaging/handlers');
    const { createRouter } = await import('../../../../src/background/messaging/router');
    const reply = await createRouter(handlers)(
      { name: 'vault/create', request: { passphrase: PASSPHRASE, profile: opsKey(2, REFUSED) } },
      PAGE,
    );
    expect(reply).toEqual(refusal(REFUSED));
    expect(fake.storage.data.local.has('vault')).toBe(false);
  });

  it('an empty list refuses every Ops Manager server, and says it allows none', async () => {
    const w = await worker([key(1)], { allowedOpsManagerServers: [] });
    expect(await w.send('profiles/add', { profile: opsKey(2, ALLOWED) })).toEqual({
      ok: false,
      error: { kind: 'server-not-allowed', params: { server: ALLOWED, variant: 'none' } },
    });
  });

  it('refuses an edit that moves a key pair to another server; a rename of it is no use and goes through', async () => {
    const w = await worker([key(1), opsKey(2, ALLOWED)], policy);
    const ops = (await w.list()).find((p) => p.label === 'Client 2')!;
    expect(await w.send('profiles/update', { profileId: ops.id, patch: { baseUrl: REFUSED } })).toEqual(
      refusal(REFUSED),
    );
    expect((await w.list()).find((p) => p.id === ops.id)!.baseUrl).toBe(ALLOWED);
    expect(await w.send('profiles/update', { profileId: ops.id, patch: { label: 'Renamed' } })).toMatchObject({
      ok: true,
    });
  });

  it('refuses to use a key pair saved before the policy, with no call to its server', async () => {
    const w = await worker([key(1), opsKey(2, REFUSED)], policy);
    const old = (await w.list()).find((p) => p.label === 'Client 2')!;
    expect(await w.send('profiles/test', { profileId: old.id })).toEqual(refusal(REFUSED));
    expect(callsWith(2)).toEqual([]);
    // The key pair stays (the user may delete it, or the admin allow its server).
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Client 2']);
    delete fake.managed.policy;
    expect(await w.send('profiles/test', { profileId: old.id })).toMatchObject({ ok: true });
  });

  it('refuses to preview, merge or restore a backup holding a key pair of another server; nothing changes', async () => {
    const w = await worker([key(1), opsKey(2, REFUSED)]);
    const holder = w.backup;
    // Today's vault: only key pair 1; the policy comes after the backup was made.
    await w.handlers['profiles/remove']({ profileId: (await w.list())[1]!.id });
    fake.managed.policy = policy;
    const before = stored();
    const request = { text: holder, passphrase: PASSPHRASE };
    expect(await w.send('backup/preview', request)).toEqual(refusal(REFUSED));
    expect(await w.send('backup/import', { ...request, mode: 'merge' })).toEqual(refusal(REFUSED));
    expect(await w.send('backup/import', { ...request, mode: 'replace' })).toEqual(refusal(REFUSED));
    expect(stored()).toEqual(before);
    // A backup of allowed servers only is restored as before.
    fake.managed.policy = { allowedOpsManagerServers: [REFUSED] };
    expect(await w.send('backup/import', { ...request, mode: 'replace' })).toMatchObject({ ok: true });
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Client 2']);
  });
});
