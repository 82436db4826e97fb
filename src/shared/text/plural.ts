// Counted texts. browser.i18n has no plural forms, so a message that puts a word after a number ("1 org added",
// "2 orgs added") has a sibling: <key> is its general form (Intl.PluralRules' "other") and <key>_one the singular.
// The number chooses by the plural rules of the catalogue's own language (its `pluralLocale` message), so a browser in
// French reading the English fallback still counts in English. Korean has only "other": its _one repeats <key>.
// Pure (no browser): the error texts (errorWords) choose the same way.
// The catalogue's keys, as i18n.ts types them (read here too: i18n.ts imports this module).
import type en from '../../../public/_locales/en/messages.json';

type MessageKey = keyof typeof en;

type ErrorText = `error_${string}` | `remedy_${string}`;

/** Every message with a singular sibling, error texts aside (errorWords looks them up by kind). */
export type Counted = {
  [K in MessageKey]: K extends ErrorText ? never : `${K}_one` extends MessageKey ? K : never;
}[MessageKey];

/** Each counted message's forms: the compiler wants one row per message with a `_one` sibling, and no other. */
export const PLURAL_FORMS: { readonly [K in Counted]: { readonly one: `${K}_one` & MessageKey; readonly other: K } } = {
  audit_dropped: { one: 'audit_dropped_one', other: 'audit_dropped' },
  audit_result_cleared: { one: 'audit_result_cleared_one', other: 'audit_result_cleared' },
  backupImported: { one: 'backupImported_one', other: 'backupImported' },
  backupPreviewTitle: { one: 'backupPreviewTitle_one', other: 'backupPreviewTitle' },
  boundOrgs: { one: 'boundOrgs_one', other: 'boundOrgs' },
  dashAtlas_applied: { one: 'dashAtlas_applied_one', other: 'dashAtlas_applied' },
  dashAtlas_apply: { one: 'dashAtlas_apply_one', other: 'dashAtlas_apply' },
  dashAtlas_runInterrupted: { one: 'dashAtlas_runInterrupted_one', other: 'dashAtlas_runInterrupted' },
  dashAtlas_runRateLimitedCount: { one: 'dashAtlas_runRateLimitedCount_one', other: 'dashAtlas_runRateLimitedCount' },
  dashAtlas_runStarted: { one: 'dashAtlas_runStarted_one', other: 'dashAtlas_runStarted' },
  dashBatch_add: { one: 'dashBatch_add_one', other: 'dashBatch_add' },
  dashBatch_assign: { one: 'dashBatch_assign_one', other: 'dashBatch_assign' },
  dashBatch_assigned: { one: 'dashBatch_assigned_one', other: 'dashBatch_assigned' },
  dashBatch_done: { one: 'dashBatch_done_one', other: 'dashBatch_done' },
  dash_exportCsv: { one: 'dash_exportCsv_one', other: 'dash_exportCsv' },
  dash_refreshInterrupted: { one: 'dash_refreshInterrupted_one', other: 'dash_refreshInterrupted' },
  dash_refreshRateLimitedCount: { one: 'dash_refreshRateLimitedCount_one', other: 'dash_refreshRateLimitedCount' },
  dash_refreshStarted: { one: 'dash_refreshStarted_one', other: 'dash_refreshStarted' },
  dash_tableCaption: { one: 'dash_tableCaption_one', other: 'dash_tableCaption' },
  importConfirm: { one: 'importConfirm_one', other: 'importConfirm' },
  importSaved: { one: 'importSaved_one', other: 'importSaved' },
  managedAutoLockLimit: { one: 'managedAutoLockLimit_one', other: 'managedAutoLockLimit' },
};

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
