// Last known link status per org and the project → org map, in storage.local (no secrets: ids, names, statuses).
// Every change is a serialised update of its table, so concurrent refreshes never drop each other's records.
import type { OrgStatusRecord } from '../shared/messages';
import { groupOrgItem, orgStatusItem } from './storage/items';

export function allOrgStatuses(): Promise<Record<string, OrgStatusRecord>> {
  return orgStatusItem.get();
}

export async function orgStatus(orgId: string): Promise<OrgStatusRecord | undefined> {
  return (await allOrgStatuses())[orgId];
}

/** Merges `patch` into the org's record (creating it: only for orgs the user touched). */
export function saveOrgStatus(orgId: string, patch: Partial<OrgStatusRecord>): Promise<OrgStatusRecord> {
  return orgStatusItem.modify((table) => {
    const record: OrgStatusRecord = { ...table[orgId], ...patch, orgId };
    return [{ ...table, [orgId]: record }, record];
  });
}

/** Forgets what is known of the org's link (the dashboard's "remove from this list"). */
export async function forgetOrgStatus(orgId: string): Promise<void> {
  await orgStatusItem.update((table) => {
    const { [orgId]: _gone, ...rest } = table;
    return rest;
  });
}

export async function orgOfGroupCached(groupId: string): Promise<{ orgId: string; name?: string } | undefined> {
  return (await groupOrgItem.get())[groupId];
}

export async function rememberGroupOrg(groupId: string, orgId: string, name?: string): Promise<void> {
  await groupOrgItem.update((table) => ({ ...table, [groupId]: { orgId, name } }));
}
