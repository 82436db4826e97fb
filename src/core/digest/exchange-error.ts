// What the Digest client's and the token client's errors share: a kind the caller can switch on (also the message,
// so a log line names it; never a credential), and for a refused redirect the host it named.
export class ExchangeError<Kind extends string> extends Error {
  readonly kind: Kind;
  /** For 'redirected': the host (host:port) the answer pointed to, when it could be read; never a path or query. */
  readonly host?: string;
  constructor(kind: Kind, options?: { cause?: unknown; host?: string }) {
    super(kind, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options?.host !== undefined) this.host = options.host;
  }
}

/** The failures every exchange can end in, whichever client sends it: the kinds the shared sending code throws. */
export type TransportErrorKind =
  | 'unreplayable-body'
  | 'invalid-request'
  | 'redirected'
  | 'timeout'
  | 'network'
  | 'aborted';
