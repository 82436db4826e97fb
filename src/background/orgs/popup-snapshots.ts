// Keeps each org panel the worker answers, for the next popup of that page to paint while the worker starts
// (shared/popup-snapshot.ts says why). Written after the answer, never across a lock, dropped with every vault write.

import type { OrgStatusRecord, PopupContext } from '../../shared/domain';
import {
  POPUP_SNAPSHOT_PAGES,
  POPUP_SNAPSHOT_URLS,
  type PopupSnapshot,
  snapshotOf,
  snapshotPage,
} from '../../shared/popup-snapshot';
import { popupSnapshotsItem } from '../storage/items';
import { lockEpoch } from '../vault/session';

// Vault writes so far in this worker's life: an answer made before one is not kept after it.
let vaultWrites = 0;

/** When an answer starts being made: the lock epoch and the vault writes it must outlive neither of. */
export const answerStarted = (): { epoch: number; writes: number } => ({ epoch: lockEpoch(), writes: vaultWrites });

/**
 * Keeps `context` as the panel of its page, or forgets that page's panel when the answer is no org panel. `since`:
 * when the answer started (answerStarted); checked inside the key's queue, so a lock's wipe or a vault write's
 * forgetting is never written over with an older answer.
 */
export async function keepForPopup(
  url: string | undefined,
  context: PopupContext,
  since: { epoch: number; writes: number },
  now = Date.now(),
): Promise<void> {
  const { location } = context;
  if (!url || location.kind === 'other') return;
  const page = snapshotPage(location);
  const kept = snapshotOf(context);
  const minutes = context.autoLockMinutes;
  await popupSnapshotsItem.update((current) => {
    if (since.epoch !== lockEpoch() || since.writes !== vaultWrites) return current;
    const before = current.find((s) => s.page === page);
    const others = current.filter((s) => s !== before);
    // A call whose outcome is unknown is for the worker's answer to show: the panel before it still stands.
    if (!kept) return before && !context.interrupted ? others : current;
    const urls = [url, ...(before?.urls ?? []).filter((u) => u !== url)].slice(0, POPUP_SNAPSHOT_URLS);
    const until = minutes > 0 ? now + minutes * 60_000 : null;
    const snapshot: PopupSnapshot = { page, urls, context: kept, until };
    return [snapshot, ...others].slice(0, POPUP_SNAPSHOT_PAGES);
  });
}

/**
 * The org's record changed (a status check, a link, an unlink): every kept panel of that org takes it, so that the
 * next popup paints what the worker will answer. Kept as it was, the panel differed from the answer by the status
 * check its own popup ran (the record's time at least), and every popup opened again replaced its panel once the
 * answer came: a second render, and any token typed meanwhile gone. Only panels already kept change (a lock's wipe
 * stays empty).
 */
export function keepOrgRecord(record: OrgStatusRecord): Promise<void> {
  const ofOrg = (s: PopupSnapshot) => s.context.org?.orgId === record.orgId;
  return popupSnapshotsItem
    .update((current) =>
      current.some(ofOrg)
        ? current.map((s) => (ofOrg(s) ? { ...s, context: { ...s.context, org: record } } : s))
        : current,
    )
    .then(() => undefined);
}

/** Forgets every kept panel: the vault changed, and a panel may name a key pair or a binding it no longer has. */
export function forgetPopupSnapshots(): Promise<void> {
  vaultWrites += 1;
  return popupSnapshotsItem.remove();
}
