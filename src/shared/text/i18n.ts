// Every user-visible string goes through here: browser.i18n with the extension's _locales (en, ko).
// The keys are typed by the English catalogue (a type-only import: the JSON never reaches a bundle), so asking for a
// key the catalogue lacks is a type error. A key chosen by a value (an operation, a status) comes from a typed table
// of literal keys, never from a template literal, so the catalogue test sees every key the code can ask for.

import browser from 'webextension-polyfill';
import type en from '../../../public/_locales/en/messages.json';
import { type Counted, PLURAL_FORMS, PLURAL_LOCALE_KEY, pluralCategory } from './plural';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const text = browser.i18n.getMessage(key, substitutions);
  // A missing key shows itself rather than an empty label; a test keeps the catalogues complete.
  return text || key;
}

/**
 * A counted message in the form its number takes in the catalogue's language ("1 org added", "2 orgs added"): see
 * plural.ts. The substitutions are given as for t(), the number among them where the text shows it.
 */
export function tn(key: Counted, count: number, substitutions?: string | string[]): string {
  const forms = PLURAL_FORMS[key];
  return t(pluralCategory(t(PLURAL_LOCALE_KEY), count) === 'one' ? forms.one : forms.other, substitutions);
}
