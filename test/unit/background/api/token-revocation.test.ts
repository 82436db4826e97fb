// Service accounts' tokens are revoked, not only forgotten, through the worker's real handlers against the sandbox:
// the lock (manual, and the auto-lock alarm in a restarted worker) revokes every live token of every service account
// in the vault, each with its own secret, and nothing else; removing a key pair revokes its tokens only; a new secret
// revokes the old one's tokens with the old secret. The lock never waits for a revoke (one that hangs or fails leaves
// it whole), nothing is written to storage after the lock, and no failure is logged.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const PASSPHRASE = 'a passphrase 123';
const TOKEN_PATH = '/api/oauth/token';
const REVOKE_PATH = '/api/oauth/revoke';

let sb: Sandbox;
/** Tokens the sandbox issued to the worker in this test; revokes the worker sent (Basic header, token). */
const issued = new Set<string>();
const revokes: [string, string][] = [];
/** How the revocation endpoint behaves: the sandbox's answer, or a request that never ends, or a network failure. */
let revokeMode: 'sandbox' | 'hang' | 'fail' = 'sandbox';

beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0, serviceAccountTokenRequestsPerMinute: 1000 });
  const toSandbox = sandboxFetch(
    () => sb,
    async (url, _init, response) => {
      if (url.endsWith(TOKEN_PATH) && response.ok) issued.add(JSON.parse(await response.clone().text()).access_token);
    },
  );
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith(REVOKE_PATH)) {
      const token = new URLSearchParams(String(init?.body)).get('token') ?? '';
      revokes.push([new Headers(init?.headers).get('authorization') ?? '', token]);
      if (revokeMode === 'hang') return new Promise<Response>(() => undefined);
      if (revokeMode === 'fail') throw new TypeError('fetch failed');
    }
    return toSandbox(input, init);
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

const account = (name: string) => sb.fixture.serviceAccounts!.find((a) => a.name === name)!;
const ACME = () => sb.fixture.orgs.find((o) => o.name === 'Acme Retail')!.id;
const basicOf = (name: string, secret = account(name).clientSecret) =>
  `Basic ${Buffer.from(`${account(name).clientId}:${secret}`).toString('base64')}`;
const serviceAccount = (name: string, extra: object = {}) => ({
  label: name,
  publicKey: account(name).clientId,
  privateKey: account(name).clientSecret,
  credential: 'service-account',
  ...extra,
});
type Reply = { ok: boolean; value?: unknown; error?: { kind: string } };

/** The worker's modules, fresh (a worker start): storage is kept unless `wipe`. */
async function boot(options: { wipe: boolean }) {
  if (options.wipe) {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
  }
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { onAlarm } = await import('../../../../src/background/vault/auto-lock');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  return { send, onAlarm };
}

/** A vault holding the Cloud Manager service account and the Atlas one, each with the token it was identified with. */
async function worker() {
  const w = await boot({ wipe: true });
  expect((await w.send('vault/create', { passphrase: PASSPHRASE, profile: serviceAccount('serviceaccount') })).ok).toBe(
    true,
  );
  const atlas = await w.send('profiles/add', { profile: serviceAccount('atlasserviceaccount', { side: 'atlas' }) });
  expect(atlas.ok).toBe(true);
  expect(issued.size).toBe(2);
  return w;
}

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);
/** The sandbox's view of a token this test was issued: 'live', 'revoked' or 'expired'. */
function stateOf(token: string): string {
  const record = sb.serviceAccountTokens().find((r) => r.fingerprint === fingerprint(token))!;
  if (record.revoked) return 'revoked';
  return record.expiresAt > Date.now() ? 'live' : 'expired';
}
const storedTokens = () => (fake.storage.data.session.get('oauthTokens') ?? {}) as Record<string, unknown>;
const tokenOf = (name: string) =>
  [...issued].find((t) => JSON.parse(atob(t.split('.')[1]!)).sub === account(name).clientId)!;

