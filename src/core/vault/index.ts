// The vault's public API: format, crypto, profiles, atomic storage, backups.
export { unlockDelayMs } from './backoff';
export { BACKUP_FORMAT, makeBackup, mergeContents, parseBackup, previewBackup, type VaultBackup } from './backup';
export { DEFAULT_ITERATIONS, isVaultEnvelope, MIN_PASSPHRASE_LENGTH, type VaultEnvelope } from './envelope';
export { deriveVaultKey, exportVaultKey, importVaultKey } from './keys';
export {
  addProfile,
  bindOrg,
  CLOUD_MANAGER_BASE_URL,
  checkKeyShapes,
  type KeyShapeWarning,
  maskSecret,
  normalizeBaseUrl,
  type ProfileInput,
  type PublicProfile,
  profileForOrg,
  publicProfile,
  removeProfile,
  unbindOrg,
  updateProfile,
} from './profiles';
export { readVault, STAGED_KEY, VAULT_KEY, type VaultStorage, writeVaultAtomically } from './storage';
export {
  changePassphrase,
  createVault,
  emptyContents,
  openVaultWithKey,
  type Profile,
  sealVault,
  unlockVault,
  type VaultContents,
} from './vault';
export { VaultError, type VaultErrorKind } from './vault-error';
