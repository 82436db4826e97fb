// Every error kind the UI can switch on: the Cloud Manager kinds plus the worker's own (vault, tab, token reuse).
import type { CloudManagerErrorKind } from '../core/cloudmanager';

export type WorkerErrorKind =
  | 'vault-empty'
  | 'vault-locked'
  | 'vault-exists'
  | 'wrong-passphrase'
  | 'weak-passphrase'
  | 'vault-corrupted'
  | 'invalid-backup'
  | 'too-many-attempts'
  | 'no-profile'
  /** The key pair belongs to another org (params orgId, orgName): it never signs a call for this one. */
  | 'key-other-org'
  /** This public key is already saved (params label: the key pair that has it). */
  | 'duplicate-key'
  | 'invalid-input'
  | 'token-reused'
  | 'busy'
  | 'outcome-unknown'
  | 'permission-denied'
  | 'forbidden-sender'
  | 'internal';

export type ErrorKind = CloudManagerErrorKind | WorkerErrorKind;
