// Edits of a key pair that must ask its server again and check the answer against the vault: the same id and
// secret turned into a service account are another credential (its org is asked again, and another org refused);
// and a key pair that learns its org from a new key is refused as atlas-org when the vault holds an Atlas key pair
// for that org, saving nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const { orgOf } = await import('./fake-cloud');

const PASSPHRASE = 'a passphrase 123';
const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const key = (n: number | string, extra: object = {}) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
  ...extra,
});

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const vault = await import('../../../../src/core/vault');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const list = async () => (await send('profiles/list')).value as Record<string, unknown>[];
  return { handlers, send, list, vault };
}

beforeEach(() => cloud.reset());

describe('profiles/update asks again', () => {
  it('for the same id and secret as a service account: another org named now is refused, nothing saved', async () => {
    const w = await worker();
    await w.handlers['vault/create']({ passphrase: PASSPHRASE, profile: key(1) });
    const before = await w.list();
    cloud.orgs.set('abcdefg1', [{ id: orgOf(2), name: 'Org 2' }]); // what the service account belongs to
    cloud.calls.length = 0;
    const reply = await w.send('profiles/update', {
      profileId: before[0]!.id,
      patch: { credential: 'service-account', privateKey: key(1).privateKey },
    });
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgOf(2), orgName: 'Org 2' } },
    });
    expect(cloud.calls).toEqual(['orgs abcdefg1', `projects abcdefg1 ${orgOf(2)}`]);
    expect(await w.list()).toEqual(before);
  });

  it('a key pair learning its org from a new key is refused as atlas-org for an Atlas-held org', async () => {
    const w = await worker();
    // A key pair saved before keys were identified (no org), beside an Atlas key pair of org 4.
    const legacy = w.vault.addProfile(w.vault.emptyContents(), key(1), 1);
    const atlasOrg = { kind: 'atlas-org' as const, org: { id: orgOf(4), name: 'Acme (Atlas)' } };
    const { contents } = w.vault.addProfile(legacy.contents, key(7, { side: 'atlas' }), 1, atlasOrg);
    fake.storage.data.local.set('vault', (await w.vault.createVault(PASSPHRASE, contents)).envelope);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    const before = await w.list();
    const reply = await w.send('profiles/update', {
      profileId: legacy.profile.id,
      patch: { publicKey: 'abcdefg4' }, // a Cloud Manager key of org 4
    });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'atlas-org' } });
    expect(await w.list()).toEqual(before);
  });
});
