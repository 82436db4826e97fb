// Handlers of encrypted backups: export the envelope as it is, preview a backup file (what a merge or a replace
// would ask), import it by replace or merge. A wrong passphrase or a damaged file changes nothing.
import {
  adoptBackup,
  MIN_PASSPHRASE_LENGTH,
  makeBackup,
  mergeContents,
  parseBackup,
  planMerge,
  previewBackup,
} from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { forgetApiClients } from '../api/api-clients';
import { WorkerError } from '../messaging/worker-error';
import { requireAllowedServers, requireBackupExportAllowed } from '../settings/managed-settings';
import { lockEpoch, rememberVaultKey } from './session';
import { readContents, requireEnvelope, updateContents, withVaultLock, writeEnvelope } from './vault-store';

type BackupMessages = Pick<MessageMap, 'backup/export' | 'backup/preview' | 'backup/import'>;

export const backupHandlers: HandlersOf<BackupMessages> = {
  async 'backup/export'() {
    await requireBackupExportAllowed();
    await readContents(); // only while unlocked
    return {
      text: makeBackup(await requireEnvelope(), Date.now()),
      fileName: `atlas-link-vault-${new Date().toISOString().slice(0, 10)}.json`,
    };
  },

  async 'backup/preview'({ text, passphrase }) {
    const { labels, contents: incoming } = await previewBackup(parseBackup(text), passphrase);
    // A backup holding a key pair of a server the organization does not allow is refused before it is offered.
    await requireAllowedServers(incoming.profiles);
    const plan = planMerge(await readContents(), incoming);
    return {
      labels,
      conflicts: plan.conflicts.map(({ currentLabel, incomingLabel }) => ({ currentLabel, incomingLabel })),
      duplicateKeys: plan.duplicateKeys.map(({ label, currentLabel }) => ({ label, currentLabel })),
      weakPassphrase: passphrase.length < MIN_PASSPHRASE_LENGTH,
    };
  },

  async 'backup/import'({ text, passphrase, mode, onConflict, newPassphrase }) {
    const backup = parseBackup(text);
    // Before the vault is opened: a lock that comes while it opens is final (the replace keeps no key).
    const since = lockEpoch();
    await readContents(); // only while unlocked
    if (mode === 'replace') {
      // Validated field by field and sealed anew (under a new passphrase when the backup's is below the rule).
      const adopted = await adoptBackup(backup, passphrase, newPassphrase || undefined);
      await requireAllowedServers(adopted.contents.profiles);
      await withVaultLock(async () => {
        await writeEnvelope(adopted.envelope, adopted.key);
        await rememberVaultKey(adopted.key, since);
      });
      forgetApiClients();
      return { profiles: adopted.contents.profiles.length };
    }
    const { contents: incoming } = await previewBackup(backup, passphrase);
    await requireAllowedServers(incoming.profiles);
    const choice = onConflict ?? 'keep-both'; // nothing is lost when the page did not say
    if (!['keep-current', 'take-backup', 'keep-both'].includes(choice)) {
      throw new WorkerError('invalid-input', 'Choose which version of a changed key pair to keep.');
    }
    const merged = await updateContents((current) => {
      const contents = mergeContents(current, incoming, { onConflict: choice });
      return { contents, result: contents.profiles.length };
    });
    forgetApiClients();
    return { profiles: merged };
  },
};
