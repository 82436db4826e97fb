// Server-given names are stored cut, history stays within its bound, and a full storage.local never turns a call
// the server accepted into a failure (#30 item 2). Through the worker's handlers and the real Cloud Manager API layer
// over a fake Ops Manager whose answers name an org with 200,000 characters holding NUL, LF and U+202E; storage.local
// has Chrome's 10 MB quota (QUOTA_BYTES), and a set() past it fails as Chrome's does.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

/** The fake Ops Manager: what it answers, and the link POSTs it accepted. */
const ops = vi.hoisted(() => ({ name: '', refuseLinks: false, links: 0 }));
vi.mock('../../../../src/background/api/api-clients', async () => {
  const { createCloudManagerApi } = await import('../../../../src/core/cloudmanager');
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetch = async (input: string, init?: RequestInit) => {
    const path = new URL(input).pathname.replace('/api/public/v1.0', '');
    const method = init?.method ?? 'GET';
    if (method === 'GET' && path === '/orgs') {
      const orgs = [1, 2].map((n) => ({ id: n.toString(16).padStart(24, '0'), name: ops.name }));
      return json(200, { results: orgs, totalCount: 2 });
    }
    if (method === 'POST' && path.endsWith('/liveExport/migrationLink')) {
      if (ops.refuseLinks) return json(401, { error: 401, reason: 'Unauthorized', detail: 'refused' });
      ops.links += 1;
      return json(200, { status: 'SYNCED' });
    }
    if (method === 'GET' && path.endsWith('/status')) return json(200, { status: 'SYNCED' });
    const org = /^\/orgs\/([0-9a-f]{24})$/.exec(path);
    if (method === 'GET' && org) return json(200, { id: org[1], name: ops.name });
    return json(418, { detail: `no route ${method} ${path}` });
  };
  const api = (p: { baseUrl: string }) =>
    createCloudManagerApi({ baseUrl: p.baseUrl, fetch, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  return { forgetApiClients: () => undefined, closeApiClients: () => undefined, apiFor: api, apiForKey: api };
});

import { HISTORY_MAX_BYTES } from '../../../../src/background/orgs/history';
import { globalKey, OPS, orgId } from './org-fixture';

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const CHROME_LOCAL_QUOTA = 10 * 1024 * 1024;
/** 200,000 characters with a NUL, a line feed and a right-to-left override. */
const HOSTILE = `Acme\u0000Bank\n\u202Eexe.${'x'.repeat(200_000)}`;
const ORG = orgId(1);
const token = (n: number) => btoa(JSON.stringify({ token: `link-token-${n}-${'z'.repeat(40)}` }));

type Reply = { ok: boolean; value?: Record<string, unknown>; error?: { kind: string } };

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.storage.quota.local = undefined;
  fake.origins.length = 0;
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  await handlers['vault/create']({ passphrase: 'a passphrase 123', profile: globalKey(1) });
  fake.origins.push(`${OPS}/*`);
  // The org's page was seen on the Ops Manager: the global key of that server serves it.
  fake.storage.data.local.set('orgStatus', { [ORG]: { orgId: ORG, base: OPS } });
  const [profile] = await handlers['profiles/list']({});
  const router = createRouter(handlers);
  const send = async (name: string, request: object) => (await router({ name, request }, SENDER)) as Reply;
  return { send, profileId: profile!.id };
}

const history = () => (fake.storage.data.local.get('history') ?? []) as Record<string, unknown>[];
const historyBytes = () => new TextEncoder().encode(JSON.stringify(history())).length;
const storedName = () => (fake.storage.data.local.get('orgStatus') as Record<string, { name?: string }>)[ORG]?.name;

/** Fills storage.local up to Chrome's quota with another key's data, leaving `room` bytes. */
function fillStorage(room = 100) {
  fake.storage.quota.local = CHROME_LOCAL_QUOTA;
  const used = fake.storage.bytes('local');
  const overhead = new TextEncoder().encode('filler""').length;
  fake.storage.data.local.set('filler', 'f'.repeat(CHROME_LOCAL_QUOTA - used - overhead - room));
}

beforeEach(() => {
  ops.name = HOSTILE;
  ops.refuseLinks = false;
  ops.links = 0;
});

describe('a name an Ops Manager global key is answered', () => {
  it('is stored cut and cleaned, and 15 links keep history far within its bound', async () => {
    ops.name = 'Acme';
    const { send, profileId } = await worker();
    ops.name = HOSTILE;
    expect(await send('link/status', { orgId: ORG, profileId })).toMatchObject({ ok: true });
    const name = storedName()!;
    expect(name.length).toBeLessThanOrEqual(256);
    expect(name.startsWith('Acme Bank  exe.xxx')).toBe(true);
    for (let n = 1; n <= 15; n++) {
      const reply = await send('link/create', { orgId: ORG, linkToken: token(n), profileId });
      expect(reply).toMatchObject({ ok: true, value: { status: 'SYNCED' } });
    }
    expect(history()).toHaveLength(15);
    for (const entry of history()) expect(entry.orgName).toBe(name);
    // Before: ≈ 6 MB (each entry held the 200,000-character name); now ≈ 15 × 0.6 KB.
    expect(historyBytes()).toBeLessThan(15 * 1024);
  });
});

describe('storage.local full (Chrome 10 MB quota)', () => {
  it('a link Cloud Manager accepted is answered as done, with "not recorded", never internal', async () => {
    ops.name = 'Acme Bank';
    const { send, profileId } = await worker();
    fillStorage();
    const reply = await send('link/create', { orgId: ORG, linkToken: token(1), profileId });
    expect(reply).toEqual({ ok: true, value: expect.objectContaining({ status: 'SYNCED', notRecorded: true }) });
    expect(ops.links).toBe(1);
    expect(fake.storage.bytes('local')).toBeLessThanOrEqual(CHROME_LOCAL_QUOTA);
  });

  it('a link Cloud Manager refused answers its own error, not the storage failure', async () => {
    ops.name = 'Acme Bank';
    ops.refuseLinks = true;
    const { send, profileId } = await worker();
    fillStorage();
    const reply = await send('link/create', { orgId: ORG, linkToken: token(1), profileId });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bad-credentials' } });
  });

  it('a 6 MB history an earlier version stored is cut to its bound by the next entry, which is kept', async () => {
    ops.name = 'Acme Bank';
    const { send, profileId } = await worker();
    const old = Array.from({ length: 15 }, (_, i) => ({
      time: i,
      orgId: ORG,
      orgName: HOSTILE,
      operation: 'link',
      result: 'SYNCED',
      ok: true,
      profileLabel: 'Global 1',
      seq: i + 1,
    }));
    fake.storage.data.local.set('history', old);
    expect(historyBytes()).toBeGreaterThan(3_000_000);
    fillStorage();
    const reply = await send('link/create', { orgId: ORG, linkToken: token(2), profileId });
    expect(reply).toMatchObject({ ok: true, value: { status: 'SYNCED' } });
    expect(historyBytes()).toBeLessThanOrEqual(HISTORY_MAX_BYTES);
    const last = history().at(-1)!;
    expect(last).toMatchObject({ operation: 'link', ok: true, seq: 16 });
  });
});
