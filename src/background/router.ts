// The message router: accepts messages only from this extension's own pages, dispatches by name, and answers
// {ok, value} or {ok: false, error}. Every accepted message counts as activity for auto-lock.
import browser, { type Runtime } from 'webextension-polyfill';
import type { Envelope, MessageName, Reply } from '../shared/messages';
import { noteActivity } from './auto-lock';
import { toErrorView } from './error-view';
import type { Handlers } from './message-handlers';

export function isTrustedSender(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  // Content scripts of this extension would carry a tab; this extension has none, and web pages may not talk to it.
  if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL(''))) return false;
  return Boolean(sender.url?.startsWith(browser.runtime.getURL('')));
}

export function createRouter(handlers: Handlers) {
  return async (message: unknown, sender: Runtime.MessageSender): Promise<Reply<MessageName>> => {
    if (!isTrustedSender(sender)) {
      return {
        ok: false,
        error: { kind: 'forbidden-sender', message: 'Messages are accepted only from this extension.' },
      };
    }
    const envelope = message as Envelope;
    const handler = handlers[envelope?.name] as ((request: unknown) => Promise<unknown>) | undefined;
    if (!handler)
      return { ok: false, error: { kind: 'internal', message: `Unknown message ${String(envelope?.name)}.` } };
    try {
      const value = await handler(envelope.request ?? {});
      if (envelope.name !== 'vault/lock') await noteActivity().catch(() => undefined);
      return { ok: true, value } as Reply<MessageName>;
    } catch (error) {
      return { ok: false, error: toErrorView(error) };
    }
  };
}
