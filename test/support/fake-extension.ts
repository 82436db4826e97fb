// A stand-in for webextension-polyfill in component tests: i18n from the real English catalogue, and
// runtime.sendMessage answered by per-message handlers, recording every request.
import { messagesOf } from './catalogue';

export { messagesOf };
export const message = messagesOf('en');

export type Handler = (request: never) => unknown;

export function fakeExtension() {
  const handlers: Record<string, Handler> = {};
  const sent: { name: string; request: Record<string, unknown> }[] = [];
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
    },
  };
  return { browser, handlers, sent };
}
