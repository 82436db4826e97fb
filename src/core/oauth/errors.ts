// The token client's own error type, for failures of the exchange itself (transport, redirect, an answer not
// understood). Refusals the user can act on (wrong secret, rate limit, a refused token) are CloudManagerErrors.
// Messages describe what went wrong, never a client secret, a Basic header or a token.
import { ExchangeError, type TransportErrorKind } from '../digest/exchange-error';

export type OAuthErrorKind = 'malformed-token-answer' | TransportErrorKind;

export class OAuthError extends ExchangeError<OAuthErrorKind> {
  override readonly name = 'OAuthError';
}
