// Handlers for the options page: edit and test key pairs, change the passphrase (atomically), encrypted backups.
// A wrong passphrase or a damaged backup file changes nothing.
import {
  adoptBackup,
  changePassphrase,
  MIN_PASSPHRASE_LENGTH,
  makeBackup,
  mergeContents,
  parseBackup,
  planMerge,
  previewBackup,
  publicProfile,
  updateProfile,
} from '../core/vault';
import type { HandlersOf } from '../shared/messages';
import type { OptionsMessages } from '../shared/options-messages';
import { apiFor, forgetApiClients } from './api-clients';
import { lockEpoch, rememberVaultKey } from './session';
import { readContents, requireEnvelope, updateContents, withVaultLock, writeEnvelope } from './vault-store';
import { WorkerError } from './worker-error';

export const optionsHandlers: HandlersOf<OptionsMessages> = {
  async 'profiles/update'({ profileId, patch }) {
    const profile = await updateContents((current) => {
      const result = updateProfile(current, profileId, patch, Date.now());
      return { contents: result.contents, result: result.profile };
    });
    forgetApiClients();
    return { profile: publicProfile(profile) };
  },

  async 'profiles/test'({ profileId, orgId }) {
    const contents = await readContents();
    const profile = contents.profiles.find((p) => p.id === profileId);
    if (!profile) throw new WorkerError('no-profile', 'That key pair is no longer in the vault.');
    const target = orgId ?? profile.orgIds[0];
    if (!target) throw new WorkerError('invalid-input', 'Give an org id (or its Cloud Manager URL) to test against.');
    const org = await apiFor(profile).organization(target);
    return { orgId: org.id, name: org.name };
  },

  async 'vault/change-passphrase'({ oldPassphrase, newPassphrase }) {
    const since = lockEpoch();
    // Inside the vault lock: a key pair saved meanwhile waits, then lands in the re-encrypted vault.
    await withVaultLock(async () => {
      const next = await changePassphrase(await requireEnvelope(), oldPassphrase, newPassphrase);
      // The old vault stays in place until the new one has been read back and opened with its key.
      await writeEnvelope(next.envelope, next.key);
      await rememberVaultKey(next.key, since);
    });
    return null;
  },

  async 'backup/export'() {
    await readContents(); // only while unlocked
    return {
      text: makeBackup(await requireEnvelope(), Date.now()),
      fileName: `atlas-link-vault-${new Date().toISOString().slice(0, 10)}.json`,
    };
  },

  async 'backup/preview'({ text, passphrase }) {
    const { labels, contents: incoming } = await previewBackup(parseBackup(text), passphrase);
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
    await readContents(); // only while unlocked
    if (mode === 'replace') {
      const since = lockEpoch();
      // Validated field by field and sealed anew (under a new passphrase when the backup's is below the rule).
      const adopted = await adoptBackup(backup, passphrase, newPassphrase || undefined);
      await withVaultLock(async () => {
        await writeEnvelope(adopted.envelope, adopted.key);
        await rememberVaultKey(adopted.key, since);
      });
      forgetApiClients();
      return { profiles: adopted.contents.profiles.length };
    }
    const { contents: incoming } = await previewBackup(backup, passphrase);
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
