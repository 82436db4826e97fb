// The org's one call and its note in storage.session: a second click joins the call, another operation is refused
// as busy, the note is gone however the call ends, and a note left by a stopped worker reads as interrupted.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const notes = () => (fake.storage.data.session.get('inFlight') ?? {}) as Record<string, unknown>;

/** A new worker life: module memory gone, storage kept. */
async function worker() {
  vi.resetModules();
  return import('../../../../src/background/orgs/org-state');
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

describe('the org call running now', () => {
  it('is noted while it runs and forgotten when it succeeds', async () => {
    const state = await worker();
    const call = deferred<string>();
    const run = state.runExclusive(ORG, 'link', () => call.promise);
    await vi.waitFor(() => expect(notes()[ORG]).toMatchObject({ operation: 'link', startedAt: expect.any(Number) }));
    expect(state.runningOperation(ORG)).toBe('link');
    // Running in this worker: not "interrupted".
    expect(await state.interruptedOperation(ORG)).toBeUndefined();
    call.resolve('done');
    expect(await run).toBe('done');
    expect(notes()).toEqual({});
    expect(state.runningOperation(ORG)).toBeUndefined();
  });

  it('is forgotten when it fails too, and the failure reaches the caller', async () => {
    const state = await worker();
    await expect(
      state.runExclusive(ORG, 'unlink', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(notes()).toEqual({});
    expect(state.runningOperation(ORG)).toBeUndefined();
  });

  it('a second click joins the call; another operation is refused as busy', async () => {
    const state = await worker();
    const call = deferred<string>();
    const work = vi.fn(() => call.promise);
    const first = state.runExclusive(ORG, 'status', work);
    const second = state.runExclusive(ORG, 'status', work);
    expect(() => state.runExclusive(ORG, 'link', work)).toThrow(
      expect.objectContaining({ kind: 'busy', params: { operation: 'status', variant: 'status' } }),
    );
    // Another org is not held up.
    expect(await state.runExclusive('bbbbbbbbbbbbbbbbbbbbbbbb', 'link', async () => 'other')).toBe('other');
    call.resolve('one answer');
    expect(await Promise.all([first, second])).toEqual(['one answer', 'one answer']);
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1));
  });

  it("two orgs' calls are noted side by side, and one ending leaves the other's note; busy names the call", async () => {
    const state = await worker();
    const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbb';
    const [one, two] = [deferred<null>(), deferred<null>()];
    const first = state.runExclusive(ORG, 'link', () => one.promise);
    const second = state.runExclusive(OTHER, 'unlink', () => two.promise);
    await vi.waitFor(() => expect(Object.keys(notes()).sort()).toEqual([ORG, OTHER]));
    expect(() => state.runExclusive(ORG, 'status', async () => null)).toThrow(
      expect.objectContaining({ kind: 'busy', params: expect.objectContaining({ operation: 'link' }) }),
    );
    one.resolve(null);
    await first;
    expect(notes()).toEqual({ [OTHER]: { operation: 'unlink', startedAt: expect.any(Number) } });
    two.resolve(null);
    await second;
    expect(notes()).toEqual({});
  });

  it('a call a stopped worker never finished reads as interrupted until the org is called again', async () => {
    const before = await worker();
    void before.runExclusive(ORG, 'link', () => new Promise(() => undefined)); // the worker stops mid-call
    await vi.waitFor(() => expect(notes()[ORG]).toBeDefined());
    const after = await worker();
    expect(after.runningOperation(ORG)).toBeUndefined();
    expect(await after.interruptedOperation(ORG)).toBe('link');
    await after.runExclusive(ORG, 'status', async () => null);
    expect(await after.interruptedOperation(ORG)).toBeUndefined();
  });
});

describe('recorded outcomes', () => {
  it('a failure is kept beside the last known status; the next success clears it', async () => {
    const state = await worker();
    await state.recordSuccess(ORG, { status: 'SYNCED', name: 'Initech' }, 'https://cloud.mongodb.com');
    const failed = await state.recordFailure(ORG, { kind: 'bad-credentials' });
    expect(failed).toMatchObject({ orgId: ORG, name: 'Initech', status: 'SYNCED', error: { kind: 'bad-credentials' } });
    const again = await state.recordSuccess(ORG, { status: 'NOT_SYNCED' }, 'https://cloud.mongodb.com');
    expect(again.error).toBeUndefined();
    expect(await state.orgStatus(ORG)).toMatchObject({ status: 'NOT_SYNCED', name: 'Initech' });
    await state.saveOrgStatus('bbbbbbbbbbbbbbbbbbbbbbbb', { name: 'Other' });
    await state.forgetOrgStatus(ORG);
    expect(await state.allOrgStatuses()).toEqual({
      bbbbbbbbbbbbbbbbbbbbbbbb: { orgId: 'bbbbbbbbbbbbbbbbbbbbbbbb', name: 'Other' },
    });
  });
});
