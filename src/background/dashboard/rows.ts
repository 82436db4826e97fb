// The dashboard's rows, decided without a browser: every org known from the vault's profile bindings and from the
// stored statuses (visited or added orgs), with its client, last known status, last link or unlink action and Atlas
// target (the one chosen, else the client's only Atlas org by default).
import { atlasTargetOf } from '../../core/vault';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { HistoryEntry, OrgStatusRecord, ProfileView } from '../../shared/domain';
import { noteOf } from '../orgs/note-text';

type ProfileBinding = Pick<ProfileView, 'id' | 'label' | 'orgIds' | 'side' | 'org'>;

/** The user's choice of Atlas target for the org: an Atlas org, explicitly none (null), or none made (undefined). */
export function chosenTarget(record: OrgStatusRecord | undefined): string | null | undefined {
  if (record?.atlasOrgId) return record.atlasOrgId;
  return record?.atlasTargetNone ? null : undefined;
}

export function buildDashboardRows(
  profiles: readonly ProfileBinding[],
  statuses: Readonly<Record<string, OrgStatusRecord>>,
  history: readonly HistoryEntry[],
): DashboardRow[] {
  const clientOf = new Map<string, ProfileBinding>();
  for (const profile of profiles) {
    for (const orgId of profile.orgIds) if (!clientOf.has(orgId)) clientOf.set(orgId, profile);
  }
  // History is appended in time order: the last entry per org is its last action.
  const lastAction = new Map<string, HistoryEntry>();
  for (const entry of history) lastAction.set(entry.orgId, entry);

  const orgIds = new Set<string>([...clientOf.keys(), ...Object.keys(statuses)]);
  return [...orgIds].map((orgId) => {
    const record = statuses[orgId];
    const client = clientOf.get(orgId);
    const action = lastAction.get(orgId);
    const row: DashboardRow = { orgId };
    const name = record?.name ?? action?.orgName;
    if (name) row.name = name;
    if (client) {
      row.profileId = client.id;
      row.profileLabel = client.label;
    }
    if (record?.status) row.status = record.status;
    if (record?.statusFrom) row.statusFrom = record.statusFrom;
    if (record?.checkedAt) row.checkedAt = record.checkedAt;
    if (record?.error) row.error = record.error;
    if (record?.base) row.base = record.base;
    const target = atlasTargetOf(profiles, client?.label, chosenTarget(record));
    if (target.atlasOrgId) row.atlasOrgId = target.atlasOrgId;
    if (target.source !== 'none') row.atlasTarget = target.source;
    const note = noteOf(record);
    if (note) row.note = note;
    if (action)
      row.lastAction = { time: action.time, operation: action.operation, result: action.result, ok: action.ok };
    return row;
  });
}
