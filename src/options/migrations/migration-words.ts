// The migration cockpit's words: a migration's status and the cutover window, from the catalogue (en, ko). Pure:
// the page components only place them. A deployment's facts and readiness words are in ui/readiness-words.ts.
import { type CutoverWindow, cutoverWindow, hoursAndMinutes } from '../../core/atlas/cutover-window';
import type { MigrationRecord } from '../../shared/migration-messages';
import { type MessageKey, t } from '../../shared/text/i18n';

const STATUS_KEYS: Readonly<Record<string, MessageKey>> = {
  NEW: 'mig_status_NEW',
  WORKING: 'mig_status_WORKING',
  FAILED: 'mig_status_FAILED',
  COMPLETE: 'mig_status_COMPLETE',
  EXPIRED: 'mig_status_EXPIRED',
};

type StatusFacts = { status: string; readyForCutover: boolean; cutoverAt?: number };

export function statusText(m: StatusFacts): string {
  if (m.readyForCutover) return t('mig_status_ready');
  if (m.cutoverAt !== undefined && m.status === 'WORKING') return t('mig_status_cutting_over');
  const key = STATUS_KEYS[m.status];
  return key ? t(key) : m.status;
}

export const lagText = (m: { lagTimeSeconds?: number }) =>
  m.lagTimeSeconds === undefined ? '' : t('mig_lag', String(m.lagTimeSeconds));

/** The time left to cut over, with its warning level; none before ready or after the cutover. */
export function windowText(m: MigrationRecord, now: number): { text: string; level: string } | undefined {
  if (m.readySince === undefined || m.cutoverAt !== undefined || m.status === 'COMPLETE') return undefined;
  const window = cutoverWindow(m.readySince, now);
  return { text: windowWords(window), level: window.level };
}

/** The time a cutover window leaves, with its warning. */
export function windowWords(window: CutoverWindow): string {
  if (window.level === 'closed') return t('mig_window_closed');
  const { hours, minutes } = hoursAndMinutes(window.leftMs);
  const left = [String(hours), String(minutes)];
  if (window.level === 'urgent') return t('mig_window_urgent', left);
  if (window.level === 'soon') return t('mig_window_soon', left);
  return t('mig_window_left', left);
}
