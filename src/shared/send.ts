// The pages' one way to reach the worker: a typed request, a typed answer, and errors rethrown as MessageError.
import browser from 'webextension-polyfill';
import type { ErrorView } from './domain';
import { type Envelope, MessageError, type MessageName, type Reply, type RequestOf, type ResponseOf } from './messages';

export async function send<N extends MessageName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> {
  const envelope: Envelope<N> = { name, request };
  let reply: Reply<N> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(envelope)) as Reply<N> | undefined;
  } catch {
    // The worker was stopped or restarted mid-call: the outcome of that call is not known.
    throw new MessageError({ kind: 'outcome-unknown' });
  }
  if (!reply) throw new MessageError({ kind: 'internal' });
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

/** Any failure of a call to the worker as the ErrorView the notices show. */
export const asErrorView = (e: unknown): ErrorView => (e instanceof MessageError ? e.view : { kind: 'internal' });
