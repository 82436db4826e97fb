// The audit log through the worker's real handlers against the real sandbox over HTTP: a pasted-token link and a
// create-and-link record the key pair's public key, the token's one-way fingerprint (never the token) and its
// source, the Atlas target where known, and the revoke its Atlas org; the log is append-only (each entry keeps its
// place, the cap drops the oldest only, and the count of dropped entries can be read from the oldest kept one); a
// clear leaves exactly one 'clear-log' entry; an org's note is checked (length, control characters), kept with the
// org and listed with its history entries.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { tokenFingerprint } from '../../../../src/core/cloudmanager';
import type { HistoryEntry } from '../../../../src/shared/domain';
import { noteLinkTokens, sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const PASSPHRASE = 'a passphrase 123';

let sb: Sandbox;
/** Every link token that went over the wire (request bodies and the Atlas API's answers). */
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
const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!;
const ACME = () => orgNamed('Acme Retail').id;
const ACME_ATLAS = () => orgNamed('Acme Retail (Atlas)').id;

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const history = await import('../../../../src/background/orgs/history');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const key = (name: string, side?: string) => ({
    label: 'Acme',
    publicKey: fixtureKey(name).publicKey,
    privateKey: fixtureKey(name).privateKey,
    ...(side ? { side } : {}),
  });
  expect((await send('vault/create', { passphrase: PASSPHRASE, profile: key('owner') })).error).toBeUndefined();
  expect((await send('profiles/add', { profile: key('atlas', 'atlas') })).error).toBeUndefined();
  const list = async () => (await send('history/list')).value as HistoryEntry[];
  return { send, list, history };
}

const storedHistory = () => fake.storage.data.local.get('history') as HistoryEntry[];
const acmeToken = () => sb.fixture.linkTokens[sb.fixture.orgs.findIndex((o) => o.id === ACME())]!.token;
const entry = (n: number): HistoryEntry => ({
  time: n,
  orgId: ACME(),
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Acme',
});

describe('what an entry says', () => {
  it("a pasted token's link: the key's public key, the token's fingerprint and 'pasted'; no Atlas org", async () => {
    const w = await worker();
    const reply = await w.send('link/create', { orgId: ACME(), linkToken: acmeToken() });
    expect(reply).toMatchObject({ ok: true, value: { status: 'SYNCED' } });
    const [link] = await w.list();
    expect(link).toEqual({
      time: link!.time,
      orgId: ACME(),
      orgName: 'Acme Retail',
      operation: 'link',
      result: 'SYNCED',
      ok: true,
      profileLabel: 'Acme',
      publicKey: fixtureKey('owner').publicKey,
      tokenFingerprint: await tokenFingerprint(acmeToken()),
      tokenSource: 'pasted',
      seq: 1,
    });
    expect(link!.tokenFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(storedHistory())).not.toContain(acmeToken());
  });

  it('a create-and-link: made by the extension, its fingerprint and the Atlas org; a failed link says the same', async () => {
    const w = await worker();
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: '/migrationLink' }, times: 1 }]);
    expect(await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).toMatchObject({ ok: false });
    expect(await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() })).toMatchObject({ ok: true });
    const made = [...seenTokens].filter((t) => t !== acmeToken());
    const fingerprints = await Promise.all(made.map(tokenFingerprint));
    const [retried, failed] = await w.list();
    const expected = {
      orgId: ACME(),
      operation: 'link',
      profileLabel: 'Acme',
      publicKey: fixtureKey('owner').publicKey,
      tokenSource: 'created',
      atlasOrgId: ACME_ATLAS(),
    };
    expect(failed).toMatchObject({ ...expected, ok: false, result: 'server-error', seq: 1 });
    expect(retried).toMatchObject({ ...expected, ok: true, result: 'SYNCED', seq: 2 });
    // One token for both attempts (the retry reuses it), and the entries carry its fingerprint, never the token.
    expect(failed!.tokenFingerprint).toBe(retried!.tokenFingerprint);
    expect(fingerprints).toContain(retried!.tokenFingerprint);
    for (const token of made) expect(JSON.stringify(storedHistory())).not.toContain(token);
  });

  it("a revoke: the Atlas org and the Atlas key pair's public key", async () => {
    const w = await worker();
    expect((await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() })).ok).toBe(true);
    expect(await w.list()).toMatchObject([
      {
        orgId: ACME_ATLAS(),
        operation: 'revoke-token',
        result: 'revoked',
        ok: true,
        publicKey: fixtureKey('atlas').publicKey,
        atlasOrgId: ACME_ATLAS(),
        seq: 1,
      },
    ]);
    expect((await w.list())[0]!.tokenFingerprint).toBeUndefined();
  });

  it('no private key of either key pair is in any entry', async () => {
    const w = await worker();
    await w.send('link/create', { orgId: ACME(), linkToken: acmeToken() });
    await w.send('link/delete', { orgId: ACME() });
    await w.send('atlas/link', { orgId: ACME(), atlasOrgId: ACME_ATLAS() });
    await w.send('atlas/revoke', { atlasOrgId: ACME_ATLAS() });
    const text = JSON.stringify(storedHistory());
    expect(storedHistory().map((e) => e.operation)).toEqual(['link', 'unlink', 'link', 'revoke-token']);
    for (const secret of [fixtureKey('owner').privateKey, fixtureKey('atlas').privateKey, PASSPHRASE, ...seenTokens])
      expect(text).not.toContain(secret);
  });
});

