// The token client's own error type, for failures of the exchange itself (transport, redirect, an answer not
// understood). Refusals the user can act on (wrong secret, rate limit, a refused token) are CloudManagerErrors.
// Messages describe what went wrong, never a client secret, a Basic header or a token.
export type OAuthErrorKind =
  | 'malformed-token-answer'
  | 'unreplayable-body'
  | 'invalid-request'
  | 'redirected'
  | 'timeout'
  | 'network'
  | 'aborted';

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly kind: OAuthErrorKind;
  /** For 'redirected': the host (host:port) the answer pointed to, when it could be read; never a path or query. */
  readonly host?: string;
  constructor(kind: OAuthErrorKind, message: string, options?: { cause?: unknown; host?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options?.host !== undefined) this.host = options.host;
  }
}
