// Every error kind the UI can switch on: the Cloud Manager kinds plus the worker's own (vault, tab, token reuse).
import type { CloudManagerErrorKind } from '../core/cloudmanager';

/** The worker's own kinds; the list is the single source of the union type (the catalogue test walks it). */
export const WORKER_ERROR_KINDS = [
  'vault-empty',
  'vault-locked',
  'vault-exists',
  'wrong-passphrase',
  'weak-passphrase',
  'vault-corrupted',
  'invalid-backup',
  'too-many-attempts',
  // No key pair serves the org (variants: project-client, project-elsewhere with orgName).
  'no-profile',
  // The key pair belongs to another org (params orgId, orgName): it never signs a call for this one.
  'key-other-org',
  // This public key is already saved (params label: the key pair that has it).
  'duplicate-key',
  'invalid-input',
  'token-reused',
  // Create-and-link: the client has no Atlas key pair of that Atlas org (params client, atlasOrgId).
  'no-atlas-key-pair',
  // Create-and-link for an Ops Manager org: its key pair holds no external addresses for the token (params client).
  'access-list-ips-missing',
  // The migration cockpit: the org has no Atlas target to ask (params orgId, orgName).
  'no-atlas-target',
  // A start without a passed validation of the same plan (variant pending or failed; none without one).
  'not-validated',
  // A cutover of a migration Atlas does not call ready for it (params status).
  'migration-not-ready',
  // The organization's policy (storage.managed) allows only other Ops Manager servers (params server, servers;
  // variant none: it allows none).
  'server-not-allowed',
  // The organization's policy turned the export of backups off.
  'backup-export-off',
  'busy',
  'outcome-unknown',
  'permission-denied',
  'forbidden-sender',
  'internal',
] as const;

export type WorkerErrorKind = (typeof WORKER_ERROR_KINDS)[number];

export type ErrorKind = CloudManagerErrorKind | WorkerErrorKind;
