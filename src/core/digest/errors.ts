// The Digest layer's one error type. Messages describe what was wrong with the exchange, never a credential.
export type DigestErrorKind =
  | 'malformed-challenge'
  | 'unsupported-challenge'
  | 'rspauth-mismatch'
  | 'unreplayable-body'
  | 'invalid-request'
  | 'redirected'
  | 'timeout'
  | 'network'
  | 'aborted';

export class DigestError extends Error {
  override readonly name = 'DigestError';
  readonly kind: DigestErrorKind;
  /** For 'redirected': the host (host:port) the answer pointed to, when it could be read; never a path or query. */
  readonly host?: string;
  constructor(kind: DigestErrorKind, message: string, options?: { cause?: unknown; host?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options?.host !== undefined) this.host = options.host;
  }
}
