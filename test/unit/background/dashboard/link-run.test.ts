// The dashboard's worker-side "create and link" run: each org with a target linked once to it (bounded concurrency),
// rows without a target or already linked skipped with the reason, a 429 re-queued after the pause, an unknown
// outcome checked with a status call and never posted again, one run at a time of either kind; and the rows' Atlas
// targets, refused for an Atlas org the row's client has no Atlas key pair of.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const state = vi.hoisted(() => ({
  /** The link's answer per org and attempt: an error to throw, or the status it ends with. */
  link: (() => undefined) as (orgId: string, attempt: number) => Error | undefined,
  /** The status call's answer after an unknown outcome. */
  check: (() => 'NOT_LINKED') as (orgId: string) => OrgStatusRecord['status'] | Error,
  links: [] as { orgId: string; atlasOrgId: string; at: number }[],
  checks: [] as string[],
  inFlight: 0,
  maxInFlight: 0,
  contents: { profiles: [] as object[] },
}));

// The link itself is faked; the Atlas key pair rule (atlasKeyPairOfClient) is the real one.
vi.mock('../../../../src/background/atlas/create-and-link', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createAndLink: async ({ orgId, atlasOrgId }: { orgId: string; atlasOrgId: string }): Promise<OrgStatusRecord> => {
    state.links.push({ orgId, atlasOrgId, at: Date.now() });
    const attempt = state.links.filter((l) => l.orgId === orgId).length;
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const error = state.link(orgId, attempt);
      if (error) throw error;
      return { orgId, name: `Org ${orgId.slice(-2)}`, status: 'SYNCED', checkedAt: Date.now(), atlasOrgId };
    } finally {
      state.inFlight -= 1;
    }
  },
}));
vi.mock('../../../../src/background/orgs/org-operations', () => ({
  refreshStatus: async (orgId: string): Promise<OrgStatusRecord> => {
    state.checks.push(orgId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answer = state.check(orgId);
    if (answer instanceof Error) throw answer;
    return { orgId, status: answer, checkedAt: Date.now() };
  },
}));
vi.mock('../../../../src/background/vault/vault-store', () => ({
  readContents: async () => state.contents,
}));

const org = (n: number) => n.toString(16).padStart(24, '0');
const orgs = (n: number) => Array.from({ length: n }, (_, i) => org(i + 1));
const ATLAS_A = 'a0000000000000000000000a';
const ATLAS_B = 'b0000000000000000000000b';

/** Status records: org n's target is ATLAS_A for odd n, ATLAS_B for even n, except those listed. */
function seedTargets(n: number, overrides: Record<number, Partial<OrgStatusRecord>> = {}) {
  const table: Record<string, OrgStatusRecord> = {};
  for (let i = 1; i <= n; i++) {
    table[org(i)] = { orgId: org(i), atlasOrgId: i % 2 ? ATLAS_A : ATLAS_B, ...overrides[i] };
  }
  fake.storage.data.local.set('orgStatus', table);
}

async function freshModules() {
  vi.resetModules();
  const run = await import('../../../../src/background/dashboard/link-run');
  const refresh = await import('../../../../src/background/dashboard/refresh-run');
  const { WorkerError } = await import('../../../../src/background/messaging/worker-error');
  return { ...run, ...refresh, WorkerError };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 5_000_000 });
  fake.storage.data.session.clear();
  fake.storage.data.local.clear();
  state.link = () => undefined;
  state.check = () => 'NOT_LINKED';
  state.links = [];
  state.checks = [];
  state.maxInFlight = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('create and link run (worker)', () => {
  it('links each org once to its own target, at most `concurrency` at once, and skips rows with no target or already linked', async () => {
    seedTargets(10, { 3: { atlasOrgId: undefined }, 6: { status: 'SYNCED' }, 7: { status: 'NOT_SYNCED' } });
    const { startLinkRun, refreshProgress } = await freshModules();
    const first = await startLinkRun([...orgs(10), org(11)], 3);
    expect(first).toMatchObject({ kind: 'link', state: 'running', total: 11, skipped: 4, maxConcurrency: 3 });
    expect(first.items.filter((i) => i.state === 'skipped')).toEqual([
      expect.objectContaining({ orgId: org(3), skipReason: 'no-target' }),
      expect.objectContaining({ orgId: org(6), skipReason: 'already-linked' }),
      expect.objectContaining({ orgId: org(7), skipReason: 'already-linked' }),
      expect.objectContaining({ orgId: org(11), skipReason: 'no-target' }),
    ]);

    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    expect(end).toMatchObject({ kind: 'link', state: 'finished', total: 11, succeeded: 7, failed: 0, skipped: 4 });
    expect(state.maxInFlight).toBe(3);
    const linked = [1, 2, 4, 5, 8, 9, 10].map(org);
    expect(state.links.map((l) => l.orgId).sort()).toEqual(linked);
    for (const l of state.links) expect(l.atlasOrgId).toBe(Number.parseInt(l.orgId, 16) % 2 ? ATLAS_A : ATLAS_B);
    expect(end.items.find((i) => i.orgId === org(9))).toMatchObject({ state: 'ok', status: 'SYNCED' });
    expect(end.items.find((i) => i.orgId === org(9))?.checked).toBeUndefined();
    expect(state.checks).toEqual([]);
  });

  it('a 429 was not processed: that org is linked again after the pause, and no other org twice', async () => {
    seedTargets(6);
    state.link = (orgId, attempt) =>
      orgId === org(2) && attempt === 1
        ? new CloudManagerError('rate-limited', { retryAfterSeconds: 3, variant: 'atlas' })
        : undefined;
    const { startLinkRun, refreshProgress } = await freshModules();
    await startLinkRun(orgs(6), 2);
    await vi.advanceTimersByTimeAsync(150);
    const paused = (await refreshProgress())!;
    expect(paused).toMatchObject({ rateLimited: 1, concurrency: 1, pausedUntil: 5_000_000 + 100 + 3000 });
    expect(paused.items.find((i) => i.orgId === org(2))).toMatchObject({
      state: 'queued',
      error: { kind: 'rate-limited' },
    });

    await vi.runAllTimersAsync();
    expect((await refreshProgress())!).toMatchObject({ state: 'finished', succeeded: 6, failed: 0 });
    const attempts = state.links.filter((l) => l.orgId === org(2));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at).toBeGreaterThanOrEqual(5_000_000 + 100 + 3000);
    expect(state.links).toHaveLength(7);
    expect(new Set(state.links.map((l) => l.orgId)).size).toBe(6);
    expect(state.checks).toEqual([]);
  });

  it('an unknown outcome is checked with a status call and never posted again', async () => {
    seedTargets(5);
    const { startLinkRun, refreshProgress, WorkerError } = await freshModules();
    state.link = (orgId) => {
      if (orgId === org(1)) return new CloudManagerError('timeout');
      if (orgId === org(2)) return new CloudManagerError('network');
      if (orgId === org(3)) return new WorkerError('outcome-unknown');
      if (orgId === org(4)) return new CloudManagerError('bad-credentials', { status: 401 });
      return undefined;
    };
    state.check = (orgId) => {
      if (orgId === org(1)) return 'SYNCED';
      if (orgId === org(2)) return 'NOT_LINKED';
      return new CloudManagerError('rate-limited', { retryAfterSeconds: 1 });
    };
    await startLinkRun(orgs(5), 5);
    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    // The check's own 429 is not the link's: the row fails as unknown and is not queued again.
    expect(end).toMatchObject({ state: 'finished', succeeded: 2, failed: 3, rateLimited: 0 });
    expect(state.links.map((l) => l.orgId).sort()).toEqual(orgs(5));
    expect(state.checks.sort()).toEqual([org(1), org(2), org(3)]);
    const item = (n: number) => end.items.find((i) => i.orgId === org(n));
    expect(item(1)).toMatchObject({ state: 'ok', status: 'SYNCED', checked: true });
    expect(item(2)).toMatchObject({ state: 'failed', error: { kind: 'network' }, status: 'NOT_LINKED', checked: true });
    expect(item(3)).toMatchObject({ state: 'failed', error: { kind: 'outcome-unknown' }, checked: true });
    expect(item(3)?.status).toBeUndefined();
    expect(item(4)).toMatchObject({ state: 'failed', error: { kind: 'bad-credentials' } });
    expect(item(4)?.checked).toBeUndefined();
    expect(item(5)).toMatchObject({ state: 'ok', status: 'SYNCED' });
  });

  it('one run at a time: a second link run or a refresh joins the one going; cancel skips the rest', async () => {
    seedTargets(8);
    const { startLinkRun, startRefreshRun, cancelRefreshRun, refreshProgress, isRefreshRunning } = await freshModules();
    const first = await startLinkRun(orgs(8), 2);
    expect((await startLinkRun(orgs(3), 4)).runId).toBe(first.runId);
    expect(startRefreshRun(orgs(3), 4)).toMatchObject({ runId: first.runId, kind: 'link', total: 8 });
    expect(isRefreshRunning()).toBe(true);
    await vi.advanceTimersByTimeAsync(150);
    expect(cancelRefreshRun()).toMatchObject({ state: 'cancelling', kind: 'link' });
    await vi.runAllTimersAsync();
    expect((await refreshProgress())!).toMatchObject({ state: 'cancelled', succeeded: 4, skipped: 4 });
    expect(state.links).toHaveLength(4);
    // The summary kept for a page opened later says which kind of run it was.
    expect(fake.storage.data.session.get('dashboardRefresh')).toMatchObject({ kind: 'link', state: 'cancelled' });
  });

  it('a locked vault stops the run instead of failing every org left', async () => {
    seedTargets(6);
    const { startLinkRun, refreshProgress, WorkerError } = await freshModules();
    state.link = (orgId) => (orgId === org(2) ? new WorkerError('vault-locked') : undefined);
    await startLinkRun(orgs(6), 1);
    await vi.runAllTimersAsync();
    expect((await refreshProgress())!).toMatchObject({ state: 'cancelled', succeeded: 1, failed: 1, skipped: 4 });
    expect(state.links).toHaveLength(2);
  });
});

