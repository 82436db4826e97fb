// The message router: accepts messages only from this extension's own pages (the popup and the settings page,
// by exact path), dispatches by name to the handler table's own entries, and answers {ok, value} or
// {ok: false, error}. Every accepted message counts as activity for auto-lock, noted after the answer is sent: the
// popup waits for no session write or alarm.
import type { Envelope, MessageName, Reply } from '../../shared/messages';
import { browser, type MessageSender } from '../platform/browser';
import { noteActivitySoon } from '../vault/auto-lock';
import { toErrorView } from './error-view';
import type { Handlers } from './handlers';

/** The extension pages that may talk to the worker (paths as built: manifest.json names them). */
export const PAGE_PATHS = ['/src/popup/index.html', '/src/options/index.html'] as const;

export function isTrustedSender(sender: MessageSender, extensionOrigin = browser.runtime.getURL('')): boolean {
  if (sender.id !== browser.runtime.id || typeof sender.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // Query and hash may vary (the dashboard is a hash of the settings page); origin and path may not.
  // protocol + host, not url.origin: for chrome-extension: and moz-extension: URLs origin is "null" outside Chromium.
  const base = `${url.protocol}//${url.host}/`;
  return base === extensionOrigin && !url.username && (PAGE_PATHS as readonly string[]).includes(url.pathname);
}

/** `noteAfterAnswer` queues the activity note without waiting for it (a test passes its own to watch the order). */
export function createRouter(handlers: Handlers, noteAfterAnswer: () => void = noteActivitySoon) {
  return async (message: unknown, sender: MessageSender): Promise<Reply<MessageName>> => {
    if (!isTrustedSender(sender)) {
      return {
        ok: false,
        error: { kind: 'forbidden-sender' },
      };
    }
    const envelope = message as Envelope | undefined;
    const name = typeof envelope?.name === 'string' ? envelope.name : undefined;
    // Own entries only: 'constructor', 'toString' and friends are not messages.
    const handler =
      name !== undefined && Object.hasOwn(handlers, name)
        ? (handlers[name as MessageName] as (request: unknown) => Promise<unknown>)
        : undefined;
    if (!handler) return { ok: false, error: { kind: 'internal', params: { variant: 'unknown-message' } } };
    try {
      // Stryker disable next-line OptionalChaining: a handler was found by the envelope's name, so the envelope exists here
      const request = envelope?.request;
      const value = await handler(typeof request === 'object' && request !== null ? request : {});
      if (name !== 'vault/lock') noteAfterAnswer();
      return { ok: true, value } as Reply<MessageName>;
    } catch (error) {
      return { ok: false, error: toErrorView(error) };
    }
  };
}
