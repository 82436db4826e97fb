// Restoring a backup's workspace without losing what this browser holds. Orgs: a current record is kept as it is,
// and only what it lacks (name, Atlas target, note, the link this extension made, a last known status) is taken from
// the backup; an org only the backup holds is added whole. History: the backup's entries not already here are added
// in time order, numbered on from the oldest; the caller bounds the result as the history always is.
import type { WorkspaceHistoryEntry, WorkspaceOrg } from './workspace';

type OrgRecord = Partial<WorkspaceOrg> & { orgId: string };

export interface OrgsMerged<T extends OrgRecord> {
  table: Record<string, T | WorkspaceOrg>;
  /** Orgs the backup added. */
  added: number;
  /** Notes and Atlas targets the backup gave (to a new org or to one that had none). */
  notes: number;
  targets: number;
}

export function mergeOrgRecords<T extends OrgRecord>(
  current: Readonly<Record<string, T>>,
  incoming: readonly WorkspaceOrg[],
): OrgsMerged<T> {
  const table: Record<string, T | WorkspaceOrg> = { ...current };
  const merged: OrgsMerged<T> = { table, added: 0, notes: 0, targets: 0 };
  for (const org of incoming) {
    const mine = current[org.orgId];
    if (org.note && !mine?.note) merged.notes++;
    if (org.atlasOrgId && !mine?.atlasOrgId) merged.targets++;
    if (!mine) {
      table[org.orgId] = org;
      merged.added++;
      continue;
    }
    const filled: T = { ...mine };
    if (!mine.name && org.name) filled.name = org.name;
    if (!mine.atlasOrgId && org.atlasOrgId) filled.atlasOrgId = org.atlasOrgId;
    if (!mine.note && org.note) filled.note = org.note;
    if (!mine.linkMade && org.linkMade) filled.linkMade = org.linkMade;
    // A status goes with the call that answered it and when: the three are taken together or not at all.
    if (!mine.status && org.status) {
      filled.status = org.status;
      if (org.statusFrom) filled.statusFrom = org.statusFrom;
      if (org.checkedAt !== undefined) filled.checkedAt = org.checkedAt;
    }
    table[org.orgId] = filled;
  }
  return merged;
}

/** What makes two entries the same event (names are left out: a later version may cut them otherwise). */
const eventOf = (e: WorkspaceHistoryEntry) =>
  JSON.stringify([
    e.time,
    e.orgId,
    e.operation,
    e.result,
    e.ok,
    e.publicKey ?? '',
    e.tokenFingerprint ?? '',
    e.tokenSource ?? '',
    e.atlasOrgId ?? '',
    e.clearedCount ?? '',
  ]);

export function mergeHistoryEntries<T extends WorkspaceHistoryEntry>(
  current: readonly T[],
  incoming: readonly WorkspaceHistoryEntry[],
): { entries: (T | WorkspaceHistoryEntry)[]; added: number } {
  const seen = new Set(current.map(eventOf));
  const fresh: WorkspaceHistoryEntry[] = [];
  for (const entry of incoming) {
    const event = eventOf(entry);
    if (seen.has(event)) continue;
    seen.add(event);
    fresh.push(entry);
  }
  if (fresh.length === 0) return { entries: [...current], added: 0 };
  // A stable sort: at the same time, this browser's entries stay before the backup's.
  const all = [...current, ...fresh].sort((a, b) => a.time - b.time);
  // Numbered on from the oldest entry's place, so the count of entries the cap dropped still reads from the oldest.
  const first = all[0]?.seq ?? 1;
  return { entries: all.map((e, i) => ({ ...e, seq: first + i })), added: fresh.length };
}
