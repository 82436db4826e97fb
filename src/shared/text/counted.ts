// Counted messages: each message with a singular sibling (<key>_one, see plural.ts) and tn(), which picks the form
// its number takes. Only the settings page counts; the popup's words do not carry this table.
import type en from '../../../public/_locales/en/messages.json';
import { t } from './i18n';
import { PLURAL_LOCALE_KEY, pluralCategory } from './plural';

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

/**
 * A counted message in the form its number takes in the catalogue's language ("1 org added", "2 orgs added"). The
 * substitutions are given as for t(), the number among them where the text shows it.
 */
export function tn(key: Counted, count: number, substitutions?: string | string[]): string {
  const forms = PLURAL_FORMS[key];
  return t(pluralCategory(t(PLURAL_LOCALE_KEY), count) === 'one' ? forms.one : forms.other, substitutions);
}
