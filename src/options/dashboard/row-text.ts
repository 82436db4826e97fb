// The words a dashboard row shows, in the user's language: status, how long ago, last action, client, run state.
import type { DashboardRow, RefreshItem, RunKind } from '../../shared/dashboard-messages';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { OPERATION_KEYS, STATUS_KEYS } from '../../shared/text/keys';
import { statusText } from '../../shared/text/status-text';
import { type StatusCategory, statusCategory } from './table-model';

export function statusName(category: StatusCategory): string {
  return t(STATUS_KEYS[category]);
}

export function rowStatusText(row: DashboardRow): string {
  const category = statusCategory(row);
  // A link's NOT_SYNCED says a link was made; a status check's claims neither a link nor none.
  return category === 'error' && row.error ? errorText(row.error).message : statusText(category, row.statusFrom);
}

export function ageText(time: number | undefined, now: number): string {
  if (!time) return t('dash_ageNever');
  const minutes = Math.floor((now - time) / 60_000);
  if (minutes < 1) return t('dash_ageJustNow');
  if (minutes < 60) return t('dash_ageMinutes', String(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('dash_ageHours', String(hours));
  return t('dash_ageDays', String(Math.floor(hours / 24)));
}

export function lastActionText(row: DashboardRow): string {
  const action = row.lastAction;
  if (!action) return '';
  const operation = t(OPERATION_KEYS[action.operation]);
  if (!action.ok) return t('dash_lastActionFailed', operation);
  const result = action.result === 'SYNCED' || action.result === 'NOT_SYNCED' || action.result === 'NOT_LINKED';
  // History holds links, unlinks and revokes: a link's NOT_SYNCED was its POST's answer, so a link was made.
  const words = result
    ? statusText(action.result as StatusCategory, action.operation)
    : historyResultWords(action.result);
  return t('dash_lastActionDone', [operation, words]);
}

/** A revoke's outcome in the last action column (the Atlas org's own row): its words, else the raw code. */
function historyResultWords(result: string): string {
  if (result === 'revoked') return t('historyRevoked');
  if (result === 'nothing-to-revoke') return t('historyNothingToRevoke');
  return result;
}

export function clientText(row: DashboardRow): string {
  return row.profileLabel ?? t('dash_noClient');
}

export function orgName(row: Pick<DashboardRow, 'name'>): string {
  return row.name ?? t('unnamedOrg');
}

/** What a row says while a run (refresh, or create and link) is working on it; empty once it is done with it. */
export function runStateText(item: RefreshItem | undefined, kind: RunKind = 'refresh'): string {
  const link = kind === 'link';
  switch (item?.state) {
    case 'queued':
      return item.error
        ? t(link ? 'dashAtlas_rowRetrying' : 'dash_rowRetrying')
        : t(link ? 'dashAtlas_rowQueued' : 'dash_rowQueued');
    case 'running':
      return t(link ? 'dashAtlas_rowRunning' : 'dash_rowRunning');
    case 'skipped':
      if (!link) return t('dash_rowSkipped');
      if (item.skipReason === 'no-target') return t('dashAtlas_rowNoTarget');
      if (item.skipReason === 'already-linked') return t('dashAtlas_rowAlreadyLinked');
      return t('dashAtlas_rowSkipped');
    default:
      // A link whose outcome was unknown: its status was checked instead of posting it again.
      return item?.checked ? t('dashAtlas_rowChecked') : '';
  }
}