describe("a row's Atlas target", () => {
  const cm = (n: number, label: string) => ({ id: `cm${n}`, label, side: 'cloud-manager', orgIds: [org(n)] });
  const atlas = (id: string, label: string) => ({ id: `at-${id}`, label, side: 'atlas', orgIds: [], org: { id } });

  beforeEach(() => {
    vi.useRealTimers();
    state.contents = {
      profiles: [cm(1, 'Acme'), cm(2, 'Globex'), atlas(ATLAS_A, 'Acme'), atlas(ATLAS_B, 'Globex ')],
    };
    fake.storage.data.local.set('orgStatus', { [org(3)]: { orgId: org(3), name: 'Visited, no client' } });
  });
  const statusOf = (n: number) => (fake.storage.data.local.get('orgStatus') as Record<string, OrgStatusRecord>)[org(n)];

  it("is set to an Atlas org of the row's client (same label), and cleared", async () => {
    const { setAtlasTarget } = await import('../../../../src/background/dashboard/atlas-target');
    expect(await setAtlasTarget(org(1), ATLAS_A)).toBeNull();
    expect(statusOf(1)).toMatchObject({ orgId: org(1), atlasOrgId: ATLAS_A });
    // Labels are compared trimmed, as everywhere.
    await setAtlasTarget(org(2), ATLAS_B);
    expect(statusOf(2)?.atlasOrgId).toBe(ATLAS_B);
    await setAtlasTarget(org(1), null);
    expect(statusOf(1)?.atlasOrgId).toBeUndefined();
  });

  it("refuses another client's Atlas org, an org with no client, an org not listed, and a bad id", async () => {
    const { setAtlasTarget } = await import('../../../../src/background/dashboard/atlas-target');
    await expect(setAtlasTarget(org(1), ATLAS_B)).rejects.toMatchObject({
      kind: 'no-atlas-key-pair',
      params: { client: 'Acme', atlasOrgId: ATLAS_B },
    });
    await expect(setAtlasTarget(org(3), ATLAS_A)).rejects.toMatchObject({ kind: 'no-profile' });
    await expect(setAtlasTarget(org(9), ATLAS_A)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(setAtlasTarget(org(1), 'not-an-id')).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(statusOf(1)).toBeUndefined();
    expect(statusOf(9)).toBeUndefined();
    // Clearing needs no client.
    await setAtlasTarget(org(3), null);
    expect(statusOf(3)).toMatchObject({ name: 'Visited, no client' });
  });

  it('a list is saved whole or not at all', async () => {
    const { setAtlasTargets } = await import('../../../../src/background/dashboard/atlas-target');
    await expect(
      setAtlasTargets([
        { orgId: org(1), atlasOrgId: ATLAS_A },
        { orgId: org(2), atlasOrgId: ATLAS_A },
      ]),
    ).rejects.toMatchObject({ kind: 'no-atlas-key-pair', params: { client: 'Globex' } });
    expect(statusOf(1)).toBeUndefined();
    expect(
      await setAtlasTargets([
        { orgId: org(1), atlasOrgId: ATLAS_A },
        { orgId: org(2), atlasOrgId: ATLAS_B },
      ]),
    ).toEqual({ saved: 2 });
    expect([statusOf(1)?.atlasOrgId, statusOf(2)?.atlasOrgId]).toEqual([ATLAS_A, ATLAS_B]);
    await expect(setAtlasTargets('nope')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(setAtlasTargets([null])).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
