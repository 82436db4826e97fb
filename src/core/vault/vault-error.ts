// The vault's one error type: a kind the UI switches on (with an optional variant, the field at fault and safe
// parameters such as a profile's position); its message is only the kind, variant and field, never a value.
import { errorSummary } from '../text/error-summary';

export type VaultErrorKind =
  | 'wrong-passphrase'
  | 'corrupted'
  | 'unsupported-version'
  | 'weak-passphrase'
  | 'not-found'
  | 'invalid-base-url'
  | 'invalid-profile'
  | 'invalid-backup'
  | 'unknown-profile';

/** The profile field an error is about, so a form can put the message beside it. */
export type VaultErrorField =
  | 'id'
  | 'label'
  | 'publicKey'
  | 'privateKey'
  | 'baseUrl'
  | 'insecureHttpConfirmed'
  | 'orgIds'
  | 'org'
  | 'global'
  | 'projects'
  | 'side'
  | 'credential'
  | 'accessListIps'
  | 'createdAt'
  | 'updatedAt';

export interface VaultErrorDetails {
  variant?: string;
  field?: VaultErrorField;
  params?: Record<string, string>;
}

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly kind: VaultErrorKind;
  readonly variant?: string;
  readonly field?: VaultErrorField;
  readonly params?: Record<string, string>;
  constructor(kind: VaultErrorKind, details: VaultErrorDetails = {}) {
    super(errorSummary(kind, details.variant, details.field));
    this.kind = kind;
    if (details.variant !== undefined) this.variant = details.variant;
    if (details.field !== undefined) this.field = details.field;
    if (details.params !== undefined) this.params = details.params;
  }
}
