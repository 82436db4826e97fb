// The org's status card line: the last result in words (a failure included, with what went wrong and what to do),
// how old that knowledge is, and one line on what comes next. Never the API's raw value.
import type { ErrorView, OrgStatusRecord } from '../shared/domain';
import { type MessageKey, t } from '../shared/text/i18n';
import { BUSY_KEYS } from '../shared/text/keys';
import { type StatusSource, statusNextText, statusText } from '../shared/text/status-text';
import { ErrorNotice } from '../ui/Notice';

export type Operation = 'link' | 'unlink' | 'status';

/** The last call of this popup that failed, which outranks whatever status was known before it. */
export interface Failure {
  operation: Operation;
  error: ErrorView;
}

const FAILED_KEYS: Readonly<Record<Operation, MessageKey>> = {
  link: 'statusFailed_link',
  unlink: 'statusFailed_unlink',
  status: 'statusFailed_status',
};

function ageText(checkedAt: number | undefined): string {
  if (!checkedAt) return '';
  const minutes = Math.round((Date.now() - checkedAt) / 60_000);
  return minutes < 1 ? t('checkedJustNow') : t('checkedMinutesAgo', String(minutes));
}

/**
 * The state in the user's words; the same words as the dashboard and the toolbar tooltip. `from`: which call
 * answered it (a link's NOT_SYNCED says a link was made; a status check's claims neither a link nor none).
 */
export function statusWord(status: OrgStatusRecord['status'], from?: StatusSource): string {
  if (status === 'SYNCED' || status === 'NOT_SYNCED') return statusText(status, from);
  if (status === 'NOT_LINKED') return t('notLinked');
  return t('statusUnknown');
}

export function StatusLine(props: { record: OrgStatusRecord; busy?: Operation; failure?: Failure }) {
  const { record, busy } = props;
  if (busy) {
    return (
      <div class="status-line" aria-busy="true">
        <p>
          <span class="status" data-testid="status">
            {t(BUSY_KEYS[busy])}
          </span>
        </p>
      </div>
    );
  }
  // This popup's failed call, else the failure the worker recorded for the last check.
  const failure = props.failure ?? (record.error ? { operation: 'stored' as const, error: record.error } : undefined);
  if (failure) {
    return (
      <div class="status-line">
        <p>
          <span class="status error" data-testid="status">
            {failure.operation === 'stored' ? t('statusError') : t(FAILED_KEYS[failure.operation])}
          </span>{' '}
          {failure.operation === 'stored' && <span class="muted">{ageText(record.checkedAt)}</span>}
        </p>
        {/* A link or an unlink the user just asked for: its error takes the focus (not a check's, made on opening). */}
        <ErrorNotice error={failure.error} takeFocus={failure.operation === 'link' || failure.operation === 'unlink'} />
      </div>
    );
  }
  const { status } = record;
  const known = status !== undefined;
  return (
    <div class="status-line">
      <p>
        <span class={`status ${record.status ?? ''}`} data-testid="status">
          {statusWord(record.status, record.statusFrom)}
        </span>{' '}
        {known && <span class="muted">{ageText(record.checkedAt)}</span>}
      </p>
      {known && (
        <p class="muted" data-testid="status-next">
          {statusNextText(status, record.statusFrom)}
        </p>
      )}
    </div>
  );
}
