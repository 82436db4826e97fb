// The vault's public API: format, crypto, profiles, atomic storage, backups.
export {
  type AtlasOrgHolder,
  type AtlasTarget,
  type AtlasTargetSource,
  atlasOrgsOfClient,
  atlasTargetOf,
  type ChosenAtlasOrg,
} from './atlas-target';
export { unlockDelayMs } from './backoff';
export {
  adoptBackup,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_CHARS,
  makeBackup,
  type OpenedBackup,
  parseBackup,
  previewBackup,
  type VaultBackup,
} from './backup';
export {
  type BaseUrlOptions,
  CLOUD_MANAGER_BASE_URL,
  isInsecureHttp,
  isLoopbackHost,
  normalizeBaseUrl,
} from './base-url';
export { isKeyCredential, KEY_CREDENTIALS, profileCredential } from './credentials';
export {
  DEFAULT_ITERATIONS,
  isVaultEnvelope,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  MIN_PASSPHRASE_LENGTH,
  type VaultEnvelope,
} from './envelope';
export {
  type AddressProblem,
  type ExternalAddresses,
  MAX_EXTERNAL_ADDRESSES,
  parseExternalAddresses,
  readAddressList,
} from './external-addresses';
export type { KeyIdentity } from './identity';
export { deriveVaultKey, exportVaultKey, importVaultKey } from './keys';
export {
  type ConflictChoice,
  type DuplicateKey,
  type MergeConflict,
  type MergeEntry,
  type MergePlan,
  mergeContents,
  planMerge,
} from './merge';
export {
  isHeaderSafe,
  MAX_KEY_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  sameLabel,
} from './profile-rules';
export {
  addProfile,
  bindOrg,
  checkKeyShapes,
  findProfileProblem,
  type KeyShapeWarning,
  maskSecret,
  type ProfileInput,
  type PublicProfile,
  publicProfile,
  removeProfile,
  unbindOrg,
  updateProfile,
} from './profiles';
export {
  addProject,
  atlasKeyPairFor,
  atlasKeyPairsOfClient,
  cloudManagerKeyPairsOfClient,
  profileForOrg,
  profileForProject,
  profileServes,
  profilesServing,
  profileWithKey,
  setIdentity,
  setProjects,
} from './serving';
export {
  checkedCredential,
  keyPairSideProblem,
  requireSideRule,
  type SideProblem,
  sideHasOwnServers,
  sideHasServiceAccounts,
  sideProblem,
} from './side-rules';
export { deriveSide, isKeySide, KEY_SIDES, profileSide } from './sides';
export { readVault, STAGED_KEY, VAULT_KEY, type VaultStorage, writeVaultAtomically } from './storage';
export { type ContentsSource, validateContents } from './validate';
export {
  assertPassphrase,
  changePassphrase,
  createVault,
  emptyContents,
  type KeyCredential,
  type KeyOrg,
  type KeyProject,
  type KeySide,
  openVaultWithKey,
  type Profile,
  sealVault,
  unlockVault,
  type VaultContents,
} from './vault';
export { VaultError, type VaultErrorDetails, type VaultErrorField, type VaultErrorKind } from './vault-error';
export {
  checkedHistoryEntry,
  checkedOrg,
  MAX_HISTORY_ENTRIES,
  openWorkspace,
  type SealedWorkspace,
  sealWorkspace,
  validateWorkspace,
  WORKSPACE_VERSION,
  type Workspace,
  type WorkspaceHistoryEntry,
  type WorkspaceOrg,
} from './workspace';
export { mergeHistoryEntries, mergeOrgRecords } from './workspace-merge';
