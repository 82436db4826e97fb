// Every user-visible string goes through here: browser.i18n with the extension's _locales (en, ko).
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  const text = browser.i18n.getMessage(key, substitutions);
  // A missing key shows itself rather than an empty label; a test keeps the catalogues complete.
  return text || key;
}
