// Plural rules. browser.i18n has no plural forms, so a message that puts a word after a number ("1 org added",
// "2 orgs added") has a sibling: <key> is its general form (Intl.PluralRules' "other") and <key>_one the singular
// (counted.ts lists them). The number chooses by the plural rules of the catalogue's own language (its
// `pluralLocale` message), so a browser in French reading the English fallback still counts in English. Korean has
// only "other": its _one repeats <key>. Pure (no browser): the error texts (errorWords) choose the same way.
import type en from '../../../public/_locales/en/messages.json';

type MessageKey = keyof typeof en;

/** The catalogue's own language, as its message says ("en", "ko"). */
export const PLURAL_LOCALE_KEY: MessageKey = 'pluralLocale';

const rules = new Map<string, Intl.PluralRules>();

/** Which form a number takes in a language: 'one' (English 1) or 'other' (every Korean number). */
export function pluralCategory(locale: string, count: number): 'one' | 'other' {
  const language = locale || 'en';
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  return rule.select(count) === 'one' ? 'one' : 'other';
}
