// The workspace a backup carries beside the key pairs: the org records (orgs added or bound, their Atlas targets,
// notes and last known status) and, when the user chooses, the history. Restoring it keeps what this browser holds
// (core/vault/workspace-merge.ts says how) and bounds the history as it is always bounded.
import { checkedHistoryEntry, checkedOrg, mergeOrgRecords, WORKSPACE_VERSION, type Workspace } from '../../core/vault';
import { cut } from '../../core/vault/identity';
import type { OrgStatusRecord } from '../../shared/domain';
import type { BackupWorkspaceCounts } from '../../shared/options-messages';
import { mergeIntoHistory, readHistory } from '../orgs/history';
import { noteOf } from '../orgs/note-text';
import { allOrgStatuses } from '../orgs/org-state';
import { orgStatusItem } from '../storage/items';

const cutIfText = (value: unknown) => (typeof value === 'string' ? cut(value) : value);

/** What this browser holds, as a backup carries it: records from before today's rules cleaned, unreadable ones left. */
export async function currentWorkspace(withHistory: boolean): Promise<Workspace> {
  const orgs = Object.values(await allOrgStatuses()).flatMap((record) => {
    const org = checkedOrg({ ...record, name: cutIfText(record.name), note: noteOf(record) });
    return org ? [org] : [];
  });
  const workspace: Workspace = { version: WORKSPACE_VERSION, orgs };
  if (withHistory) {
    workspace.history = (await readHistory()).flatMap((entry) => {
      const { orgNote: _shownOnly, ...kept } = entry;
      const checked = checkedHistoryEntry({
        ...kept,
        orgName: cutIfText(kept.orgName),
        profileLabel: cutIfText(kept.profileLabel),
        publicKey: cutIfText(kept.publicKey),
      });
      return checked ? [checked] : [];
    });
  }
  return workspace;
}

/** What a backup's workspace holds, for its preview; undefined for a backup of key pairs only. */
export function workspaceCounts(workspace: Workspace | undefined): BackupWorkspaceCounts | undefined {
  if (!workspace) return undefined;
  return {
    orgs: workspace.orgs.length,
    targets: workspace.orgs.filter((o) => o.atlasOrgId).length,
    notes: workspace.orgs.filter((o) => o.note).length,
    ...(workspace.history ? { history: workspace.history.length } : {}),
  };
}

/** Restores a backup's workspace into this browser's, keeping what is here; answers what it added. */
export async function restoreWorkspace(workspace: Workspace | undefined): Promise<BackupWorkspaceCounts> {
  if (!workspace) return { orgs: 0, targets: 0, notes: 0, history: 0 };
  const merged = await orgStatusItem.modify((table) => {
    const result = mergeOrgRecords(table, workspace.orgs);
    return [result.table as Record<string, OrgStatusRecord>, result];
  });
  const history = workspace.history ? await mergeIntoHistory(workspace.history) : 0;
  return { orgs: merged.added, targets: merged.targets, notes: merged.notes, history };
}
