// A stand-in for webextension-polyfill in component tests: i18n from the real English catalogue, and
// runtime.sendMessage answered by per-message handlers, recording every request; runtime.onMessage's listeners hear
// what a test says the worker told the pages (`toPages`).
import { messagesOf } from './catalogue';

export { messagesOf };
export const message = messagesOf('en');

export type Handler = (request: never) => unknown;

export function fakeExtension() {
  const handlers: Record<string, Handler> = {};
  const sent: { name: string; request: Record<string, unknown> }[] = [];
  const listeners = new Set<(message: unknown) => unknown>();
  const browser = {
    i18n: { getMessage: message, getUILanguage: () => 'en' },
    runtime: {
      async sendMessage(envelope: { name: string; request: Record<string, unknown> }) {
        sent.push(envelope);
        const handler = handlers[envelope.name];
        if (!handler) return { ok: false, error: { kind: 'internal' } };
        try {
          return { ok: true, value: await (handler as (r: unknown) => unknown)(envelope.request) };
        } catch (error) {
          return { ok: false, error };
        }
      },
      onMessage: {
        addListener: (listener: (message: unknown) => unknown) => void listening(listener, true),
        removeListener: (listener: (message: unknown) => unknown) => void listening(listener, false),
      },
    },
  };
  function listening(listener: (message: unknown) => unknown, add: boolean) {
    if (add) listeners.add(listener);
    else listeners.delete(listener);
  }
  /** What each page listener answered (a page must answer nothing: the worker answers the pages' requests). */
  const toPages = (message: unknown) => [...listeners].map((listener) => listener(message));
  return { browser, handlers, sent, toPages, listeners };
}
