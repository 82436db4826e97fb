// Link, status and unlink through the worker's handlers, against a fake Cloud Manager: what each leaves on the org
// (status, name, failure), in history, in the token fingerprints and on the badge of the tab showing the org.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about

// Key `abcdefgN` is the key of org N. `refuse` makes the next calls fail as Cloud Manager refuses a bad key;
// `hold` keeps a call waiting until the test lets it go.
const cm = vi.hoisted(() => ({
  calls: [] as string[],
  refuse: false,
  hold: undefined as Promise<void> | undefined,
}));
vi.mock('../../../../src/background/api/api-clients', async () => {
  const { CloudManagerError } = await import('../../../../src/core/cloudmanager');
  const orgOf = (publicKey: string) => Number.parseInt(publicKey.slice(7), 36).toString(16).padStart(24, '0');
  const client = (publicKey: string) => {
    // Answers `answer` after the call went through the checks a real server makes.
    const call = async <T>(what: string, orgId: string, answer: T): Promise<T> => {
      cm.calls.push(`${what} ${orgId}`);
      await cm.hold;
      if (cm.refuse || orgId !== orgOf(publicKey)) throw new CloudManagerError('bad-credentials', { status: 401 });
      return answer;
    };
    return {
      ownOrgs: async () => [{ id: orgOf(publicKey), name: `Org ${publicKey.slice(7)}` }],
      projectsOf: async () => [],
      linkStatus: (orgId: string) => call('status', orgId, { status: 'SYNCED' }),
      organization: (orgId: string) => call('org', orgId, { id: orgId, name: 'Named by API' }),
      linkOrganization: (orgId: string) => call('link', orgId, { status: 'NOT_SYNCED' }),
      unlinkOrganization: (orgId: string) => call('unlink', orgId, undefined),
    };
  };
  return {
    forgetApiClients: () => undefined,
    apiFor: (p: { publicKey: string }) => client(p.publicKey),
    apiForKey: (k: { publicKey: string }) => client(k.publicKey),
  };
});

const orgId = (n: number) => n.toString(16).padStart(24, '0');
const key = (n: number) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
const TOKEN = btoa(JSON.stringify({ token: `link-token-${'x'.repeat(40)}` }));
const TAB = 5;

async function worker(keys = 1) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.tabs.length = 0;
  fake.badges.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  await handlers['vault/create']({ passphrase: 'a passphrase 123', profile: key(1) });
  for (let n = 2; n <= keys; n++) await handlers['profiles/add']({ profile: key(n) });
  fake.tabs.push({ id: TAB, url: `https://cloud.mongodb.com/v2#/org/${orgId(1)}/projects` });
  cm.calls = [];
  return handlers;
}

const record = (n: number) =>
  (fake.storage.data.local.get('orgStatus') as Record<string, Record<string, unknown>>)[orgId(n)];
const history = () => (fake.storage.data.local.get('history') ?? []) as Record<string, unknown>[];

beforeEach(() => {
  cm.refuse = false;
  cm.hold = undefined;
});

