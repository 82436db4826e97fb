// 'clients/rename' through the router, against a fake Cloud Manager (./fake-cloud): every key pair of the client gets
// the new name in one vault write, no other key pair changes, a name another client has is joined only when asked,
// a name the label rule refuses and a locked vault are refused with nothing written, and no private key is answered.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const PASSPHRASE = 'a passphrase 123';
const OPTIONS = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const key = (n: number, label: string) => ({
  label,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
});

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, OPTIONS)) as Reply;
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: key(1, 'Globex') });
  await handlers['profiles/add']({ profile: key(2, 'Globex') });
  await handlers['profiles/add']({ profile: key(3, 'Globex Logistics') });
  await handlers['profiles/add']({ profile: key(4, 'Acme') });
  const labels = async () =>
    ((await send('profiles/list')).value as { publicKey: string; label: string }[]).map(
      (p) => `${p.publicKey}:${p.label}`,
    );
  const vaultWrites = vi.spyOn(fake.browser.storage.local, 'set');
  vaultWrites.mockClear();
  cloud.calls.length = 0;
  const written = () => vaultWrites.mock.calls.filter(([items]) => 'vault.next' in (items as object)).length;
  return { send, labels, written };
}

beforeEach(() => cloud.reset());

describe('clients/rename', () => {
  it('renames every key pair of the client, and no other, in one vault write', async () => {
    const w = await worker();
    const reply = await w.send('clients/rename', { from: 'Globex', to: ' Globex Corp ' });
    expect(reply).toEqual({ ok: true, value: { renamed: 2 } });
    expect(w.written()).toBe(1);
    expect(await w.labels()).toEqual([
      'abcdefg1:Globex Corp',
      'abcdefg2:Globex Corp',
      'abcdefg3:Globex Logistics',
      'abcdefg4:Acme',
    ]);
    // Renaming asks no server anything: the keys are the same keys.
    expect(cloud.calls).toEqual([]);
  });

  it("refuses another client's name unless asked to join, then makes the two one client", async () => {
    const w = await worker();
    expect(await w.send('clients/rename', { from: 'Globex', to: 'Globex Logistics' })).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        params: { variant: 'client-exists', field: 'label', client: 'Globex Logistics' },
      },
    });
    expect(w.written()).toBe(0);
    expect(await w.send('clients/rename', { from: 'Globex', to: 'Globex Logistics', join: true })).toMatchObject({
      ok: true,
      value: { renamed: 2 },
    });
    expect(new Set((await w.labels()).slice(0, 3).map((l) => l.split(':')[1]))).toEqual(new Set(['Globex Logistics']));
  });

  it('refuses a name the label rule refuses, a client no key pair has, and a locked vault, writing nothing', async () => {
    const w = await worker();
    expect(await w.send('clients/rename', { from: 'Globex', to: 'a\nb' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', params: { variant: 'control-character-label' } },
    });
    expect(await w.send('clients/rename', { from: 'Hooli', to: 'Hooli Media' })).toMatchObject({
      ok: false,
      error: { kind: 'no-profile' },
    });
    await w.send('vault/lock');
    expect(await w.send('clients/rename', { from: 'Globex', to: 'Globex Corp' })).toMatchObject({
      ok: false,
      error: { kind: 'vault-locked' },
    });
    expect(w.written()).toBe(0);
  });
});
