// Every key the worker keeps in extension storage, in one place, so a scan test and a wipe can name them all.
// storage.local holds only encrypted or non-secret data; storage.session (memory, trusted contexts) the unlocked key.
export const LOCAL = {
  vault: 'vault',
  orgStatus: 'orgStatus',
  groupOrg: 'groupOrg',
  tokenFingerprints: 'tokenFingerprints',
  settings: 'settings',
  unlockFailures: 'unlockFailures',
  history: 'history',
} as const;

export const SESSION = {
  vaultKey: 'vaultKey',
  lastActivity: 'lastActivity',
  nonces: 'digestNonces',
  inFlight: 'inFlight',
} as const;