describe('append-only, capped, cleared', () => {
  it('each entry keeps its place; the cap drops the oldest only, and the oldest kept one counts the dropped', async () => {
    const w = await worker();
    const { recordAction, readHistory, HISTORY_CAP } = w.history;
    expect(HISTORY_CAP).toBe(1000);
    for (let n = 1; n <= 3; n++) await recordAction(entry(n));
    expect((await readHistory()).map((e) => [e.time, e.seq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    // 1003 entries written: the first 3 are gone, every other entry is exactly as written.
    const before = await readHistory();
    fake.storage.data.local.set('history', [
      ...before,
      ...Array.from({ length: 997 }, (_, i) => ({ ...entry(i + 4), seq: i + 4 })),
    ]);
    for (let n = 1001; n <= 1003; n++) await recordAction(entry(n));
    const kept = await readHistory();
    expect(kept).toHaveLength(1000);
    expect([kept[0], kept[999]]).toEqual([
      { ...entry(4), seq: 4 },
      { ...entry(1003), seq: 1003 },
    ]);
    expect(kept.every((e, i) => e.seq === i + 4 && e.time === i + 4)).toBe(true);
  });

  it('entries from before `seq` count by position, so the next one follows them', async () => {
    const w = await worker();
    fake.storage.data.local.set('history', [entry(1), entry(2)]);
    await w.history.recordAction(entry(3));
    expect(storedHistory()).toEqual([entry(1), entry(2), { ...entry(3), seq: 3 }]);
  });

  it("history/clear leaves exactly one 'clear-log' entry saying when and how many went, then the log goes on", async () => {
    const w = await worker();
    await w.send('link/create', { orgId: ACME(), linkToken: acmeToken() });
    await w.send('link/delete', { orgId: ACME() });
    const before = Date.now();
    const cleared = await w.send('history/clear');
    const expected = {
      time: expect.any(Number),
      orgId: '',
      operation: 'clear-log',
      result: 'cleared',
      ok: true,
      profileLabel: '',
      seq: 1,
      clearedCount: 2,
    };
    expect(cleared).toEqual({ ok: true, value: expected });
    expect((cleared.value as HistoryEntry).time).toBeGreaterThanOrEqual(before);
    expect(await w.list()).toEqual([expected]);
    expect(storedHistory()).toEqual([cleared.value]);
    // A second clear counts the one entry it removes; the next action follows it.
    expect((await w.send('history/clear')).value).toMatchObject({ clearedCount: 1, seq: 1 });
    await w.send('link/create', { orgId: ACME(), linkToken: acmeToken() });
    expect(storedHistory().map((e) => [e.operation, e.seq])).toEqual([
      ['clear-log', 1],
      ['link', 2],
    ]);
  });
});

describe("an org's note", () => {
  it('is kept with the org, listed with its history, and removed by an empty note', async () => {
    const w = await worker();
    await w.send('link/create', { orgId: ACME(), linkToken: acmeToken() });
    const set = await w.send('org/set-note', { orgId: ACME(), note: '  TICKET-42: handed over to Kim  ' });
    expect(set).toMatchObject({ ok: true, value: { orgId: ACME(), note: 'TICKET-42: handed over to Kim' } });
    expect((await w.send('org/notes')).value).toEqual({ [ACME()]: 'TICKET-42: handed over to Kim' });
    expect((await w.list())[0]!.orgNote).toBe('TICKET-42: handed over to Kim');
    // Listed, never stored in an entry.
    expect(storedHistory()[0]!.orgNote).toBeUndefined();
    expect((await w.send('org/set-note', { orgId: ACME(), note: '' })).ok).toBe(true);
    expect((await w.send('org/notes')).value).toEqual({});
    expect((await w.list())[0]!.orgNote).toBeUndefined();
  });

  it('refuses more than 500 characters, a control or text-direction character, and a bad org id', async () => {
    const w = await worker();
    expect((await w.send('org/set-note', { orgId: ACME(), note: 'x'.repeat(500) })).ok).toBe(true);
    for (const note of ['x'.repeat(501), 'line\nbreak', 'tab\there', 'bell\u0007', 'del\u007f', 'rtl\u202eevil']) {
      expect(await w.send('org/set-note', { orgId: ACME(), note })).toEqual({
        ok: false,
        error: { kind: 'invalid-input' },
      });
    }
    expect(await w.send('org/set-note', { orgId: 'not-an-id', note: 'a' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    // The refused notes changed nothing.
    expect((await w.send('org/notes')).value).toEqual({ [ACME()]: 'x'.repeat(500) });
  });
});
