// The vault's one error type: a kind the UI switches on and a sentence that never contains a secret.
export type VaultErrorKind =
  | 'wrong-passphrase'
  | 'corrupted'
  | 'unsupported-version'
  | 'weak-passphrase'
  | 'not-found'
  | 'invalid-base-url'
  | 'invalid-profile'
  | 'unknown-profile';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly kind: VaultErrorKind;
  constructor(kind: VaultErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
