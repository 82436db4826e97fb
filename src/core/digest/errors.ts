// The Digest layer's one error type. Messages describe what was wrong with the exchange, never a credential.
import { ExchangeError, type TransportErrorKind } from './exchange-error';

export type DigestErrorKind = 'malformed-challenge' | 'unsupported-challenge' | 'rspauth-mismatch' | TransportErrorKind;

export class DigestError extends ExchangeError<DigestErrorKind> {
  override readonly name = 'DigestError';
}
