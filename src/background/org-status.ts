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

/** Merges `patch` into the org's record; serialised so concurrent refreshes never drop each other. */
export function saveOrgStatus(orgId: string, patch: Partial<OrgStatusRecord>): Promise<OrgStatusRecord> {
  const run = chain.then(async () => {
    const table = await allOrgStatuses();
    const record: OrgStatusRecord = { ...table[orgId], ...patch, orgId };
    table[orgId] = record;
    await browser.storage.local.set({ [LOCAL.orgStatus]: table });
    return record;
  });
  chain = run.catch(() => undefined);
  return run;
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