/** Every storage write (set or remove, either area) made from now on. */
function watchWrites() {
  const writes: string[] = [];
  for (const area of ['local', 'session'] as const) {
    const store = fake.storage[area];
    const { set, remove } = store;
    vi.spyOn(store, 'set').mockImplementation((items) => {
      writes.push(`${area}.set ${Object.keys(items)}`);
      return set(items);
    });
    vi.spyOn(store, 'remove').mockImplementation((keys) => {
      writes.push(`${area}.remove ${keys}`);
      return remove(keys);
    });
  }
  return writes;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(() => {
  issued.clear();
  revokes.length = 0;
  revokeMode = 'sandbox';
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the lock revokes', () => {
  it('every live token of every service account, each with its own secret; the sandbox counts none live', async () => {
    await worker();
    // The Cloud Manager account's token nears its end: a restarted worker renews it, and the one it replaces lives on.
    const table = storedTokens() as Record<string, { accessToken: string; obtainedAt: number; expiresAt: number }>;
    const cmKey = Object.keys(table).find((k) => table[k]!.accessToken === tokenOf('serviceaccount'))!;
    table[cmKey] = { ...table[cmKey]!, obtainedAt: Date.now() - 3_570_000, expiresAt: Date.now() + 30_000 };
    fake.storage.data.session.set('oauthTokens', table);
    const w = await boot({ wipe: false });
    const first = tokenOf('serviceaccount');
    expect((await w.send('link/status', { orgId: ACME() })).ok).toBe(true);
    expect(issued.size).toBe(3);
    const renewed = [...issued].at(-1)!;
    expect([first, renewed].map(stateOf)).toEqual(['live', 'live']);
    const atlas = tokenOf('atlasserviceaccount');

    expect(await w.send('vault/lock')).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(revokes).toHaveLength(3));
    expect(revokes.sort()).toEqual(
      [
        [basicOf('serviceaccount'), first],
        [basicOf('serviceaccount'), renewed],
        [basicOf('atlasserviceaccount'), atlas],
      ].sort(),
    );
    await vi.waitFor(() => expect([first, renewed, atlas].map(stateOf)).toEqual(['revoked', 'revoked', 'revoked']));
    expect(sb.log.filter((e) => e.path === REVOKE_PATH).map((e) => e.status)).toEqual([200, 200, 200]);
  });

  it('a token refused on one path only (a Preview refusing Bearer there) is dropped, yet revoked at the lock', async () => {
    const w = await worker();
    sb.setBearerRefusedPaths(['/liveExport/migrationLink']);
    try {
      expect((await w.send('link/status', { orgId: ACME() })).error?.kind).toBe('bearer-refused');
    } finally {
      sb.setBearerRefusedPaths([]);
    }
    const cmTokens = [...issued].filter(
      (t) => JSON.parse(atob(t.split('.')[1]!)).sub === account('serviceaccount').clientId,
    );
    expect(cmTokens.map(stateOf)).toEqual(['live', 'live']);
    await w.send('vault/lock');
    await vi.waitFor(() => expect(revokes).toHaveLength(3));
    expect(revokes.map(([, token]) => token).sort()).toEqual([...issued].sort());
    await vi.waitFor(() => expect([...issued].map(stateOf)).toEqual(['revoked', 'revoked', 'revoked']));
  });

  it('on the auto-lock alarm in a restarted worker, from the key and tokens storage.session kept', async () => {
    await worker();
    const restarted = await boot({ wipe: false });
    await restarted.onAlarm({ name: 'auto-lock' });
    expect(fake.storage.data.session.has('oauthTokens')).toBe(false);
    await vi.waitFor(() => expect(revokes).toHaveLength(2));
    expect(revokes.map(([, token]) => token).sort()).toEqual([...issued].sort());
    await vi.waitFor(() => expect([...issued].map(stateOf)).toEqual(['revoked', 'revoked']));
  });

  it('no token held: nothing is sent, and an expired token is not revoked', async () => {
    await worker();
    const table = storedTokens() as Record<string, { expiresAt: number; obtainedAt: number }>;
    for (const record of Object.values(table)) Object.assign(record, { obtainedAt: 0, expiresAt: 1 });
    fake.storage.data.session.set('oauthTokens', table);
    const w = await boot({ wipe: false });
    await w.send('vault/lock');
    await settle();
    expect(revokes).toEqual([]);
    await w.send('vault/lock');
    await settle();
    expect(revokes).toEqual([]);
  });

  it.each(['hang', 'fail'] as const)(
    'a revoke that %ss leaves the lock whole: locked at once, nothing written after it, nothing logged',
    async (mode) => {
      const w = await worker();
      revokeMode = mode;
      const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation(() => undefined),
      );
      const started = performance.now();
      const reply = await w.send('vault/lock');
      const writes = watchWrites();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(reply.ok).toBe(true);
      expect(fake.storage.data.session.has('oauthTokens')).toBe(false);
      expect(fake.storage.data.session.has('vaultKey')).toBe(false);
      await vi.waitFor(() => expect(revokes).toHaveLength(2));
      await settle();
      expect(writes).toEqual([]);
      for (const spy of logged) expect(spy).not.toHaveBeenCalled();
      // The tokens stay live on the server: the lock gave them up, as it would a server that cannot be reached.
      expect([...issued].map(stateOf)).toEqual(['live', 'live']);
    },
  );
});

