// The dashboard's worker-side "refresh all" run: bounded concurrency, progress by change number, per-row errors,
// 429 pauses, cancel, a stop when the vault locks, and an interrupted run told apart after a worker restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

// The worker's storage is the one fake browser's; refreshStatus answered by a fake Cloud Manager with 100 ms per call.
const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const state = vi.hoisted(() => ({
  answer: (() => undefined) as (orgId: string, attempt: number) => Error | undefined,
  attempts: new Map<string, number>(),
  inFlight: 0,
  maxInFlight: 0,
}));

vi.mock('../../../../src/background/orgs/org-operations', () => ({
  refreshStatus: async (orgId: string): Promise<OrgStatusRecord> => {
    const attempt = (state.attempts.get(orgId) ?? 0) + 1;
    state.attempts.set(orgId, attempt);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const error = state.answer(orgId, attempt);
      if (error) throw error;
      return { orgId, name: `Org ${orgId.slice(-2)}`, status: 'SYNCED', checkedAt: Date.now() };
    } finally {
      state.inFlight -= 1;
    }
  },
}));

const org = (n: number) => n.toString(16).padStart(24, '0');
const orgs = (n: number) => Array.from({ length: n }, (_, i) => org(i + 1));

async function freshModule() {
  vi.resetModules();
  return import('../../../../src/background/dashboard/refresh-run');
}

