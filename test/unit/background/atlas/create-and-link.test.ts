// Create-and-link through the worker's real handlers, Digest layer and API clients, against the real sandbox over
// HTTP (the fixed https://cloud.mongodb.com address is rewritten to it): the token is made with the client's Atlas
// key pair and posted with the org's own key pair; three requests cold (one challenge: one server, one realm), two warm; a failed link keeps the token in
// memory so the retry posts the same one (the sandbox sees one token made); nothing of a token reaches storage,
// the answer or history; lock and revoke drop a held token; the wrong client's Atlas org is refused before any call.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { noteLinkTokens, sandboxFetch } from '../../../support/sandbox-fetch';
import { atlasCall } from '../../sandbox/atlas-client';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const PASSPHRASE = 'a passphrase 123';

let sb: Sandbox;
/** Every link token that went over the wire, in either direction (read from request and answer bodies). */
const seenTokens = new Set<string>();

beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  vi.stubGlobal(
    'fetch',
    sandboxFetch(() => sb, noteLinkTokens(seenTokens)),
  );
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

const fixtureKey = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;
const ACME = () => orgNamed('Acme Retail');
const ACME_ATLAS = () => orgNamed('Acme Retail (Atlas)');
const GLOBEX_ATLAS = () => orgNamed('Globex Logistics (Atlas)');

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const pending = await import('../../../../src/background/atlas/pending-tokens');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const key = (name: string, label: string, side?: string) => ({
    label,
    publicKey: fixtureKey(name).publicKey,
    privateKey: fixtureKey(name).privateKey,
    ...(side ? { side } : {}),
  });
  const created = await send('vault/create', { passphrase: PASSPHRASE, profile: key('owner', 'Acme') });
  expect(JSON.stringify(created.error)).toBeUndefined();
  for (const [name, label] of [
    ['atlas', 'Acme'],
    ['atlasglobex', 'Globex'],
  ]) {
    const added = await send('profiles/add', { profile: key(name!, label!, 'atlas') });
    expect(added.error).toBeUndefined();
  }
  sb.clearLog();
  return { send, pending };
}

/** Everything the fake browser's storage holds, as one text. */
const storedText = () => JSON.stringify([...fake.storage.data.local.entries(), ...fake.storage.data.session.entries()]);

/**
 * Holds the first answer `matches` picks until released, with the sandbox's fetch around it: the worker's fetch is
 * the global one, so what it sends after the lock still reaches the sandbox's log.
 */
