// Keeps each tab's badge on the org it shows as the user browses: the last known status at once, and a fresh one
// from the API only when it is stale, the vault is open and the org is bound to a key pair (no request at all
// while locked, none for an org the user never bound: a page can drive a tab to any org id), within a budget.
import type { Tabs } from 'webextension-polyfill';
import { paintBadge } from './badge';
import { locate } from './locations';
import { refreshStatusAutomatically } from './org-operations';
import { orgStatus } from './org-status';
import { vaultState } from './vault-store';

export const STALE_AFTER_MS = 10 * 60_000;

// Each update of a tab gets a number; an older update still working when a newer one arrived must not paint over it.
const latestUpdate = new Map<number, number>();
let updates = 0;

export async function onTabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab): Promise<void> {
  if (!change.url && change.status !== 'complete') return;
  const update = ++updates;
  latestUpdate.set(tabId, update);
  const current = () => latestUpdate.get(tabId) === update;
  const location = await locate(tab.url);
  const orgId = location.kind === 'org' || location.kind === 'group' ? location.orgId : undefined;
  if (!orgId) {
    if (current()) await paintBadge(tabId, undefined);
    return;
  }
  const record = await orgStatus(orgId);
  if (!current()) return;
  await paintBadge(tabId, record ?? { orgId });
  const fresh = record?.checkedAt !== undefined && Date.now() - record.checkedAt < STALE_AFTER_MS;
  if (fresh || (await vaultState()) !== 'unlocked') return;
  try {
    await refreshStatusAutomatically(orgId);
  } catch {
    // The call failed: the failure is recorded on the org and painted; nothing else to do.
  }
}
