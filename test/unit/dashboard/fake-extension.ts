// A stand-in for webextension-polyfill in component tests: i18n from the real English catalogue, and
// runtime.sendMessage answered by per-message handlers, recording every request.
import catalogue from '../../../public/_locales/en/messages.json';
import korean from '../../../public/_locales/ko/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

/** browser.i18n.getMessage over one of the extension's real catalogues. */
export function messagesOf(locale: 'en' | 'ko') {
  const entries = (locale === 'en' ? catalogue : korean) as Record<string, Entry>;
  return (key: string, substitutions?: string | string[]): string => {
    const entry = entries[key];
    if (!entry) return '';
    const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, n: string) => values[Number(n) - 1] ?? '');
    });
  };
}

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
        if (!handler) return { ok: false, error: { kind: 'internal', message: `no handler for ${envelope.name}` } };
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
