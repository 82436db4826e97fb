// Handlers of encrypted backups: export the vault's envelope with the workspace sealed beside it (history when
// chosen), preview a backup file (what a merge or a replace would ask, and what it holds), import it by replace or
// merge, or restore it on a fresh install (no vault yet: it becomes the vault, under its passphrase or a new one).
// A wrong passphrase or a damaged file changes nothing.
import {
  adoptBackup,
  emptyContents,
  type MergePlan,
  MIN_PASSPHRASE_LENGTH,
  makeBackup,
  mergeContents,
  openVaultWithKey,
  parseBackup,
  planMerge,
  previewBackup,
  readVault,
  sealWorkspace,
  type VaultContents,
} from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { forgetApiClients } from '../api/api-clients';
import { WorkerError } from '../messaging/worker-error';
import { requireAllowedServers, requireBackupExportAllowed } from '../settings/managed-settings';
import { vaultStorage } from '../storage/items';
import { currentWorkspace, restoreWorkspace, workspaceCounts } from './backup-workspace';
import { currentVaultKey, lockEpoch, lockedMeanwhile, rememberVaultKey } from './session';
import { readContents, requireEnvelope, updateContents, vaultState, withVaultLock, writeEnvelope } from './vault-store';

type BackupMessages = Pick<MessageMap, 'backup/export' | 'backup/preview' | 'backup/import'>;

/** The vault's contents to merge into, or undefined on a fresh install (no vault: a restore sets it up). */
async function currentOrFresh(): Promise<VaultContents | undefined> {
  if ((await vaultState()) === 'empty') return undefined;
  return readContents(); // only while unlocked
}

/** Key pairs the vault holds already, the same credential: under the same id unchanged, or under another id. */
const alreadyHeld = (plan: MergePlan) => [
  ...plan.unchanged.map(({ label }) => ({ label, currentLabel: label })),
  ...plan.identical.map(({ label, currentLabel }) => ({ label, currentLabel })),
];

export const backupHandlers: HandlersOf<BackupMessages> = {
  async 'backup/export'({ history } = {}) {
    await requireBackupExportAllowed();
    await readContents(); // only while unlocked
    // The envelope and the key read together, under the lock: the workspace is sealed under the key that opens
    // this very envelope (a passphrase change meanwhile cannot pair them wrongly).
    const { envelope, key } = await withVaultLock(async () => {
      const stored = await requireEnvelope();
      const current = await currentVaultKey();
      if (!current) throw lockedMeanwhile();
      await openVaultWithKey(stored, current);
      return { envelope: stored, key: current };
    });
    const workspace = await sealWorkspace(await currentWorkspace(history === true), key, envelope);
    return {
      text: makeBackup(envelope, Date.now(), workspace),
      fileName: `atlas-link-vault-${new Date().toISOString().slice(0, 10)}.json`,
    };
  },

  async 'backup/preview'({ text, passphrase }) {
    const { labels, contents: incoming, workspace } = await previewBackup(parseBackup(text), passphrase);
    // A backup holding a key pair of a server the organization does not allow is refused before it is offered.
    await requireAllowedServers(incoming.profiles);
    const current = await currentOrFresh();
    const plan = planMerge(current ?? emptyContents(), incoming);
    const counts = workspaceCounts(workspace);
    return {
      labels,
      conflicts: plan.conflicts.map(({ currentLabel, incomingLabel }) => ({ currentLabel, incomingLabel })),
      duplicateKeys: plan.duplicateKeys.map(({ label, currentLabel }) => ({ label, currentLabel })),
      identical: alreadyHeld(plan),
      weakPassphrase: passphrase.length < MIN_PASSPHRASE_LENGTH,
      fresh: !current,
      ...(counts ? { workspace: counts } : {}),
    };
  },

  async 'backup/import'({ text, passphrase, mode, onConflict, newPassphrase }) {
    const backup = parseBackup(text);
    // Before the vault is opened: a lock that comes while it opens is final (the replace keeps no key).
    const since = lockEpoch();
    const current = await currentOrFresh();
    if (mode === 'replace' || !current) {
      // Validated field by field and sealed anew (under a new passphrase when the backup's is below the rule).
      const adopted = await adoptBackup(backup, passphrase, newPassphrase || undefined);
      await requireAllowedServers(adopted.contents.profiles);
      await withVaultLock(async () => {
        // A restore on a fresh install sets the vault up: one set up meanwhile (another window) is never replaced
        // by someone who has not unlocked it.
        if (!current && (await readVault(vaultStorage))) {
          throw new WorkerError('vault-exists');
        }
        await writeEnvelope(adopted.envelope, adopted.key);
        await rememberVaultKey(adopted.key, since);
      });
      forgetApiClients();
      const restored = await restoreWorkspace(adopted.workspace);
      return { profiles: adopted.contents.profiles.length, skipped: [], restored };
    }
    const { contents: incoming, workspace } = await previewBackup(backup, passphrase);
    await requireAllowedServers(incoming.profiles);
    const choice = onConflict ?? 'keep-both'; // nothing is lost when the page did not say
    if (!['keep-current', 'take-backup', 'keep-both'].includes(choice)) {
      throw new WorkerError('invalid-input');
    }
    const merged = await updateContents((vault) => {
      const contents = mergeContents(vault, incoming, { onConflict: choice });
      return {
        contents,
        result: { profiles: contents.profiles.length, skipped: alreadyHeld(planMerge(vault, incoming)) },
      };
    });
    forgetApiClients();
    return { ...merged, restored: await restoreWorkspace(workspace) };
  },
};
