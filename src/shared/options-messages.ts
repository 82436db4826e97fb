// Messages of the options page: editing key pairs, testing one, the passphrase, encrypted backups.
import type { ProfileInput, ProfileView } from './domain';

/** What a backup holds, before anything is imported: labels, and what a merge or a replace would need asked. */
export interface BackupPreview {
  labels: string[];
  /** Key pairs the vault holds under the same id, changed since (a merge asks which to keep). */
  conflicts: { currentLabel: string; incomingLabel: string }[];
  /** Key pairs of the backup whose public key the vault already holds under another name. */
  duplicateKeys: { label: string; currentLabel: string }[];
  /** Key pairs the vault already holds, the same credential (under the same name or another): a merge skips them. */
  identical: { label: string; currentLabel: string }[];
  /** The backup's passphrase is below today's rule: a replace asks for a new one. */
  weakPassphrase: boolean;
  /** No vault here yet (a fresh install): the backup can only be restored, and then sets the passphrase. */
  fresh: boolean;
  /** What the backup holds beside key pairs (format 2); absent: an older backup of key pairs only. */
  workspace?: BackupWorkspaceCounts;
}

/** Orgs (added or bound), their Atlas targets and notes, and history entries: held by a backup, or restored. */
export interface BackupWorkspaceCounts {
  orgs: number;
  targets: number;
  notes: number;
  /** Absent in a preview: the backup holds no history (it was not chosen). */
  history?: number;
}

export type OptionsMessages = {
  /**
   * Edits a key pair; a new key or server is asked again which org it belongs to. `patch.side` may move a key pair
   * between Cloud Manager and Ops Manager, never to or from Atlas; `patch.accessListIps` (Ops Manager) replaces the
   * saved addresses, checked again by the worker.
   */
  'profiles/update': {
    request: { profileId: string; patch: Partial<ProfileInput> };
    response: { profile: ProfileView };
  };
  /**
   * Asks the server which org the key belongs to, then whether it can link there (a call that needs Organization
   * Owner). `orgId` only for a global key. canLink false: the key reads but lacks the Organization Owner role.
   * An Atlas key pair (side 'atlas') is asked of the Atlas API which Atlas org it belongs to, and nothing more: its
   * role shows when a link token is made (canLink is then true, meaning not known to fail).
   */
  'profiles/test': {
    request: { profileId: string; orgId?: string };
    response: { orgId: string; name: string; canLink: boolean; side?: 'atlas' };
  };
  /**
   * Gives every key pair of the client `from` (its label) the name `to`, in one vault write. A name another client
   * has is refused (invalid-input, variant client-exists) unless `join`: then the two clients become one. History
   * keeps the names its entries were recorded under.
   */
  'clients/rename': { request: { from: string; to: string; join?: boolean }; response: { renamed: number } };
  'vault/change-passphrase': { request: { oldPassphrase: string; newPassphrase: string }; response: null };
  /** `history`: the history goes into the backup too (the user's choice). */
  'backup/export': { request: { history?: boolean }; response: { text: string; fileName: string } };
  'backup/preview': { request: { text: string; passphrase: string }; response: BackupPreview };
  'backup/import': {
    request: {
      text: string;
      passphrase: string;
      mode: 'replace' | 'merge';
      /** Merge: what to do with a key pair the vault holds in another version (default: keep both). */
      onConflict?: 'keep-current' | 'take-backup' | 'keep-both';
      /** Replace: the vault's new passphrase, needed when the backup's own is below today's rule. */
      newPassphrase?: string;
    };
    /**
     * With no vault yet, any mode restores the backup as the vault. `skipped`: the key pairs a merge did not add
     * because the vault holds them already; `restored`: what the workspace added.
     */
    response: {
      profiles: number;
      skipped: { label: string; currentLabel: string }[];
      restored: BackupWorkspaceCounts;
    };
  };
};
