// Which org a key belongs to, as its own server answers: one org (with its projects, its name kept for every page
// that shows it, and its server when that is not Cloud Manager), an Ops Manager global key, or, from Cloud Manager,
// an answer that is not the API we know. And the two refusals a save makes by name: a key of another org, and a
// public key saved already.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const { orgOf } = await import('./fake-cloud');
const { identifyKey, requireNewKey, requireOrg } = await import('../../../../src/background/vault/key-identity');
const { identifyNewKeyPair } = await import('../../../../src/background/vault/new-key-pair');
const { CloudManagerError } = await import('../../../../src/core/cloudmanager');
const { addProfile, emptyContents } = await import('../../../../src/core/vault');

const CM = 'https://cloud.mongodb.com';
const OPS = 'https://ops.example.com:8443';
const PRIVATE = '1a2b3c4d-0000-4000-8000-000000000001';
const k = (n: number, baseUrl = CM) => ({ publicKey: `abcdefg${n}`, privateKey: PRIVATE, baseUrl });
const two = [
  { id: orgOf(1), name: 'Org 1' },
  { id: orgOf(2), name: 'Org 2' },
];

/** What a call throws, as plain data. */
async function thrown(call: () => unknown) {
  try {
    await call();
  } catch (error) {
    return { type: (error as Error).constructor.name, ...(error as object) };
  }
  return 'nothing thrown';
}

beforeEach(() => {
  cloud.reset();
  fake.storage.data.local.clear();
});

describe('identifyKey', () => {
  it('a Cloud Manager key of one org: that org and its projects; its name is kept, without a server', async () => {
    expect(await identifyKey(k(3))).toEqual({
      kind: 'org',
      org: { id: orgOf(3), name: 'Org 3' },
      projects: [{ id: `${orgOf(3).slice(0, 23)}f`, name: 'Project of 03' }],
    });
    expect(cloud.calls).toEqual(['orgs abcdefg3', `projects abcdefg3 ${orgOf(3)}`]);
    expect(fake.storage.data.local.get('orgStatus')).toEqual({ [orgOf(3)]: { orgId: orgOf(3), name: 'Org 3' } });
  });

  it('an Ops Manager key of one org: the org is kept with its server', async () => {
    expect(await identifyKey(k(4, OPS))).toMatchObject({ kind: 'org', org: { id: orgOf(4) } });
    expect(fake.storage.data.local.get('orgStatus')).toEqual({
      [orgOf(4)]: { orgId: orgOf(4), name: 'Org 4', base: OPS },
    });
  });

  it.each([
    ['no org', []],
    ['two orgs', two],
  ])('an Ops Manager key that sees %s is a global key, and nothing is kept', async (_, orgs) => {
    cloud.orgs.set('abcdefg1', orgs);
    expect(await identifyKey(k(1, OPS))).toEqual({ kind: 'global' });
    expect(cloud.calls).toEqual(['orgs abcdefg1']);
    expect(fake.storage.data.local.has('orgStatus')).toBe(false);
  });

  it.each([
    ['no org', []],
    ['two orgs', two],
  ])('Cloud Manager answering %s is not the API we know: unexpected-response', async (_, orgs) => {
    cloud.orgs.set('abcdefg1', orgs);
    const error = await identifyKey(k(1)).catch((e) => e);
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error.kind).toBe('unexpected-response');
    expect(fake.storage.data.local.has('orgStatus')).toBe(false);
  });
});

describe('requireOrg', () => {
  const identity = { kind: 'org' as const, org: { id: orgOf(1), name: 'Org 1' }, projects: [] };

  it("lets a key of the page's org, a global key, or any key with no page org pass", () => {
    expect(() => requireOrg(identity, orgOf(1))).not.toThrow();
    expect(() => requireOrg(identity, undefined)).not.toThrow();
    expect(() => requireOrg(identity, '')).not.toThrow();
    expect(() => requireOrg({ kind: 'global' }, orgOf(2))).not.toThrow();
  });

  it('refuses a key of another org, naming its org', async () => {
    expect(await thrown(() => requireOrg(identity, orgOf(2)))).toMatchObject({
      type: 'WorkerError',
      kind: 'key-other-org',
      params: { orgId: orgOf(1), orgName: 'Org 1' },
    });
  });
});

describe('identifyNewKeyPair', () => {
  it("asks the form's key (trimmed) and refuses it for another org's page", async () => {
    const input = { label: 'A', publicKey: ' abcdefg5 ', privateKey: PRIVATE };
    expect(await identifyNewKeyPair(input, orgOf(5), 1)).toMatchObject({ kind: 'org', org: { id: orgOf(5) } });
    expect(cloud.calls[0]).toBe('orgs abcdefg5');
    expect(await thrown(() => identifyNewKeyPair(input, orgOf(6), 1))).toMatchObject({
      kind: 'key-other-org',
      params: { orgId: orgOf(5) },
    });
  });

  it('refuses a form the vault would refuse before any call', async () => {
    expect(
      await thrown(() => identifyNewKeyPair({ label: '', publicKey: 'x', privateKey: 'y' }, undefined, 1)),
    ).toMatchObject({
      type: 'VaultError',
      kind: 'invalid-profile',
    });
    expect(cloud.calls).toEqual([]);
  });
});

describe('requireNewKey', () => {
  const withKeys = () => {
    const first = addProfile(emptyContents(), { label: 'One', ...k(1) }, 1, {
      kind: 'org',
      org: { id: orgOf(1), name: 'Org 1' },
      projects: [],
    });
    const second = addProfile(first.contents, { label: 'Legacy', ...k(2) }, 1); // knows no org
    return { contents: second.contents, one: first.profile, legacy: second.profile };
  };

  it('lets a public key pass that the vault holds on no server of that address, or only as the key pair edited', () => {
    const { contents, one } = withKeys();
    expect(() => requireNewKey(contents, k(3))).not.toThrow();
    expect(() => requireNewKey(contents, k(1, OPS))).not.toThrow();
    expect(() => requireNewKey(contents, k(1), { except: one.id })).not.toThrow();
  });

  it('refuses it by the label of the key pair that has it', async () => {
    const { contents, legacy } = withKeys();
    expect(await thrown(() => requireNewKey(contents, k(1)))).toMatchObject({
      type: 'WorkerError',
      kind: 'duplicate-key',
      params: { label: 'One' },
    });
    expect(await thrown(() => requireNewKey(contents, k(1), { orgId: orgOf(1) }))).toMatchObject({
      kind: 'duplicate-key',
      params: { label: 'One' },
    });
    // A key pair that knows no org is named by its label whatever the page.
    expect(await thrown(() => requireNewKey(contents, k(2), { orgId: orgOf(9), except: 'x' }))).toMatchObject({
      kind: 'duplicate-key',
      params: { label: legacy.label },
    });
  });

  it("on another org's page, by the org it belongs to", async () => {
    const { contents } = withKeys();
    const error = await thrown(() => requireNewKey(contents, k(1), { orgId: orgOf(9) }));
    expect(error).toMatchObject({ kind: 'key-other-org', params: { orgId: orgOf(1), orgName: 'Org 1' } });
  });
});