beforeEach(() => {
  vi.useFakeTimers({ now: 5_000_000 });
  fake.storage.data.session.clear();
  fake.storage.data.local.clear();
  state.answer = () => undefined;
  state.attempts = new Map();
  state.maxInFlight = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('refresh run (worker)', () => {
  it('checks every org with bounded concurrency and reports only the changes a page has not seen', async () => {
    const { startRefreshRun, refreshProgress } = await freshModule();
    const first = startRefreshRun(orgs(10), 3);
    expect(first).toMatchObject({ state: 'running', total: 10, maxConcurrency: 3 });
    expect(first.items.filter((i) => i.state === 'queued')).toHaveLength(7);
    expect(first.items.filter((i) => i.state === 'running')).toHaveLength(3);

    await vi.advanceTimersByTimeAsync(150);
    const middle = (await refreshProgress(first.seq))!;
    expect(middle.succeeded).toBe(3);
    // Only what changed after `first.seq`: three done, three started.
    expect(middle.items.map((i) => i.state).sort()).toEqual(['ok', 'ok', 'ok', 'running', 'running', 'running']);
    expect(middle.items.find((i) => i.state === 'ok')).toMatchObject({ status: 'SYNCED', name: expect.any(String) });

    await vi.runAllTimersAsync();
    const end = (await refreshProgress(middle.seq))!;
    expect(end).toMatchObject({ state: 'finished', succeeded: 10, failed: 0, running: 0 });
    expect(end.finishedAt).toBeDefined();
    expect(state.maxInFlight).toBe(3);
  });

  it('joins the run already going instead of starting a second one', async () => {
    const { startRefreshRun } = await freshModule();
    const first = startRefreshRun(orgs(5), 2);
    const second = startRefreshRun(orgs(20), 4);
    expect(second.runId).toBe(first.runId);
    expect(second.total).toBe(5);
    await vi.runAllTimersAsync();
    expect(state.attempts.size).toBe(5);
  });

  it('records per-row errors without stopping, and retries a rate-limited org after the pause', async () => {
    state.answer = (orgId, attempt) => {
      if (orgId === org(2)) return new CloudManagerError('bad-credentials', { status: 401 });
      if (orgId === org(4) && attempt === 1) return new CloudManagerError('rate-limited', { retryAfterSeconds: 2 });
      return undefined;
    };
    const { startRefreshRun, refreshProgress } = await freshModule();
    startRefreshRun(orgs(8), 4);
    await vi.advanceTimersByTimeAsync(150);
    const paused = (await refreshProgress())!;
    expect(paused).toMatchObject({ concurrency: 1, rateLimited: 1, pausedUntil: 5_000_000 + 100 + 2000 });
    expect(paused.items.find((i) => i.orgId === org(4))).toMatchObject({
      state: 'queued',
      error: { kind: 'rate-limited' },
    });

    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    expect(end).toMatchObject({ state: 'finished', succeeded: 7, failed: 1 });
    expect(end.items.find((i) => i.orgId === org(2))).toMatchObject({
      state: 'failed',
      error: { kind: 'bad-credentials' },
    });
    expect(end.items.find((i) => i.orgId === org(4))).toMatchObject({ state: 'ok' });
    expect(state.attempts.get(org(4))).toBe(2);
  });

  it('cancel lets calls in flight finish and skips the rest', async () => {
    const { startRefreshRun, cancelRefreshRun, refreshProgress } = await freshModule();
    startRefreshRun(orgs(12), 4);
    await vi.advanceTimersByTimeAsync(50);
    expect(cancelRefreshRun()).toMatchObject({ state: 'cancelling', running: 4 });
    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    expect(end).toMatchObject({ state: 'cancelled', succeeded: 4, skipped: 8 });
    expect(state.attempts.size).toBe(4);
  });

  it('stops when the vault locks mid-run instead of failing every org left', async () => {
    let locked = false;
    const { startRefreshRun, refreshProgress } = await freshModule();
    // The worker's own error class, from the same fresh module graph as the run.
    const { WorkerError } = await import('../../../../src/background/messaging/worker-error');
    state.answer = () => (locked ? new WorkerError('vault-locked') : undefined);
    startRefreshRun(orgs(20), 2);
    await vi.advanceTimersByTimeAsync(250); // two rounds done, the third in flight
    locked = true;
    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    expect(end).toMatchObject({ state: 'cancelled', succeeded: 4, failed: 2, skipped: 14 });
    expect(state.attempts.size).toBe(6);
  });

  it('tells a page that a run was cut short when the worker that ran it was stopped', async () => {
    const before = await freshModule();
    before.startRefreshRun(orgs(6), 2);
    await vi.advanceTimersByTimeAsync(150);
    // A new worker: the module's memory is gone, storage.session is not.
    const after = await freshModule();
    const progress = (await after.refreshProgress())!;
    expect(progress).toMatchObject({ state: 'interrupted', total: 6, running: 0, items: [] });
    expect(await after.refreshProgress()).not.toBeNull();
  });

  it('reads a stored run by its state: running or cancelling was cut short, an ended one stays as it ended', async () => {
    const summary = { runId: 'r', total: 2, succeeded: 1, failed: 0, skipped: 0, running: 1, seq: 3 };
    for (const [stored, read] of [
      ['running', 'interrupted'],
      ['cancelling', 'interrupted'],
      ['cancelled', 'cancelled'],
      ['finished', 'finished'],
    ]) {
      fake.storage.data.session.set('dashboardRefresh', { ...summary, state: stored, pausedUntil: 9 });
      const { refreshProgress } = await freshModule();
      expect(await refreshProgress(1)).toStrictEqual({
        ...summary,
        state: read,
        running: 0,
        pausedUntil: undefined,
        items: [],
      });
    }
  });

  it('has nothing to say before any run', async () => {
    const { refreshProgress, cancelRefreshRun } = await freshModule();
    expect(await refreshProgress()).toBeNull();
    expect(cancelRefreshRun()).toBeNull();
  });

  it('while cancelling, a new start joins the run; cancelling an ended run changes nothing', async () => {
    const { startRefreshRun, cancelRefreshRun, refreshProgress, isRefreshRunning } = await freshModule();
    const first = startRefreshRun(orgs(4), 2);
    expect(cancelRefreshRun()).toMatchObject({ state: 'cancelling' });
    expect(isRefreshRunning()).toBe(true);
    expect(startRefreshRun(orgs(9), 3)).toMatchObject({ runId: first.runId, state: 'cancelling', total: 4 });
    await vi.runAllTimersAsync();
    expect(isRefreshRunning()).toBe(false);
    const end = (await refreshProgress())!;
    expect(end.items.map((i) => i.state)).toEqual(['ok', 'ok', 'skipped', 'skipped']);
    expect(cancelRefreshRun()).toMatchObject({ state: 'cancelled' });
    // Nothing new after the last change seen.
    expect((await refreshProgress(end.seq))!.items).toEqual([]);
  });

  it('only a locked vault stops the run: another worker error fails its own row', async () => {
    const { startRefreshRun, refreshProgress } = await freshModule();
    const { WorkerError } = await import('../../../../src/background/messaging/worker-error');
    state.answer = (orgId) => (orgId === org(1) ? new WorkerError('no-profile') : undefined);
    startRefreshRun(orgs(4), 1);
    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    expect(end).toMatchObject({ state: 'finished', succeeded: 3, failed: 1, skipped: 0 });
    expect(end.items[0]).toMatchObject({ orgId: org(1), state: 'failed', error: { kind: 'no-profile' } });
  });

  it('a final 429 refusal is one change: the row fails with the rate limit', async () => {
    state.answer = () => new CloudManagerError('rate-limited', { retryAfterSeconds: 1 });
    const { startRefreshRun, refreshProgress } = await freshModule();
    startRefreshRun([org(1)], 1);
    await vi.runAllTimersAsync();
    const end = (await refreshProgress())!;
    const attempts = state.attempts.get(org(1))!;
    expect(attempts).toBe(4);
    // queued, then per attempt a start, per retry a queued, and the failure.
    expect(end.seq).toBe(1 + attempts + (attempts - 1) + 1);
    expect(end.items).toMatchObject([{ state: 'failed', error: { kind: 'rate-limited' } }]);
  });

  it('keeps the worker alive during a long pause by saving its progress every 20 s, until it ends', async () => {
    state.answer = (_orgId, attempt) =>
      attempt === 1 ? new CloudManagerError('rate-limited', { retryAfterSeconds: 60 }) : undefined;
    const { startRefreshRun } = await freshModule();
    startRefreshRun([org(1)], 1);
    await vi.advanceTimersByTimeAsync(150);
    fake.storage.data.session.delete('dashboardRefresh');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.storage.data.session.get('dashboardRefresh')).toMatchObject({ state: 'running', rateLimited: 1 });
    await vi.runAllTimersAsync();
    expect(fake.storage.data.session.get('dashboardRefresh')).toMatchObject({ state: 'finished', succeeded: 1 });
    fake.storage.data.session.delete('dashboardRefresh');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.storage.data.session.has('dashboardRefresh')).toBe(false);
  });

  it('a progress that cannot be saved is logged and the run goes on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const set = vi.spyOn(fake.storage.session, 'set').mockRejectedValue(new Error('quota'));
    try {
      const { startRefreshRun, refreshProgress } = await freshModule();
      startRefreshRun(orgs(2), 2);
      await vi.runAllTimersAsync();
      expect(await refreshProgress()).toMatchObject({ state: 'finished', succeeded: 2 });
      expect(warn).toHaveBeenCalledWith('refresh progress not saved:', 'Error: quota');
    } finally {
      set.mockRestore();
      warn.mockRestore();
    }
  });

  it('a fault in its own event handling stops the run, told apart as interrupted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A thrown value that breaks the error view: the run's own handling fails, not the org's check.
    const hostile = Object.defineProperty({}, 'kind', {
      get() {
        throw new Error('broken');
      },
    });
    state.answer = (orgId) => (orgId === org(1) ? (hostile as Error) : undefined);
    try {
      const { startRefreshRun, refreshProgress, isRefreshRunning } = await freshModule();
      startRefreshRun(orgs(3), 1);
      await vi.runAllTimersAsync();
      expect(await refreshProgress()).toMatchObject({ state: 'interrupted', finishedAt: 5_000_100 });
      expect(isRefreshRunning()).toBe(false);
      expect(warn).toHaveBeenCalledWith('refresh run failed:', 'Error: broken');
      expect(fake.storage.data.session.get('dashboardRefresh')).toMatchObject({ state: 'interrupted' });
    } finally {
      warn.mockRestore();
    }
  });
});
