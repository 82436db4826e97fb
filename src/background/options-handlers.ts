// Handlers for the options page: edit and test key pairs, change the passphrase (atomically), encrypted backups.
// A wrong passphrase or a damaged backup file changes nothing.
import {
  changePassphrase,
  makeBackup,
  mergeContents,
  openVaultWithKey,
  parseBackup,
  previewBackup,
  publicProfile,
  readVault,
  unlockVault,
  updateProfile,
  writeVaultAtomically,
} from '../core/vault';
import type { HandlersOf } from '../shared/messages';
import type { OptionsMessages } from '../shared/options-messages';
import { apiFor, forgetApiClients } from './api-clients';
import { rememberVaultKey } from './session';
import { localVaultStorage, readContents, updateContents } from './vault-store';
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
    const envelope = await readVault(localVaultStorage);
    if (!envelope) throw new WorkerError('vault-empty', 'No vault yet.');
    const next = await changePassphrase(envelope, oldPassphrase, newPassphrase);
    // The old vault stays in place until the new one has been read back and opened with its key.
    await writeVaultAtomically(localVaultStorage, next.envelope, async (written) => {
      await openVaultWithKey(written, next.key);
    });
    await rememberVaultKey(next.key);
    return null;
  },

  async 'backup/export'() {
    await readContents(); // only while unlocked
    const envelope = await readVault(localVaultStorage);
    if (!envelope) throw new WorkerError('vault-empty', 'No vault yet.');
    return {
      text: makeBackup(envelope, Date.now()),
      fileName: `atlas-link-vault-${new Date().toISOString().slice(0, 10)}.json`,
    };
  },

  async 'backup/preview'({ text, passphrase }) {
    const { labels } = await previewBackup(parseBackup(text), passphrase);
    return { labels };
  },

  async 'backup/import'({ text, passphrase, mode }) {
    const backup = parseBackup(text);
    const { contents: incoming } = await previewBackup(backup, passphrase);
    if (mode === 'replace') {
      // The backup keeps its own passphrase: the vault becomes the backup, unlocked with the key it was opened with.
      const { key, upgraded } = await unlockVault(backup.envelope, passphrase);
      const adopted = upgraded ?? backup.envelope;
      await writeVaultAtomically(localVaultStorage, adopted, async (written) => {
        await openVaultWithKey(written, key);
      });
      await rememberVaultKey(key);
      forgetApiClients();
      return { profiles: incoming.profiles.length };
    }
    const merged = await updateContents((current) => {
      const contents = mergeContents(current, incoming, 'merge');
      return { contents, result: contents.profiles.length };
    });
    forgetApiClients();
    return { profiles: merged };
  },
};
