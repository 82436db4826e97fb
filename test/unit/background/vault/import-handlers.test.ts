// A many-key-pair import through the router, against the fake Cloud Manager: each key pair's org as its server names
// it, what the vault already holds skipped without a call, broken rules named without a call, and a confirm that
// saves every identified key pair in one vault write without asking the servers again. No private key comes back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageName, Reply, RequestOf, ResponseOf } from '../../../../src/shared/messages';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const { orgOf } = await import('./fake-cloud');

const PASSPHRASE = 'a passphrase 123';
const OPTIONS = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const key = (n: number, extra: object = {}) => ({
  label: `Client ${n}`,
  side: 'cloud-manager' as const,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
  ...extra,
});

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { CloudManagerError } = await import('../../../../src/core/cloudmanager');
  const router = createRouter(handlers);
  const send = async <N extends MessageName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> => {
    const reply = (await router({ name, request }, OPTIONS)) as Reply<N>;
    if (!reply.ok) throw new Error(`refused: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: key(1) });
  cloud.calls.length = 0;
  let writes = 0;
  const set = fake.browser.storage.local.set.bind(fake.browser.storage.local);
  fake.browser.storage.local.set = async (items: Record<string, unknown>) => {
    if (Object.keys(items).some((k) => k.includes('vault'))) writes++;
    return set(items);
  };
  return { send, writes: () => writes, CloudManagerError, restore: () => (fake.browser.storage.local.set = set) };
}

beforeEach(() => cloud.reset());

describe('profiles/identify-many', () => {
  it("names each key's org, skips a saved credential and a broken rule without a call, and saves nothing", async () => {
    const w = await worker();
    const { verdicts } = await w.send('profiles/identify-many', {
      keyPairs: [key(2), key(1, { label: 'Renamed' }), key(3, { publicKey: 'abc def3' }), key(4)],
    });
    expect(verdicts).toEqual([
      { state: 'identified', org: { id: orgOf(2), name: 'Org 2' } },
      { state: 'already-saved', label: 'Client 1' },
      { state: 'invalid', error: expect.objectContaining({ kind: 'invalid-input' }) },
      { state: 'identified', org: { id: orgOf(4), name: 'Org 4' } },
    ]);
    expect(cloud.calls.filter((c) => c.startsWith('orgs'))).toEqual(['orgs abcdefg2', 'orgs abcdefg4']);
    expect(w.writes()).toBe(0);
    expect((await w.send('profiles/list', {})).map((p) => p.label)).toEqual(['Client 1']);
    expect(JSON.stringify(verdicts)).not.toMatch(/1a2b3c4d-0000/);
    w.restore();
  });

  it("answers a 429 at once as that line's verdict, for the page to pace, and a refused key by its kind", async () => {
    const w = await worker();
    cloud.module.apiForKey = ((k: { publicKey: string }) => ({
      async ownOrgs() {
        if (k.publicKey === 'abcdefg2')
          throw new w.CloudManagerError('rate-limited', { retryAfterSeconds: 7 } as never);
        throw new w.CloudManagerError('bad-credentials');
      },
    })) as never;
    try {
      const { verdicts } = await w.send('profiles/identify-many', { keyPairs: [key(2), key(3)] });
      expect(verdicts[0]).toMatchObject({ state: 'failed', error: { kind: 'rate-limited' } });
      expect(verdicts[1]).toMatchObject({ state: 'failed', error: { kind: 'bad-credentials' } });
    } finally {
      cloud.module.apiForKey = cloud.module.apiFor;
      w.restore();
    }
  });

  it('refuses a list longer than a vault may hold, before any call', async () => {
    const w = await worker();
    const many = Array.from({ length: 501 }, () => key(2));
    await expect(w.send('profiles/identify-many', { keyPairs: many })).rejects.toThrow(/invalid-input/);
    expect(cloud.calls).toEqual([]);
    w.restore();
  });
});

describe('profiles/save-many', () => {
  it('saves every identified key pair in one vault write, without asking again, bound to its org', async () => {
    const w = await worker();
    const lines = [key(2), key(3), key(1, { label: 'Again' }), key(4, { privateKey: '' }), key(5)];
    await w.send('profiles/identify-many', { keyPairs: lines });
    cloud.calls.length = 0;
    const before = w.writes();
    const { saved, skipped } = await w.send('profiles/save-many', { keyPairs: lines });
    // One atomic write of the envelope (staged, then promoted), not one per key pair.
    expect(w.writes() - before).toBeGreaterThan(0);
    expect(w.writes() - before).toBeLessThanOrEqual(2);
    expect(cloud.calls).toEqual([]);
    expect(saved.map((p) => [p.label, p.orgIds])).toEqual([
      ['Client 2', [orgOf(2)]],
      ['Client 3', [orgOf(3)]],
      ['Client 5', [orgOf(5)]],
    ]);
    expect(skipped).toEqual([
      { index: 2, verdict: { state: 'already-saved', label: 'Client 1' } },
      { index: 3, verdict: { state: 'invalid', error: expect.objectContaining({ kind: 'invalid-input' }) } },
    ]);
    const list = await w.send('profiles/list', {});
    expect(list.map((p) => p.label)).toEqual(['Client 1', 'Client 2', 'Client 3', 'Client 5']);
    expect(JSON.stringify({ saved, skipped, list })).not.toMatch(/1a2b3c4d-0000/);
    // A second confirm of the same lines duplicates nothing.
    const again = await w.send('profiles/save-many', { keyPairs: lines });
    expect(again.saved).toEqual([]);
    expect((await w.send('profiles/list', {})).length).toBe(4);
    w.restore();
  });

  it('asks a server again only for a key pair whose answer it does not know (a worker restarted)', async () => {
    const w = await worker();
    const { saved } = await w.send('profiles/save-many', { keyPairs: [key(6)] });
    expect(saved).toHaveLength(1);
    expect(cloud.calls.filter((c) => c.startsWith('orgs'))).toEqual(['orgs abcdefg6']);
    w.restore();
  });
});

describe('an import on a first run (no vault yet)', () => {
  async function firstRun() {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
    vi.resetModules();
    const { handlers } = await import('../../../../src/background/messaging/handlers');
    const { createRouter } = await import('../../../../src/background/messaging/router');
    const router = createRouter(handlers);
    return async <N extends MessageName>(name: N, request: RequestOf<N>) =>
      (await router({ name, request }, OPTIONS)) as Reply<N>;
  }

  it('identifies the key pairs with no vault, then creates the vault under the passphrase with every identified one', async () => {
    const send = await firstRun();
    const identified = await send('profiles/identify-many', {
      keyPairs: [key(1), key(2), key(3, { publicKey: 'x y' })],
    });
    expect(identified).toMatchObject({
      ok: true,
      value: { verdicts: [{ state: 'identified' }, { state: 'identified' }, { state: 'invalid' }] },
    });
    expect((await send('context/get', {})) as Reply<'context/get'>).toMatchObject({
      ok: true,
      value: { vault: 'empty' },
    });

    const saved = await send('profiles/save-many', {
      keyPairs: [key(1), key(2), key(3, { publicKey: 'x y' })],
      passphrase: PASSPHRASE,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { saved: [{ label: 'Client 1' }, { label: 'Client 2' }], skipped: [{ index: 2 }] },
    });
    const listed = await send('profiles/list', {});
    expect(listed.ok && listed.value.map((p) => [p.label, p.orgIds])).toEqual([
      ['Client 1', [orgOf(1)]],
      ['Client 2', [orgOf(2)]],
    ]);
    // The vault is sealed under that passphrase: a lock and an unlock with it opens the same two.
    await send('vault/lock', {});
    expect(await send('vault/unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(JSON.stringify([...fake.storage.data.local.values()])).not.toMatch(/1a2b3c4d-0000/);
  });

  it('refuses a weak passphrase before any call, and a list with nothing identified without creating a vault', async () => {
    const send = await firstRun();
    cloud.calls.length = 0;
    expect(await send('profiles/save-many', { keyPairs: [key(1)], passphrase: 'short' })).toMatchObject({ ok: false });
    expect(cloud.calls).toEqual([]);
    expect(
      await send('profiles/save-many', { keyPairs: [key(3, { publicKey: 'x y' })], passphrase: PASSPHRASE }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((await send('context/get', {})) as Reply<'context/get'>).toMatchObject({
      ok: true,
      value: { vault: 'empty' },
    });
  });

  it('with a vault already there, a passphrase does not create a second one', async () => {
    const send = await firstRun();
    await send('profiles/save-many', { keyPairs: [key(1)], passphrase: PASSPHRASE });
    cloud.calls.length = 0;
    expect(await send('profiles/save-many', { keyPairs: [key(2)], passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      error: { kind: 'vault-exists' },
    });
    expect(cloud.calls).toEqual([]);
  });
});
