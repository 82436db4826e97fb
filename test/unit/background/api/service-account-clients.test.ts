// Service accounts through the worker's real handlers, token client and API clients, against the real sandbox over
// HTTP (the fixed https://cloud.mongodb.com address is rewritten to it): a service account is saved (identified by
// `GET /orgs` with Bearer, as a key), links, checks and unlinks with one shared token; many concurrent calls make one
// token request; a restarted worker reuses the token kept in storage.session; the lock wipes it; a wrong or expired
// secret, a refused Bearer token and the account's access list and role are told as the service account's errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const PASSPHRASE = 'a passphrase 123';
const TOKEN_PATH = '/api/oauth/token';

let sb: Sandbox;
/** Every access token the sandbox issued to the worker, read from the token endpoint's answers. */
const issued = new Set<string>();

beforeAll(async () => {
  // The token endpoint's 10-a-minute limit is the token client's own tests' business: here every test saves a key.
  sb = await startSandbox({ httpsPort: 0, httpPort: 0, serviceAccountTokenRequestsPerMinute: 1000 });
  vi.stubGlobal(
    'fetch',
    sandboxFetch(
      () => sb,
      async (url, _init, response) => {
        if (url.endsWith(TOKEN_PATH) && response.ok) issued.add(JSON.parse(await response.clone().text()).access_token);
      },
    ),
  );
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

const account = (name: string) => sb.fixture.serviceAccounts!.find((a) => a.name === name)!;
const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;
const ACME = () => orgNamed('Acme Retail');
const ACME_ATLAS = () => orgNamed('Acme Retail (Atlas)');
const LINK_TOKEN = () => sb.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

const serviceAccount = (name: string, label: string, extra: object = {}) => ({
  label,
  publicKey: account(name).clientId,
  privateKey: account(name).clientSecret,
  credential: 'service-account',
  ...extra,
});

/** The worker's modules, fresh (a worker start): storage is kept unless `wipe`. */
async function boot(options: { wipe: boolean }) {
  if (options.wipe) {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
  }
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { apiFor } = await import('../../../../src/background/api/api-clients');
  const { readContents } = await import('../../../../src/background/vault/vault-store');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  return { send, apiFor, readContents };
}

/** A new vault holding the Acme Retail service account. */
async function worker() {
  const w = await boot({ wipe: true });
  const created = await w.send('vault/create', {
    passphrase: PASSPHRASE,
    profile: serviceAccount('serviceaccount', 'Acme'),
  });
  expect(created.error).toBeUndefined();
  return w;
}

const tokenRequests = () => sb.log.filter((e) => e.path === TOKEN_PATH);
// The revokes a lock sends are not API calls (they may land after the log was cleared).
const apiRequests = () => sb.log.filter((e) => !e.path.startsWith('/api/oauth/'));
const storedTokens = () => fake.storage.data.session.get('oauthTokens') as Record<string, { accessToken: string }>;
const localText = () => JSON.stringify([...fake.storage.data.local.entries()]);

beforeEach(() => {
  sb.clearFaults();
  sb.setBearerRefusedPaths([]);
  issued.clear();
  sb.clearLog();
});

describe('a service account in the worker', () => {
  it('is saved after GET /orgs with its Bearer token names its org, and shows masked like a key', async () => {
    const w = await worker();
    const sa = account('serviceaccount');
    // One token request, then the identification calls, all with the account's token (no Digest challenge).
    expect(sb.log.map((e) => [e.method, e.path.split('?')[0], e.status, e.serviceAccount, e.username])).toEqual([
      ['POST', TOKEN_PATH, 200, sa.clientId, undefined],
      ['GET', '/api/public/v1.0/orgs', 200, sa.clientId, undefined],
      ['GET', `/api/public/v1.0/orgs/${ACME()}/groups`, 200, sa.clientId, undefined],
    ]);
    const [profile] = (await w.send('profiles/list')).value as Record<string, unknown>[];
    expect(profile).toMatchObject({
      label: 'Acme',
      credential: 'service-account',
      publicKey: sa.clientId,
      org: { id: ACME(), name: 'Acme Retail' },
      orgIds: [ACME()],
      maskedPrivateKey: `••••••••${sa.clientSecret.slice(-4)}`,
    });
    expect(JSON.stringify(profile)).not.toContain(sa.clientSecret);
    // The token is in storage.session (one record), never in storage.local; the secret is in neither in clear.
    expect(issued.size).toBe(1);
    expect(Object.values(storedTokens()).map((r) => r.accessToken)).toEqual([...issued]);
    expect(localText()).not.toContain([...issued][0]);
    expect(localText()).not.toContain(sa.clientSecret);
    expect(JSON.stringify(storedTokens())).not.toContain(sa.clientSecret);
  });

  it('links, checks and unlinks with the token it already holds: no token request, every call Bearer', async () => {
    const w = await worker();
    sb.clearLog();
    expect(await w.send('link/create', { orgId: ACME(), linkToken: LINK_TOKEN() })).toMatchObject({
      ok: true,
      value: { orgId: ACME(), status: 'SYNCED' },
    });
    expect((await w.send('link/status', { orgId: ACME() })).value).toMatchObject({ status: 'SYNCED' });
    expect((await w.send('link/delete', { orgId: ACME() })).value).toMatchObject({ status: 'NOT_LINKED' });
    expect(tokenRequests()).toEqual([]);
    expect(apiRequests().map((e) => [e.method, e.path.split('/').at(-1), e.status])).toEqual([
      ['POST', 'migrationLink', 201],
      ['GET', 'status', 200],
      ['DELETE', 'migrationLink', 204],
    ]);
    expect(apiRequests().every((e) => e.serviceAccount === account('serviceaccount').clientId && !e.username)).toBe(
      true,
    );
  });

  it('many concurrent calls without a token make exactly one token request', async () => {
    const w = await worker();
    // The lock wipes the token; after unlocking, twelve calls start at once.
    await w.send('vault/lock');
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    sb.clearLog();
    const profile = (await w.readContents()).profiles[0]!;
    const api = w.apiFor(profile);
    const answers = await Promise.all(Array.from({ length: 12 }, () => api.linkStatus(ACME())));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill('NOT_LINKED'));
    expect(tokenRequests().map((e) => e.status)).toEqual([200]);
    expect(apiRequests()).toHaveLength(12);
    expect(new Set(apiRequests().map((e) => e.serviceAccount))).toEqual(new Set([account('serviceaccount').clientId]));
  });

  it('a restarted worker calls with the token kept in storage.session: no token request', async () => {
    await worker();
    const before = storedTokens();
    expect(Object.keys(before)).toHaveLength(1);
    // The worker stops: its modules (and the token client's memory) are gone, storage.session stays.
    const restarted = await boot({ wipe: false });
    sb.clearLog();
    expect((await restarted.send('link/status', { orgId: ACME() })).value).toMatchObject({ status: 'NOT_LINKED' });
    expect(tokenRequests()).toEqual([]);
    // Not linked: the sandbox answers the status 404, the extension reads NOT_LINKED.
    expect(apiRequests().map((e) => [e.status, e.serviceAccount])).toEqual([[404, account('serviceaccount').clientId]]);
    expect(storedTokens()).toEqual(before);
  });

  it('the lock wipes the tokens from storage.session; the next call after unlocking asks again', async () => {
    const w = await worker();
    expect(Object.keys(storedTokens())).toHaveLength(1);
    await w.send('vault/lock');
    expect(fake.storage.data.session.has('oauthTokens')).toBe(false);
    const text = JSON.stringify([...fake.storage.data.session.entries(), ...fake.storage.data.local.entries()]);
    for (const token of issued) expect(text).not.toContain(token);
    // Locked: a call is refused before any request.
    sb.clearLog();
    expect((await w.send('link/status', { orgId: ACME() })).error?.kind).toBe('vault-locked');
    expect(sb.log).toEqual([]);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    expect((await w.send('link/status', { orgId: ACME() })).ok).toBe(true);
    expect(tokenRequests().map((e) => e.status)).toEqual([200]);
    expect(issued.size).toBe(2);
    expect(Object.values(storedTokens()).map((r) => r.accessToken)).toEqual([[...issued][1]]);
  });

  it('a token the server expired is renewed once and the call repeated', async () => {
    const w = await worker();
    // Every live token of the account expires now (earlier tests' ones too).
    expect(sb.expireServiceAccountTokens(account('serviceaccount').clientId)).toBeGreaterThan(0);
    sb.clearLog();
    expect((await w.send('link/status', { orgId: ACME() })).ok).toBe(true);
    expect(sb.log.map((e) => [e.path === TOKEN_PATH ? 'token' : 'status', e.status])).toEqual([
      ['status', 401],
      ['token', 200],
      ['status', 404],
    ]);
  });

  it('a wrong secret is bad-credentials (service-account), and nothing is saved', async () => {
    const w = await boot({ wipe: true });
    const reply = await w.send('vault/create', {
      passphrase: PASSPHRASE,
      profile: serviceAccount('serviceaccount', 'Acme', { privateKey: 'mdb_sa_sk_not-the-secret-of-this-account' }),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'bad-credentials', params: { variant: 'service-account' } },
    });
    expect(sb.log.map((e) => [e.path, e.status])).toEqual([[TOKEN_PATH, 401]]);
    expect((await w.send('context/get', {})).value).toMatchObject({ vault: 'empty' });
    expect(fake.storage.data.session.has('oauthTokens')).toBe(false);
  });

  it('an expired secret is bad-credentials (service-account-expired)', async () => {
    const w = await worker();
    const reply = await w.send('profiles/add', { profile: serviceAccount('expiredserviceaccount', 'Globex') });
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'bad-credentials', params: { variant: 'service-account-expired' } },
    });
    expect(((await w.send('profiles/list')).value as unknown[]).length).toBe(1);
  });

  it('Cloud Manager refusing Bearer on liveExport is bearer-refused, after one renewal', async () => {
    const w = await worker();
    sb.setBearerRefusedPaths(['/liveExport/']);
    sb.clearLog();
    const reply = await w.send('link/create', { orgId: ACME(), linkToken: LINK_TOKEN() });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bearer-refused', params: { variant: 'default' } } });
    // The held token refused: renewed once and the call repeated (it was not processed), then refused again.
    expect(sb.log.map((e) => [e.path === TOKEN_PATH ? 'token' : 'link', e.status])).toEqual([
      ['link', 401],
      ['token', 200],
      ['link', 401],
    ]);
    expect(sb.links.get(ACME())).toBeUndefined();
    const history = (await w.send('history/list', { orgId: ACME() })).value as { result: string }[];
    expect(history.map((h) => h.result)).toEqual(['bearer-refused']);
  });

  it("the account's access list and role are told as the service account's", async () => {
    const w = await worker();
    const sa = account('serviceaccount');
    const roles = sa.roles;
    try {
      sa.accessList = ['10.9.8.7'];
      expect((await w.send('link/status', { orgId: ACME() })).error).toMatchObject({
        kind: 'ip-not-allowed',
        params: { variant: 'service-account', ip: '127.0.0.1' },
      });
      sa.accessList = undefined;
      sa.roles = { [ACME()]: ['ORG_READ_ONLY'] };
      expect((await w.send('link/status', { orgId: ACME() })).error).toMatchObject({
        kind: 'not-org-owner',
        params: { variant: 'service-account' },
      });
    } finally {
      sa.accessList = undefined;
      sa.roles = roles;
    }
  });

  it('an Atlas service account is identified by the Atlas API and makes the link token another one posts', async () => {
    const w = await worker();
    const added = await w.send('profiles/add', {
      profile: serviceAccount('atlasserviceaccount', 'Acme', { side: 'atlas' }),
    });
    expect(added).toMatchObject({
      ok: true,
      value: { profile: { side: 'atlas', credential: 'service-account', org: { id: ACME_ATLAS() } } },
    });
    sb.clearLog();
    const before = sb.atlasTokens().length;
    expect(await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).toMatchObject({
      ok: true,
      value: { status: 'SYNCED' },
    });
    expect(
      sb
        .atlasTokens()
        .slice(before)
        .map((t) => t.linkedOrgIds),
    ).toEqual([[ACME()]]);
    // Both accounts' tokens were held since they were saved: two calls, each with its own account's token.
    expect(sb.log.map((e) => [e.method, e.path.split('/').at(-1), e.serviceAccount])).toEqual([
      ['POST', 'linkTokens', account('atlasserviceaccount').clientId],
      ['POST', 'migrationLink', account('serviceaccount').clientId],
    ]);
    expect(Object.keys(storedTokens())).toHaveLength(2);
  });

  it("a lock while Atlas answers a service account's token request: no link, no token asked for or stored after it (#30)", async () => {
    const w = await worker();
    expect(
      (await w.send('profiles/add', { profile: serviceAccount('atlasserviceaccount', 'Acme', { side: 'atlas' }) })).ok,
    ).toBe(true);
    const inner = globalThis.fetch;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let atlasAnswered!: () => void;
    const held = new Promise<void>((resolve) => {
      atlasAnswered = resolve;
    });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await inner(input, init);
      if (String(input).includes('/liveMigrations/linkTokens') && response.ok) {
        atlasAnswered();
        await released;
      }
      return response;
    });
    try {
      const before = sb.atlasTokens().length;
      const reply = w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
      await held;
      expect((await w.send('vault/lock')).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the lock's revokes
      sb.clearLog();
      release();
      expect(await reply).toMatchObject({ ok: false, error: { kind: 'vault-locked' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // No token request, no link: nothing at all went out after the lock.
      expect(sb.log).toEqual([]);
      expect(
        sb
          .atlasTokens()
          .slice(before)
          .map((t) => t.linkedOrgIds),
      ).toEqual([[]]);
      expect(storedTokens()).toBeUndefined();
      expect(JSON.stringify([...fake.storage.data.session.entries()])).not.toMatch(/accessToken/);
      // A client of the locked session sends nothing, whoever holds it: the vault's key pair is still known here.
      const orgAccount = {
        id: 'sa',
        ...serviceAccount('serviceaccount', 'Acme'),
        baseUrl: 'https://cloud.mongodb.com',
        orgIds: [ACME()],
      } as never;
      await expect(w.apiFor(orgAccount).linkStatus(ACME())).rejects.toMatchObject({ kind: 'vault-locked' });
      expect(sb.log).toEqual([]);
      expect(storedTokens()).toBeUndefined();
      // After the next unlock, the account asks for a token again and it is kept.
      expect((await w.send('vault/unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
      expect((await w.send('link/status', { orgId: ACME() })).ok).toBe(true);
      expect(Object.keys(storedTokens())).toHaveLength(1);
    } finally {
      release();
      vi.stubGlobal('fetch', inner);
    }
  });
});
