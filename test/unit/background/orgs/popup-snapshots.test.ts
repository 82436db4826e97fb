// The org panels the worker keeps for the next popup (shared/popup-snapshot.ts): each context/get's answer kept by
// page and tab address in storage.session, without a secret or a masked key; forgotten by the lock and by every
// vault write; never written back by an answer made before either.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PopupContext } from '../../../../src/shared/domain';
import { type PopupSnapshot, samePanel } from '../../../../src/shared/popup-snapshot';
import { freshWorker, key, orgId, orgPage, storedStatus } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

const kept = () => fake.storage.data.session.get('popupSnapshots') as PopupSnapshot[] | undefined;

async function worker() {
  const w = await freshWorker(fake, cm, key(1), key(2));
  const context = (url?: string) => w.handlers['context/get']({ url }) as Promise<PopupContext>;
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const snapshots = await import('../../../../src/background/orgs/popup-snapshots');
  return { ...w, context, lockNow, snapshots };
}

beforeEach(() => {
  cm.calls = [];
});

describe("the popup's kept panels", () => {
  it("keeps an org page's answer under its address, without a private key or its masked end", async () => {
    const w = await worker();
    await w.handlers['settings/set']({ autoLockMinutes: 5 });
    const before = Date.now();
    const answer = await w.context(orgPage(2));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    const [snapshot] = kept()!;
    expect(snapshot!.urls).toEqual([orgPage(2)]);
    expect(snapshot!.context.org).toEqual(answer.org);
    // Only the key pair that may serve the org, and nothing of its private key.
    expect(snapshot!.context.profiles.map((p) => p.id)).toEqual([w.profiles[1]!.id]);
    expect(snapshot!.context.profiles[0]!.maskedPrivateKey).toBe('');
    for (const n of [1, 2]) expect(JSON.stringify(kept())).not.toContain(key(n).privateKey);
    // Past the auto-lock deadline it was written with, the popup does not paint it.
    expect(snapshot!.until).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(snapshot!.until).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
  });

  it("keeps a page's latest addresses first, one entry per org, the latest orgs first", async () => {
    const w = await worker();
    await w.context(orgPage(1));
    await w.context(orgPage(2));
    await w.context(`${orgPage(1)}?tab=settings`);
    await vi.waitFor(() => expect(kept()?.[0]?.urls).toHaveLength(2));
    expect(kept()!.map((s) => s.context.org?.orgId)).toEqual([orgId(1), orgId(2)]);
    expect(kept()![0]!.urls).toEqual([`${orgPage(1)}?tab=settings`, orgPage(1)]);
  });

  it('forgets every panel when the vault locks, and an answer made before the lock is not written after it', async () => {
    const w = await worker();
    await w.context(orgPage(1));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    const since = w.snapshots.answerStarted();
    const late = await w.context(orgPage(2));
    await w.lockNow();
    expect(fake.storage.data.session.has('popupSnapshots')).toBe(false);
    await w.snapshots.keepForPopup(orgPage(2), late, since);
    expect(fake.storage.data.session.has('popupSnapshots')).toBe(false);
    // Locked, the answer is no panel: nothing is kept for it.
    await w.context(orgPage(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.storage.data.session.has('popupSnapshots')).toBe(false);
  });

  it('forgets every panel when the vault changes, and an answer made before the change is not kept', async () => {
    const w = await worker();
    await w.context(orgPage(1));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    const since = w.snapshots.answerStarted();
    const late = await w.context(orgPage(2));
    await w.handlers['profiles/remove']({ profileId: w.profiles[1]!.id });
    expect(kept() ?? []).toEqual([]);
    await w.snapshots.keepForPopup(orgPage(2), late, since);
    expect(kept() ?? []).toEqual([]);
  });

  it("forgets a page's panel when its answer is no panel any more, and keeps it while a call's outcome is unknown", async () => {
    const w = await worker();
    const answer = await w.context(orgPage(1));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    const since = w.snapshots.answerStarted();
    await w.snapshots.keepForPopup(orgPage(1), { ...answer, interrupted: 'link' }, since);
    expect(kept()).toHaveLength(1);
    await w.snapshots.keepForPopup(orgPage(1), { ...answer, candidates: [] }, since);
    expect(kept()).toEqual([]);
  });

  it("takes each new record of its org (a status check, a link), so that the next popup's panel is the answer", async () => {
    const w = await worker();
    await w.context(orgPage(1));
    await w.context(orgPage(2));
    await vi.waitFor(() => expect(kept()).toHaveLength(2));
    // The popup's own status check: the record's time (at least) changes, and only org 1's panel takes it.
    const before = kept()!.find((s) => s.context.org?.orgId === orgId(2))!;
    const checked = await w.handlers['link/status']({ orgId: orgId(1), profileId: w.profiles[0]!.id });
    expect(checked.checkedAt).toBeGreaterThan(0);
    await vi.waitFor(() => {
      const panel = kept()!.find((s) => s.context.org?.orgId === orgId(1))!;
      expect(panel.context.org).toEqual(storedStatus(fake, orgId(1)));
    });
    // The next popup's answer (asked without keeping it again) is the panel it painted.
    const { popupContext } = await import('../../../../src/background/orgs/popup-context');
    const panel = kept()!.find((s) => s.context.org?.orgId === orgId(1))!;
    expect(samePanel(panel.context, await popupContext(orgPage(1)))).toBe(true);
    expect(kept()!.find((s) => s.context.org?.orgId === orgId(2))).toEqual(before);
    // Locked, no panel is written back by a record saved after.
    await w.lockNow();
    await w.handlers['link/status']({ orgId: orgId(1), profileId: w.profiles[0]!.id }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.storage.data.session.has('popupSnapshots')).toBe(false);
  });

  it('keeps nothing for an answer without a tab address or of a page that is no org or project', async () => {
    const w = await worker();
    const answer = await w.context(orgPage(1));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    const before = kept();
    const since = w.snapshots.answerStarted();
    await w.snapshots.keepForPopup(undefined, answer, since);
    await w.snapshots.keepForPopup('https://example.com/', { ...answer, location: { kind: 'other' } }, since);
    expect(kept()).toEqual(before);
  });

  it("keeps a page's address once, and its 5 latest", async () => {
    const w = await worker();
    const tabs = (...names: string[]) => names.map((tab) => `${orgPage(1)}?tab=${tab}`);
    for (const tab of ['a', 'b', 'a']) await w.context(`${orgPage(1)}?tab=${tab}`);
    await vi.waitFor(() => expect(kept()?.[0]?.urls).toEqual(tabs('a', 'b')));
    for (const tab of ['c', 'd', 'e', 'f']) await w.context(`${orgPage(1)}?tab=${tab}`);
    await vi.waitFor(() => expect(kept()?.[0]?.urls[0]).toBe(`${orgPage(1)}?tab=f`));
    expect(kept()![0]!.urls).toEqual(tabs('f', 'e', 'd', 'c', 'a'));
  });

  it('keeps a panel without a deadline when the vault locks only with the browser', async () => {
    const w = await worker();
    await w.handlers['settings/set']({ autoLockMinutes: 0 });
    await w.context(orgPage(1));
    await vi.waitFor(() => expect(kept()).toHaveLength(1));
    expect(kept()![0]!.until).toBeNull();
  });

  it('keeps at most 20 pages', async () => {
    const w = await worker();
    const answer = await w.context(orgPage(1));
    const since = w.snapshots.answerStarted();
    for (let n = 0; n < 25; n++) {
      const id = n.toString(16).padStart(24, 'a');
      const page = { ...answer, location: { kind: 'org' as const, orgId: id, base: 'https://cloud.mongodb.com' } };
      await w.snapshots.keepForPopup(`https://cloud.mongodb.com/v2#/org/${id}/projects`, page, since);
    }
    expect(kept()).toHaveLength(20);
    expect(kept()![0]!.urls[0]).toContain('18'.padStart(24, 'a'));
  });
});
