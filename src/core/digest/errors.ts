// The Digest layer's one error type. Messages describe what was wrong with the exchange, never a credential.
export type DigestErrorKind =
  | 'malformed-challenge'
  | 'unsupported-challenge'
  | 'rspauth-mismatch'
  | 'unreplayable-body'
  | 'timeout'
  | 'network'
  | 'aborted';

export class DigestError extends Error {
  override readonly name = 'DigestError';
  readonly kind: DigestErrorKind;
  constructor(kind: DigestErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
