// What the Digest client and the token client (core/oauth) do around each request of a call: one signal for the
// call (the caller's cancel and the whole-call limit), a failure to reach the server told apart from those two, and
// no redirect followed: a redirect answer, on any leg, ends the call as the client's 'redirected' error.
import type { ExchangeError, TransportErrorKind } from './exchange-error';
import { redirectOf } from './redirect';
import type { ReplayableRequest } from './replayable-request';

/** The client's own error type (DigestError, OAuthError): the kinds sending can end in are among its kinds. */
export type ExchangeErrorType<E extends ExchangeError<string>> = new (
  kind: Extract<TransportErrorKind, 'aborted' | 'timeout' | 'network' | 'redirected'>,
  options?: { cause?: unknown; host?: string },
) => E;

export interface Exchange<E extends ExchangeError<string>> {
  /** Aborts on the caller's signal or when the call's time is up: every request of the call is sent with it. */
  signal: AbortSignal;
  /** The error a call stopped by `signal` ends in: 'aborted' when the caller cancelled it, else 'timeout'. */
  stopped(): E;
  /** Sends one request of the call; a network failure, an abort and a redirect each throw the client's error. */
  send(init: RequestInit): Promise<Response>;
}

/** The fetch a client calls when its options name none: globalThis.fetch, looked up at each call. */
export const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** Frees the connection of an answer nobody reads. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export function startExchange<E extends ExchangeError<string>>(
  request: ReplayableRequest,
  baseFetch: typeof fetch,
  timeoutMs: number,
  ErrorType: ExchangeErrorType<E>,
): Exchange<E> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const cancelled = (cause?: unknown) => new ErrorType('aborted', cause === undefined ? undefined : { cause });
  const late = (cause?: unknown) => new ErrorType('timeout', cause === undefined ? undefined : { cause });

  return {
    signal,
    stopped: () => (request.signal?.aborted ? cancelled() : late()),
    async send(init) {
      let response: Response;
      try {
        response = await baseFetch(request.url, init);
      } catch (error) {
        if (request.signal?.aborted) throw cancelled(error);
        if (timeout.aborted) throw late(error);
        throw new ErrorType('network', { cause: error });
      }
      const redirect = redirectOf(response, request);
      if (redirect) {
        await discard(response);
        throw new ErrorType('redirected', {
          host: redirect.host,
        });
      }
      return response;
    },
  };
}
