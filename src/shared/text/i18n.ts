// Every user-visible string goes through here: browser.i18n with the extension's _locales (en, ko).
// The keys are typed by the English catalogue (a type-only import: the JSON never reaches a bundle), so asking for a
// key the catalogue lacks is a type error. A key chosen by a value (an operation, a status) comes from a typed table
// of literal keys, never from a template literal, so the catalogue test sees every key the code can ask for.

import browser from 'webextension-polyfill';
import type en from '../../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const text = browser.i18n.getMessage(key, substitutions);
  // A missing key shows itself rather than an empty label; a test keeps the catalogues complete.
  return text || key;
}
