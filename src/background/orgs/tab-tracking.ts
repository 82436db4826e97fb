// Keeps each tab's badge on the org it shows as the user browses: the last known status at once, and a fresh one
// from the API only when it is stale, the vault is open and the org is bound to a key pair (no request at all
// while locked, none for an org the user never bound: a page can drive a tab to any org id), within a budget.
import { browser, type TabChange, type TabLike } from '../platform/browser';
import { vaultState } from '../vault/vault-store';
import { paintBadge } from './badge';
import { locate, orgIdOfTab } from './locations';
import { refreshStatusAutomatically } from './org-operations';
import { orgStatus } from './org-state';

export const STALE_AFTER_MS = 10 * 60_000;

// Each update of a tab gets a number; an older update still working when a newer one arrived must not paint over it.
const latestUpdate = new Map<number, number>();
let updates = 0;

export async function onTabUpdated(tabId: number, change: TabChange, tab: TabLike): Promise<void> {
  if (!change.url && change.status !== 'complete') return;
  // Stryker disable next-line UpdateOperator: counting down numbers each update uniquely as well.
  const update = ++updates;
  latestUpdate.set(tabId, update);
  const current = () => latestUpdate.get(tabId) === update;
  const location = await locate(tab.url);
  const orgId = location.kind === 'org' || location.kind === 'group' ? location.orgId : undefined;
  // Falling through would paint {orgId: undefined}, which clears the badge too, and call for no org (none is bound).
  if (!orgId) {
    if (current()) await paintBadge(tabId, undefined);
    return;
  }
  const record = await orgStatus(orgId);
  if (!current()) return;
  // Stryker disable next-line ObjectLiteral: a record without status clears the badge, with or without its id.
  await paintBadge(tabId, record ?? { orgId });
  const fresh = record?.checkedAt !== undefined && Date.now() - record.checkedAt < STALE_AFTER_MS;
  // Without the vault check, readContents would refuse a locked vault (caught below) before any call.
  if (fresh || (await vaultState()) !== 'unlocked') return;
  try {
    await refreshStatusAutomatically(orgId);
  } catch {
    // The call failed: the failure is recorded on the org and painted; nothing else to do.
  }
}

/** The badge tooltip's "checked N minutes ago" is written when painted: repainted while it is on screen. */
export const BADGE_AGE_ALARM = 'badge-age';

/** Repaints the badge (and so the tooltip's age) of the tabs in front, from the last known record. */
export async function repaintShownTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ active: true });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      const orgId = await orgIdOfTab(tab.url);
      // Stryker disable next-line ObjectLiteral: a record without status clears the badge, with or without its id.
      if (orgId) await paintBadge(tab.id, (await orgStatus(orgId)) ?? { orgId });
    }),
  );
}

export async function startBadgeAgeAlarm(): Promise<void> {
  if (!(await browser.alarms.get(BADGE_AGE_ALARM))) {
    await browser.alarms.create(BADGE_AGE_ALARM, { periodInMinutes: 1 });
  }
}