function holdAnswer(matches: (url: string, init: RequestInit | undefined, response: Response) => boolean) {
  const inner = globalThis.fetch;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heldOne: () => void;
  const held = new Promise<void>((resolve) => {
    heldOne = resolve;
  });
  let done = false;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await inner(input, init);
    if (!done && matches(String(input), init, response)) {
      done = true;
      heldOne();
      await released;
    }
    return response;
  });
  return {
    held,
    release: () => {
      release();
      vi.stubGlobal('fetch', inner);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const fingerprintOf = async (token: string) =>
  (await import('../../../../src/core/cloudmanager')).tokenFingerprint(token);

beforeEach(() => {
  fake.origins.length = 0;
  sb.clearFaults();
  seenTokens.clear();
});

describe('create-and-link', () => {
  it('makes the token with the client Atlas key pair, links with the org key pair: 3 requests cold, 2 warm', async () => {
    const w = await worker();
    // Cold: a lock forgets every nonce (the key pairs' identification left them warm).
    await w.send('vault/lock');
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    sb.clearLog();
    const before = sb.atlasTokens().length;
    const reply = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(reply).toMatchObject({ ok: true, value: { orgId: ACME(), status: 'SYNCED', atlasOrgId: ACME_ATLAS() } });
    const made = sb.atlasTokens().slice(before);
    expect(made.map((t) => [t.atlasOrgId, t.linkedOrgIds])).toEqual([[ACME_ATLAS(), [ACME()]]]);
    // Cold: one challenge, then the token request signed by the Atlas key and the link signed by the org's own key.
    // Both APIs are one server with one realm, so the second key signs with the nonce the first one learnt: 3
    // requests, under the target of 4 (one challenge per side).
    expect(sb.log.map((e) => [e.method, e.status, e.username ?? '-', e.path.split('/').at(-1)])).toEqual([
      ['POST', 401, '-', 'linkTokens'],
      ['POST', 201, fixtureKey('atlas').publicKey, 'linkTokens'],
      ['POST', 201, fixtureKey('owner').publicKey, 'migrationLink'],
    ]);
    // The nonce is shared per server when the server allows it: warm, one signed request per side.
    await w.send('link/delete', { orgId: ACME() });
    sb.clearLog();
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    expect(sb.log.map((e) => [e.method, e.status])).toEqual([
      ['POST', 201],
      ['POST', 201],
    ]);
    expect(w.pending.pendingCount()).toBe(0);
  });

  it('a failed link keeps the token for the retry, which posts the same one: one token made for two attempts', async () => {
    const w = await worker();
    const before = sb.atlasTokens().length;
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    const failed = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(failed).toMatchObject({ ok: false, error: { kind: 'server-error' } });
    expect(w.pending.pendingCount()).toBe(1);
    const context = (await w.send('context/get', { url: `https://cloud.mongodb.com/v2#/org/${ACME()}/projects` }))
      .value as { atlasTargets: { atlasOrgId: string; pendingUntil?: number }[] };
    const target = context.atlasTargets.find((t) => t.atlasOrgId === ACME_ATLAS());
    expect(target?.pendingUntil).toBeGreaterThan(Date.now() + 9 * 60_000);
    // The Atlas org's page says the same of the client's org.
    const atlasPage = (
      await w.send('context/get', { url: `https://cloud.mongodb.com/v2#/org/${ACME_ATLAS()}/projects` })
    ).value as { atlasPage: { clientOrgs: { orgId: string; pendingUntil?: number }[] } };
    expect(atlasPage.atlasPage.clientOrgs).toMatchObject([{ orgId: ACME(), pendingUntil: target?.pendingUntil }]);

    const retried = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(retried).toMatchObject({ ok: true, value: { status: 'SYNCED' } });
    expect(
      sb
        .atlasTokens()
        .slice(before)
        .map((t) => t.linkedOrgIds),
    ).toEqual([[ACME()]]);
    expect(w.pending.pendingCount()).toBe(0);
    // The token crossed the wire, and is nowhere in storage (history, status records, fingerprints).
    expect(seenTokens.size).toBe(1);
    for (const token of seenTokens) {
      expect(storedText()).not.toContain(token);
      expect(JSON.stringify([failed, retried, context])).not.toContain(token);
    }
    const history = (await w.send('history/list', { orgId: ACME() })).value as { operation: string; ok: boolean }[];
    expect(history.map((h) => [h.operation, h.ok])).toEqual([
      ['link', true],
      ['link', false],
    ]);
  });

  it('locking the vault forgets a held token: the retry after unlocking makes a new one', async () => {
    const w = await worker();
    const before = sb.atlasTokens().length;
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(false);
    expect(w.pending.pendingCount()).toBe(1);
    await w.send('vault/lock');
    expect(w.pending.pendingCount()).toBe(0);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    expect(sb.atlasTokens().slice(before)).toHaveLength(2);
    // Atlas holds two tokens, the first neither linked nor revoked: history says so, by fingerprint (#30 item 8).
    const [first, second] = sb.atlasTokens().slice(before);
    expect([first!.linkedOrgIds, first!.revoked, second!.linkedOrgIds]).toEqual([[], false, [ACME()]]);
    const [firstToken, secondToken] = [...seenTokens];
    const history = (await w.send('history/list', { orgId: ACME() })).value as Record<string, unknown>[];
    expect(history.map((h) => [h.result, h.tokenFingerprint])).toEqual([
      ['SYNCED', await fingerprintOf(secondToken!)],
      ['token-unused', await fingerprintOf(firstToken!)],
      ['server-error', await fingerprintOf(firstToken!)],
    ]);
    expect(history[1]).toMatchObject({
      operation: 'link',
      ok: false,
      orgName: 'Acme Retail',
      atlasOrgId: ACME_ATLAS(),
      tokenSource: 'created',
      profileLabel: 'Acme',
      publicKey: fixtureKey('atlas').publicKey,
    });
    expect(storedText()).not.toContain(firstToken);
  });

  it('a lock while Atlas answers the token request: the link is not posted, the token not held, no nonce written (#30)', async () => {
    const w = await worker();
    const before = sb.atlasTokens().length;
    const atlasAnswer = holdAnswer(
      (url, init, response) => url.includes('/liveMigrations/linkTokens') && init?.method === 'POST' && response.ok,
    );
    const reply = w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    await atlasAnswer.held;
    expect((await w.send('vault/lock')).ok).toBe(true);
    sb.clearLog();
    atlasAnswer.release();
    expect(await reply).toMatchObject({ ok: false, error: { kind: 'vault-locked' } });
    await settle();
    // Nothing sent after the lock: no challenge, no signed link.
    expect(sb.log).toEqual([]);
    expect(
      sb
        .atlasTokens()
        .slice(before)
        .map((t) => t.linkedOrgIds),
    ).toEqual([[]]);
    // Nothing held, nothing stored in the session.
    expect(w.pending.pendingCount()).toBe(0);
    expect(fake.storage.data.session.get('digestNonces')).toBeUndefined();
    expect(fake.storage.data.session.get('vaultKey')).toBeUndefined();
    for (const token of seenTokens) expect(storedText()).not.toContain(token);
    // The token Atlas made is valid there and was never used: history says so (#30 item 8).
    const [made] = [...seenTokens];
    const history = (await w.send('history/list', { orgId: ACME() })).value as Record<string, unknown>[];
    expect(history.map((h) => [h.result, h.tokenFingerprint ?? null])).toEqual([
      ['vault-locked', null],
      ['token-unused', await fingerprintOf(made!)],
    ]);
    // The next unlock opens the clients again: the next create-and-link makes a token and links.
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    expect(await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).toMatchObject({ ok: true });
    expect(fake.storage.data.session.get('digestNonces')).toBeDefined();
  });

  it('a lock after a Digest challenge arrived: the signed request is not sent, the call ends vault-locked (#30)', async () => {
    const w = await worker();
    // Cold: the status check starts with an unsigned probe, answered by a challenge.
    await w.send('vault/lock');
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    sb.clearLog();
    const challenge = holdAnswer((url, _init, response) => url.includes('/migrationLink') && response.status === 401);
    const reply = w.send('link/status', { orgId: ACME() });
    await challenge.held;
    await w.send('vault/lock');
    sb.clearLog();
    challenge.release();
    expect(await reply).toMatchObject({ ok: false, error: { kind: 'vault-locked' } });
    await settle();
    expect(sb.log).toEqual([]);
    expect(fake.storage.data.session.get('digestNonces')).toBeUndefined();
  });

  it('a token Atlas answers after a lock is not kept for a retry when the link would fail (#30)', async () => {
    const w = await worker();
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    const atlasAnswer = holdAnswer(
      (url, init, response) => url.includes('/liveMigrations/linkTokens') && init?.method === 'POST' && response.ok,
    );
    const reply = w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    await atlasAnswer.held;
    await w.send('vault/lock');
    atlasAnswer.release();
    expect((await reply).ok).toBe(false);
    await settle();
    // Not held for ten minutes after the lock: not held at all.
    expect(w.pending.pendingCount()).toBe(0);
    expect(w.pending.pendingUntil(ACME(), ACME_ATLAS())).toBeUndefined();
    // And a link already running when the lock came keeps nothing either.
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    const linkAnswer = holdAnswer((url, init) => url.includes('/migrationLink') && init?.method === 'POST');
    const failing = w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    await linkAnswer.held;
    await w.send('vault/lock');
    linkAnswer.release();
    expect((await failing).ok).toBe(false);
    expect(w.pending.pendingCount()).toBe(0);
  });

  it('revoke removes the Atlas org token with its Atlas key pair, drops a held token, and is in history', async () => {
    const w = await worker();
    const before = sb.atlasTokens().length;
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(w.pending.pendingCount()).toBe(1);
    sb.clearLog();
    expect(await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() })).toEqual({
      ok: true,
      value: { outcome: 'revoked', checked: [], unchecked: [] },
    });
    expect(sb.log.filter((e) => e.status < 400).map((e) => [e.method, e.username, e.orgId])).toEqual([
      ['DELETE', fixtureKey('atlas').publicKey, ACME_ATLAS()],
    ]);
    expect(
      sb
        .atlasTokens()
        .slice(before)
        .map((t) => t.revoked),
    ).toEqual([true]);
    expect(w.pending.pendingCount()).toBe(0);
    const history = (await w.send('history/list', { orgId: ACME_ATLAS() })).value as Record<string, unknown>[];
    expect(history).toMatchObject([
      { operation: 'revoke-token', ok: true, result: 'revoked', orgName: 'Acme Retail (Atlas)', profileLabel: 'Acme' },
    ]);
  });

  it("refuses another client's Atlas org before any request, naming the client", async () => {
    const w = await worker();
    const reply = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: GLOBEX_ATLAS() });
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'no-atlas-key-pair', params: { client: 'Acme', atlasOrgId: GLOBEX_ATLAS() } },
    });
    expect(sb.log).toEqual([]);
    expect(await w.send('atlas/revoke', { atlasOrgId: ACME() })).toEqual({
      ok: false,
      error: { kind: 'no-atlas-key-pair', params: { atlasOrgId: ACME() } },
    });
    expect(sb.log).toEqual([]);
    // A malformed Atlas org id is refused as invalid input, before anything is read or sent.
    const { createAndLink } = await import('../../../../src/background/atlas/create-and-link');
    await expect(createAndLink({ orgId: ACME(), atlasOrgId: 'not-an-id' })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    expect(sb.log).toEqual([]);
  });

  it('a held token Atlas revoked meanwhile: the retry is refused as invalid-token and forgets it; the next makes one', async () => {
    const w = await worker();
    const before = sb.atlasTokens().length;
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(false);
    expect(w.pending.pendingCount()).toBe(1);
    // Someone removed the Atlas org's token in Atlas itself (not through this extension).
    const path = `/api/atlas/v2/orgs/${ACME_ATLAS()}/liveMigrations/linkTokens`;
    expect((await atlasCall(sb, 'atlas', 'DELETE', path)).status).toBe(204);
    const refused = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-token' } });
    expect(w.pending.pendingCount()).toBe(0);
    expect(w.pending.pendingUntil(ACME(), ACME_ATLAS())).toBeUndefined();
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    expect(
      sb
        .atlasTokens()
        .slice(before)
        .map((t) => [t.revoked, t.linkedOrgIds]),
    ).toEqual([
      [true, []],
      [false, [ACME()]],
    ]);
  });

  it('a revoke Atlas refuses keeps the held token and is in history as failed, with the kind', async () => {
    const w = await worker();
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(false);
    sb.setFaults([{ kind: 'server-error', match: { method: 'DELETE', pathIncludes: '/linkTokens' } }]);
    const reply = await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'server-error' } });
    expect(w.pending.pendingCount()).toBe(1);
    const history = (await w.send('history/list', { orgId: ACME_ATLAS() })).value as Record<string, unknown>[];
    expect(history).toMatchObject([
      {
        operation: 'revoke-token',
        ok: false,
        result: 'server-error',
        orgName: 'Acme Retail (Atlas)',
        profileLabel: 'Acme',
        publicKey: fixtureKey('atlas').publicKey,
        atlasOrgId: ACME_ATLAS(),
      },
    ]);
  });

  it('an Atlas key without Organization Owner: not-org-owner (Atlas), no link posted, nothing held', async () => {
    const w = await worker();
    await w.send('profiles/remove', {
      profileId: ((await w.send('profiles/list')).value as { id: string; publicKey: string }[]).find(
        (p) => p.publicKey === fixtureKey('atlas').publicKey,
      )!.id,
    });
    const member = fixtureKey('atlasmember');
    expect(
      (
        await w.send('profiles/add', {
          profile: { label: 'Acme', publicKey: member.publicKey, privateKey: member.privateKey, side: 'atlas' },
        })
      ).ok,
    ).toBe(true);
    sb.clearLog();
    const reply = await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'not-org-owner', params: { variant: 'atlas' } } });
    expect(sb.log.some((e) => e.path.includes('migrationLink'))).toBe(false);
    expect(w.pending.pendingCount()).toBe(0);
  });

  it('an Atlas key pair never signs a Cloud Manager call: a project page is not resolved with it', async () => {
    const w = await worker();
    const atlasId = ((await w.send('profiles/list')).value as { id: string; publicKey: string }[]).find(
      (p) => p.publicKey === fixtureKey('atlas').publicKey,
    )!.id;
    // A project no saved key pair knows (Globex's): the key pair the user names as its client would be asked.
    const group = sb.fixture.groups.find((g) => g.orgId === orgNamed('Globex Logistics'))!.id;
    const url = `https://cloud.mongodb.com/v2/${group}#/clusters`;
    const reply = await w.send('project/resolve', { url, profileId: atlasId });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'no-profile' } });
    expect(sb.log).toEqual([]);
  });

  it('refuses an Atlas org id that is none, and remembers nothing for an org no key pair serves', async () => {
    const w = await worker();
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: 'not-an-id' })).error?.kind).toBe('invalid-input');
    const stranger = orgNamed('Hooli Media');
    const reply = await w.send('atlas/link', { orgId: stranger, atlasOrgId: ACME_ATLAS() });
    expect(reply.error?.kind).toBe('no-profile');
    expect(storedText()).not.toContain(stranger);
    expect(sb.log).toEqual([]);
  });

  it("an Ops Manager org: the token carries the server's external addresses, and none saved stops before any call", async () => {
    const w = await worker();
    const ops = fixtureKey('opsmanager');
    const added = await w.send('profiles/add', {
      profile: {
        label: 'Acme',
        publicKey: ops.publicKey,
        privateKey: ops.privateKey,
        baseUrl: sb.httpUrl,
        side: 'ops-manager',
      },
    });
    expect(JSON.stringify(added.error)).toBeUndefined();
    const profileId = (added.value as { profile: { id: string } }).profile.id;
    const initech = orgNamed('Initech Finance');
    // The org's page on that Ops Manager server was opened: the org is known to be of that server.
    // (the user granted the extension that server's address when saving its key pair).
    fake.origins.push(`${sb.httpUrl}/*`);
    await w.send('context/get', { url: `${sb.httpUrl}/v2#/org/${initech}/projects` });
    sb.clearLog();
    const missing = await w.send('atlas/link', { orgId: initech, atlasOrgId: ACME_ATLAS(), profileId });
    expect(missing).toMatchObject({
      ok: false,
      error: { kind: 'access-list-ips-missing', params: { client: 'Acme' } },
    });
    expect(sb.log).toEqual([]);

    const edited = await w.send('profiles/update', {
      profileId,
      patch: { accessListIps: ['203.0.113.7', '198.51.100.0/24'] },
    });
    expect(JSON.stringify(edited.error)).toBeUndefined();
    const before = sb.atlasTokens().length;
    const linked = await w.send('atlas/link', { orgId: initech, atlasOrgId: ACME_ATLAS(), profileId });
    expect(linked).toMatchObject({ ok: true, value: { status: 'SYNCED' } });
    expect(sb.atlasTokens().slice(before)).toMatchObject([
      { atlasOrgId: ACME_ATLAS(), accessListIps: ['203.0.113.7', '198.51.100.0/24'], linkedOrgIds: [initech] },
    ]);
  });

  it('a revoke Atlas had nothing to remove for: its own outcome, in history as done, not as failed', async () => {
    const w = await worker();
    // Whatever earlier tests left with this Atlas org goes first.
    expect((await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    sb.clearLog();
    // The recorded answer: 404 UNEXPECTED_ERROR "Could not find the requested external organization link."
    const reply = await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() });
    expect(reply).toEqual({ ok: true, value: { outcome: 'nothing-to-revoke', checked: [], unchecked: [] } });
    // Nothing retried: one challenge, one signed DELETE.
    expect(sb.log.filter((e) => e.status !== 401).map((e) => [e.method, e.status])).toEqual([['DELETE', 404]]);
    const history = (await w.send('history/list', { orgId: ACME_ATLAS() })).value as Record<string, unknown>[];
    expect(history[0]).toMatchObject({ operation: 'revoke-token', ok: true, result: 'nothing-to-revoke' });
  });

  it('a revoke refused while a migration runs: migration-running naming the projects, in history as refused', async () => {
    const w = await worker();
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    const projects = ['eeeeeeeeeeeeeeeeeeeeeee5', 'fffffffffffffffffffffff6'];
    sb.setActiveMigrations(ACME_ATLAS(), projects);
    try {
      sb.clearLog();
      const reply = await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() });
      expect(reply).toMatchObject({
        ok: false,
        error: { kind: 'migration-running', params: { projects: projects.join(', ') } },
      });
      // No status check follows a refused revoke: nothing was removed.
      expect(sb.log.some((e) => e.method === 'GET')).toBe(false);
      const history = (await w.send('history/list', { orgId: ACME_ATLAS() })).value as Record<string, unknown>[];
      expect(history).toMatchObject([{ operation: 'revoke-token', ok: false, result: 'migration-running' }]);
    } finally {
      sb.setActiveMigrations(ACME_ATLAS(), []);
    }
  });

  it("names the orgs linked with the Atlas org's tokens before a revoke, and checks each one after it", async () => {
    const w = await worker();
    const reach = async () => (await w.send('atlas/revoke-reach', { atlasOrgId: ACME_ATLAS() })).value;
    expect(await reach()).toEqual({ linked: [], unknownAtlasOrg: [] });
    expect((await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    expect(await reach()).toEqual({ linked: [{ orgId: ACME(), name: 'Acme Retail' }], unknownAtlasOrg: [] });
    // Another Atlas org's key pair knows nothing of Acme's link.
    expect(await w.send('atlas/revoke-reach', { atlasOrgId: GLOBEX_ATLAS() })).toEqual({
      ok: true,
      value: { linked: [], unknownAtlasOrg: [] },
    });
    expect(sb.log.some((e) => e.path.includes('/linkTokens') && e.method === 'DELETE')).toBe(false);

    sb.clearLog();
    const reply = await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        outcome: 'revoked',
        checked: [{ orgId: ACME(), name: 'Acme Retail', record: { status: 'NOT_SYNCED', statusFrom: 'status' } }],
        unchecked: [],
      },
    });
    // The DELETE, then the usual status check signed by the org's own key pair.
    expect(sb.log.filter((e) => e.status < 400).map((e) => [e.method, e.username, e.path.split('/').at(-1)])).toEqual([
      ['DELETE', fixtureKey('atlas').publicKey, 'linkTokens'],
      ['GET', fixtureKey('owner').publicKey, 'status'],
    ]);
    // A status check's NOT_SYNCED does not end what the extension knows it linked: asked again, it names Acme.
    expect(await reach()).toMatchObject({ linked: [{ orgId: ACME() }] });
  });

  it("a pasted token's link: its Atlas org is unknown, and the question says so rather than naming nothing", async () => {
    const w = await worker();
    const made = await atlasCall(sb, 'atlas', 'POST', `/api/atlas/v2/orgs/${ACME_ATLAS()}/liveMigrations/linkTokens`, {
      body: '{}',
    });
    expect(made.status).toBe(201);
    expect((await w.send('link/create', { orgId: ACME(), linkToken: made.json.linkToken })).ok).toBe(true);
    expect((await w.send('atlas/revoke-reach', { atlasOrgId: ACME_ATLAS() })).value).toEqual({
      linked: [],
      unknownAtlasOrg: [{ orgId: ACME(), name: 'Acme Retail' }],
    });
    // Another client's Atlas org is not told of Acme's org.
    expect((await w.send('atlas/revoke-reach', { atlasOrgId: GLOBEX_ATLAS() })).value).toEqual({
      linked: [],
      unknownAtlasOrg: [],
    });
    // After an unlink, no link is known.
    expect((await w.send('link/delete', { orgId: ACME() })).ok).toBe(true);
    expect((await w.send('atlas/revoke-reach', { atlasOrgId: ACME_ATLAS() })).value).toEqual({
      linked: [],
      unknownAtlasOrg: [],
    });
  });
});