describe('org operations', () => {
  it('link: the status is recorded, the action is history, the token fingerprint kept, the badge painted', async () => {
    const handlers = await worker();
    const linked = await handlers['link/create']({ orgId: orgId(1), linkToken: TOKEN });
    expect(linked).toMatchObject({ orgId: orgId(1), status: 'NOT_SYNCED', name: 'Org 1' });
    expect(record(1)).toMatchObject({ status: 'NOT_SYNCED', base: 'https://cloud.mongodb.com' });
    expect(record(1)?.checkedAt).toEqual(expect.any(Number));
    expect(history()).toEqual([
      expect.objectContaining({
        orgId: orgId(1),
        operation: 'link',
        ok: true,
        result: 'NOT_SYNCED',
        profileLabel: 'Client 1',
      }),
    ]);
    expect(Object.values(fake.storage.data.local.get('tokenFingerprints') ?? {})).toEqual([orgId(1)]);
    expect(JSON.stringify([...fake.storage.data.local.values()])).not.toContain('link-token');
    expect(fake.badges.get(TAB)).toMatchObject({ text: '…', color: '#b45309' }); // not synced yet, not busy
    expect(fake.badges.get(TAB)?.title).toContain('Org 1');
    expect(cm.calls).toEqual([`link ${orgId(1)}`]);
  });

  it('status: recorded and painted, not history; unlink: NOT_LINKED and history', async () => {
    const handlers = await worker();
    expect(await handlers['link/status']({ orgId: orgId(1) })).toMatchObject({ status: 'SYNCED' });
    expect(fake.badges.get(TAB)?.text).toBe('✓');
    expect(history()).toEqual([]);
    expect(await handlers['link/delete']({ orgId: orgId(1) })).toMatchObject({ status: 'NOT_LINKED' });
    expect(history()).toEqual([expect.objectContaining({ operation: 'unlink', ok: true, result: 'NOT_LINKED' })]);
    expect(fake.badges.get(TAB)?.text).toBe('');
    expect(cm.calls).toEqual([`status ${orgId(1)}`, `unlink ${orgId(1)}`]);
  });

  it('the badge is busy while the call runs, and no note is left after it', async () => {
    const handlers = await worker();
    let release!: () => void;
    cm.hold = new Promise((resolve) => (release = resolve));
    const call = handlers['link/status']({ orgId: orgId(1) });
    await vi.waitFor(() => expect(cm.calls).toHaveLength(1));
    expect(fake.badges.get(TAB)?.text).toBe('…');
    expect(fake.storage.data.session.get('inFlight')).toMatchObject({ [orgId(1)]: { operation: 'status' } });
    release();
    await call;
    expect(fake.badges.get(TAB)?.text).toBe('✓');
    expect(fake.storage.data.session.get('inFlight')).toEqual({});
  });

  it('a failure is recorded on the org and in history, shown on the badge, and rethrown; a success clears it', async () => {
    const handlers = await worker();
    await handlers['link/status']({ orgId: orgId(1) });
    cm.refuse = true;
    await expect(handlers['link/delete']({ orgId: orgId(1) })).rejects.toMatchObject({ kind: 'bad-credentials' });
    // The last known status stays beside the failure.
    expect(record(1)).toMatchObject({ status: 'SYNCED', error: { kind: 'bad-credentials' } });
    expect(history()).toEqual([expect.objectContaining({ operation: 'unlink', ok: false, result: 'bad-credentials' })]);
    expect(fake.badges.get(TAB)?.text).toBe('!');
    expect(fake.storage.data.session.get('inFlight')).toEqual({});
    cm.refuse = false;
    await handlers['link/status']({ orgId: orgId(1) });
    expect(record(1)?.error).toBeUndefined();
    expect(fake.badges.get(TAB)?.text).toBe('✓');
  });

  it("a link token used for another org is refused by that org's name unless the user allows it", async () => {
    const handlers = await worker(2);
    await handlers['link/create']({ orgId: orgId(1), linkToken: TOKEN });
    await expect(handlers['link/create']({ orgId: orgId(2), linkToken: TOKEN })).rejects.toMatchObject({
      kind: 'token-reused',
      params: { orgId: orgId(1), orgName: 'Org 1' },
    });
    expect(cm.calls).toEqual([`link ${orgId(1)}`]);
    await handlers['link/create']({ orgId: orgId(2), linkToken: TOKEN, allowTokenReuse: true });
    expect(cm.calls).toEqual([`link ${orgId(1)}`, `link ${orgId(2)}`]);
  });

  it('no key pair of the org: refused before any call, nothing recorded', async () => {
    const handlers = await worker();
    await expect(handlers['link/status']({ orgId: orgId(9) })).rejects.toMatchObject({ kind: 'no-profile' });
    expect(record(9)).toBeUndefined();
    expect(cm.calls).toEqual([]);
  });
});
