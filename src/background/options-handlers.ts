// Handlers for the options page: edit and test key pairs, change the passphrase (atomically), encrypted backups.
// A wrong passphrase or a damaged backup file changes nothing.

import { CloudManagerError } from '../core/cloudmanager';
import {
  adoptBackup,
  changePassphrase,
  type KeyIdentity,
  MIN_PASSPHRASE_LENGTH,
  makeBackup,
  mergeContents,
  type Profile,
  parseBackup,
  planMerge,
  previewBackup,
  publicProfile,
  setIdentity,
  updateProfile,
} from '../core/vault';
import type { HandlersOf } from '../shared/messages';
import type { OptionsMessages } from '../shared/options-messages';
import { apiFor, forgetApiClients } from './api-clients';
import { identifyKey, requireNewKey } from './key-identity';
import { lockEpoch, rememberVaultKey } from './session';
import { readContents, requireEnvelope, updateContents, withVaultLock, writeEnvelope } from './vault-store';
import { keyOfOtherOrg, WorkerError } from './worker-error';

const sameKey = (a: Profile, b: Profile) =>
  a.publicKey === b.publicKey && a.privateKey === b.privateKey && a.baseUrl === b.baseUrl;

export const optionsHandlers: HandlersOf<OptionsMessages> = {
  async 'profiles/update'({ profileId, patch }) {
    const now = Date.now();
    const contents = await readContents();
    const current = contents.profiles.find((p) => p.id === profileId);
    const draft = updateProfile(contents, profileId, patch, now).profile;
    // A new key or server is asked which org it belongs to: a key pair stays the key pair of one org.
    let identity: KeyIdentity | undefined;
    if (current && !sameKey(current, draft)) {
      requireNewKey(contents, draft, { except: profileId });
      identity = await identifyKey(draft);
      if (current.org && (identity.kind !== 'org' || identity.org.id !== current.org.id)) {
        throw keyOfOtherOrg(identity.kind === 'org' ? identity.org : undefined);
      }
    }
    const profile = await updateContents((latest) => {
      const result = updateProfile(latest, profileId, patch, now);
      const next = identity ? setIdentity(result.contents, profileId, identity) : result.contents;
      return { contents: next, result: next.profiles.find((p) => p.id === profileId)! };
    });
    forgetApiClients();
    return { profile: publicProfile(profile) };
  },

  async 'profiles/test'({ profileId, orgId }) {
    const profile = (await readContents()).profiles.find((p) => p.id === profileId);
    if (!profile) throw new WorkerError('no-profile', 'That key pair is no longer in the vault.');
    // Which org the key belongs to now (a key pair saved before keys were identified learns it here).
    const identity = await identifyKey(profile);
    await updateContents((c) => ({ contents: setIdentity(c, profileId, identity), result: null }));
    const target = identity.kind === 'org' ? identity.org.id : (orgId ?? profile.orgIds[0]);
    if (!target)
      throw new WorkerError('invalid-input', 'Give an org id (or its address) to test this global key against.');
    const api = apiFor(profile);
    const name = identity.kind === 'org' ? identity.org.name : (await api.organization(target)).name;
    // The status of the link needs Organization Owner, as linking does: a read-only key is told so here.
    try {
      await api.linkStatus(target);
      return { orgId: target, name, canLink: true };
    } catch (error) {
      if (error instanceof CloudManagerError && error.kind === 'not-org-owner') {
        return { orgId: target, name, canLink: false };
      }
      throw error;
    }
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
