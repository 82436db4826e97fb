// The rows' Atlas targets, at their edges: a list (a CSV import) of exactly 5000 targets is saved and one more is
// refused whole, as is a list holding anything but target objects, by the list's own words; each refusal of one
// target says what is wrong (a bad org id as an org address, an org the dashboard does not list, an org with no
// key pair and so no client), and a refused list saves nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const vault = vi.hoisted(() => ({ contents: { profiles: [] as object[] } }));
vi.mock('../../../../src/background/vault/vault-store', () => ({ readContents: async () => vault.contents }));

const org = (n: number) => n.toString(16).padStart(24, '0');
const ATLAS_A = 'a0000000000000000000000a';
const LIST_REFUSED = {
  name: 'WorkerError',
  kind: 'invalid-input',
  params: undefined,
};

/** How the worker refused: the kind and params the UI reads, the words a developer reads. */
async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) return error;
  const { name, kind, params } = error as Error & { kind?: string; params?: Record<string, string> };
  return { name, kind, params };
}

const statusOf = (n: number) => (fake.storage.data.local.get('orgStatus') as Record<string, OrgStatusRecord>)[org(n)];

beforeEach(() => {
  vi.resetModules();
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  // Client Acme: the Cloud Manager key pair of org 1 and the Atlas key pair of ATLAS_A. Org 3 is listed (visited)
  // with no key pair saved.
  vault.contents = {
    profiles: [
      { id: 'cm1', label: 'Acme', side: 'cloud-manager', orgIds: [org(1)] },
      { id: 'atlas-a', label: 'Acme', side: 'atlas', orgIds: [], org: { id: ATLAS_A, name: 'Acme (Atlas)' } },
    ],
  };
  fake.storage.data.local.set('orgStatus', { [org(3)]: { orgId: org(3), name: 'Visited, no client' } });
});

const targets = () => import('../../../../src/background/dashboard/atlas-target');

describe('a list of Atlas targets', () => {
  it('of exactly 5000 targets is saved', async () => {
    const { setAtlasTargets } = await targets();
    const list = Array.from({ length: 5000 }, () => ({ orgId: org(1), atlasOrgId: ATLAS_A }));
    expect(await setAtlasTargets(list)).toEqual({ saved: 5000 });
    expect(statusOf(1)?.atlasOrgId).toBe(ATLAS_A);
  });

  it('of 5001 targets is refused whole, with nothing saved', async () => {
    const { setAtlasTargets } = await targets();
    const list = Array.from({ length: 5001 }, () => ({ orgId: org(1), atlasOrgId: ATLAS_A }));
    expect(await refusal(setAtlasTargets(list))).toEqual(LIST_REFUSED);
    expect(statusOf(1)).toBeUndefined();
  });

  it('that is not a list is refused by the same words', async () => {
    const { setAtlasTargets } = await targets();
    expect(await refusal(setAtlasTargets({ orgId: org(1), atlasOrgId: ATLAS_A }))).toEqual(LIST_REFUSED);
  });

  it('holding anything but target objects (null, text) is refused whole as a list, not as a bad org id', async () => {
    const { setAtlasTargets } = await targets();
    for (const stray of [null, 'text', 7]) {
      expect(await refusal(setAtlasTargets([{ orgId: org(1), atlasOrgId: ATLAS_A }, stray]))).toEqual(LIST_REFUSED);
    }
    expect(statusOf(1)).toBeUndefined();
  });
});

describe('one Atlas target refused', () => {
  it('for a bad org id (of the row or of the Atlas org): an org address that is not one', async () => {
    const { setAtlasTarget } = await targets();
    const expected = {
      name: 'WorkerError',
      kind: 'invalid-input',
      params: { variant: 'org-address' },
    };
    expect(await refusal(setAtlasTarget('not-an-id', ATLAS_A))).toEqual(expected);
    expect(await refusal(setAtlasTarget(org(1), 'not-an-id'))).toEqual(expected);
    expect(statusOf(1)).toBeUndefined();
  });

  it('for an org the dashboard does not list: a target never adds an org', async () => {
    const { setAtlasTarget } = await targets();
    expect(await refusal(setAtlasTarget(org(9), ATLAS_A))).toEqual({
      name: 'WorkerError',
      kind: 'invalid-input',
      params: undefined,
    });
    expect(statusOf(9)).toBeUndefined();
  });

  it('for a listed org with no key pair saved: it has no client to have Atlas orgs', async () => {
    const { setAtlasTarget } = await targets();
    expect(await refusal(setAtlasTarget(org(3), ATLAS_A))).toEqual({
      name: 'WorkerError',
      kind: 'no-profile',
      params: undefined,
    });
    expect(statusOf(3)).toEqual({ orgId: org(3), name: 'Visited, no client' });
  });
});
