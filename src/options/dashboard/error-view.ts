// Any failure of a message to the worker as the ErrorView the notices show.
import { type ErrorView, MessageError } from '../../shared/messages';

export const asErrorView = (e: unknown): ErrorView =>
  e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) };
