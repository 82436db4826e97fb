// An error's words in the browser's language: errorWords over the extension's message catalogues.
import type { ErrorView } from '../domain';
import { errorWords } from './error-words';
import { t } from './i18n';

export function errorText(error: ErrorView): { message: string; remedy: string } {
  // t() answers the key itself when the catalogue has none: errorWords reads that as "no such text".
  return errorWords(error, (key, substitutions) => {
    const text = t(key as never, substitutions);
    return text === key ? '' : text;
  });
}