describe('a key pair leaving the vault', () => {
  it('removed: its tokens are revoked with its secret and forgotten; the other account keeps its own', async () => {
    const w = await worker();
    const profiles = (await w.send('profiles/list')).value as { id: string; publicKey: string }[];
    const cm = profiles.find((p) => p.publicKey === account('serviceaccount').clientId)!;
    const writes = watchWrites();
    expect((await w.send('profiles/remove', { profileId: cm.id })).ok).toBe(true);
    await vi.waitFor(() => expect(revokes).toHaveLength(1));
    expect(revokes).toEqual([[basicOf('serviceaccount'), tokenOf('serviceaccount')]]);
    await vi.waitFor(() => expect(stateOf(tokenOf('serviceaccount'))).toBe('revoked'));
    expect(stateOf(tokenOf('atlasserviceaccount'))).toBe('live');
    expect(Object.values(storedTokens())).toEqual([
      expect.objectContaining({ accessToken: tokenOf('atlasserviceaccount') }),
    ]);
    expect(writes.filter((x) => x.startsWith('session.set oauthTokens'))).toHaveLength(1);
    // The lock then revokes the one left, and only it.
    revokes.length = 0;
    await w.send('vault/lock');
    await vi.waitFor(() => expect(revokes).toHaveLength(1));
    expect(revokes).toEqual([[basicOf('atlasserviceaccount'), tokenOf('atlasserviceaccount')]]);
  });

  it("given a new secret: the old secret's tokens are revoked with the old secret, the new one's kept", async () => {
    const w = await worker();
    const sa = account('serviceaccount');
    const oldSecret = sa.clientSecret;
    const oldToken = tokenOf('serviceaccount');
    const profiles = (await w.send('profiles/list')).value as { id: string; publicKey: string }[];
    const cm = profiles.find((p) => p.publicKey === sa.clientId)!;
    // The account's secret is rotated at MongoDB; the sandbox knows one secret at a time, so it answers the old
    // secret's revoke 401 here: what is checked is what the worker sent.
    const newSecret = `${oldSecret.slice(0, -4)}ROT8`;
    sa.clientSecret = newSecret;
    try {
      expect((await w.send('profiles/update', { profileId: cm.id, patch: { privateKey: newSecret } })).ok).toBe(true);
      const newToken = [...issued].at(-1)!;
      expect(newToken).not.toBe(oldToken);
      await vi.waitFor(() => expect(revokes).toHaveLength(1));
      expect(revokes).toEqual([[basicOf('serviceaccount', oldSecret), oldToken]]);
      expect(stateOf(newToken)).toBe('live');
      expect(
        Object.values(storedTokens())
          .map((r) => (r as { accessToken: string }).accessToken)
          .sort(),
      ).toEqual([tokenOf('atlasserviceaccount'), newToken].sort());
      // A label change keeps the key: nothing is revoked.
      revokes.length = 0;
      expect((await w.send('profiles/update', { profileId: cm.id, patch: { label: 'Renamed' } })).ok).toBe(true);
      await settle();
      expect(revokes).toEqual([]);
    } finally {
      sa.clientSecret = oldSecret;
    }
  });
});

describe('sendRevocations', () => {
  it('abandons a revoke that never answers after REVOKE_TIMEOUT_MS, and settles without an error', async () => {
    const { REVOKE_TIMEOUT_MS, sendRevocations } = await import('../../../../src/background/api/token-revocation');
    expect(REVOKE_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    revokeMode = 'hang';
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const credentials = { clientId: 'mdb_sa_id_x', clientSecret: 'mdb_sa_sk_secret' };
      const tokenUrl = 'https://cloud.mongodb.com/api/oauth/token';
      void sendRevocations([{ key: 'k', tokenUrl, credentials, accessToken: 'tok-1' }]).then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(REVOKE_TIMEOUT_MS - 1);
      expect([settled, revokes.length]).toEqual([false, 1]);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
