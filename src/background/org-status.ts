// Last known link status per org and the project → org map, in storage.local (no secrets: ids, names, statuses).
import browser from 'webextension-polyfill';
import type { OrgStatusRecord } from '../shared/messages';
import { LOCAL } from './storage-keys';

type StatusTable = Record<string, OrgStatusRecord>;
type GroupTable = Record<string, { orgId: string; name?: string }>;

export async function allOrgStatuses(): Promise<StatusTable> {
  return ((await browser.storage.local.get(LOCAL.orgStatus))[LOCAL.orgStatus] as StatusTable | undefined) ?? {};
}

export async function orgStatus(orgId: string): Promise<OrgStatusRecord | undefined> {
  return (await allOrgStatuses())[orgId];
}

let chain: Promise<unknown> = Promise.resolve();

/** Changes to the table run one after another, so concurrent refreshes never drop each other's records. */
function changeTable<T>(change: (table: StatusTable) => T): Promise<T> {
  const run = chain.then(async () => {
    const table = await allOrgStatuses();
    const result = change(table);
    await browser.storage.local.set({ [LOCAL.orgStatus]: table });
    return result;
  });
  chain = run.catch(() => undefined);
  return run;
}

/** Merges `patch` into the org's record. */
export function saveOrgStatus(orgId: string, patch: Partial<OrgStatusRecord>): Promise<OrgStatusRecord> {
  return changeTable((table) => {
    const record: OrgStatusRecord = { ...table[orgId], ...patch, orgId };
    table[orgId] = record;
    return record;
  });
}

/** Forgets what is known of the org's link (the dashboard's "remove from this list"). */
export function forgetOrgStatus(orgId: string): Promise<void> {
  return changeTable((table) => {
    delete table[orgId];
  });
}

export async function orgOfGroupCached(groupId: string): Promise<{ orgId: string; name?: string } | undefined> {
  const table = ((await browser.storage.local.get(LOCAL.groupOrg))[LOCAL.groupOrg] as GroupTable | undefined) ?? {};
  return table[groupId];
}

export async function rememberGroupOrg(groupId: string, orgId: string, name?: string): Promise<void> {
  const table = ((await browser.storage.local.get(LOCAL.groupOrg))[LOCAL.groupOrg] as GroupTable | undefined) ?? {};
  table[groupId] = { orgId, name };
  await browser.storage.local.set({ [LOCAL.groupOrg]: table });
}
