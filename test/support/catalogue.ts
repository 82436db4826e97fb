// The extension's real message catalogues as lookup functions, for tests that check words without a browser: the
// same substitution rules as browser.i18n.getMessage ($NAME$ placeholders filled from $1, $2 ...).
import catalogue from '../../public/_locales/en/messages.json';
import korean from '../../public/_locales/ko/messages.json';
import type { CloudManagerError } from '../../src/core/cloudmanager';
import { errorWords } from '../../src/shared/text/error-words';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

/** browser.i18n.getMessage over one of the catalogues: '' for a key it does not have. */
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

/** What a user reading English sees for a Cloud Manager error, as the worker sends it and the pages word it. */
export function englishOf(error: CloudManagerError): { message: string; remedy: string } {
  const params: Record<string, string> = { ...error.params, variant: error.variant };
  if (error.status !== undefined) params.status = String(error.status);
  return errorWords({ kind: error.kind, params }, messagesOf('en'));
}
