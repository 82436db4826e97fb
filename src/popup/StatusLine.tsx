// One line saying the org's link status and how old that knowledge is.

import type { OrgStatusRecord } from '../shared/messages';
import { t } from '../ui/i18n';

function ageText(checkedAt: number | undefined): string {
  if (!checkedAt) return t('neverChecked');
  const minutes = Math.round((Date.now() - checkedAt) / 60_000);
  return minutes < 1 ? t('checkedJustNow') : t('checkedMinutesAgo', String(minutes));
}

export function StatusLine(props: { record: OrgStatusRecord; busy?: 'link' | 'unlink' | 'status' }) {
  const { record, busy } = props;
  let text: string;
  if (busy) text = t(`busy_${busy}`);
  else if (record.error) text = t('statusError');
  else if (record.status === 'SYNCED' || record.status === 'NOT_SYNCED') text = t('linkedAs', record.status);
  else if (record.status === 'NOT_LINKED') text = t('notLinked');
  else text = t('statusUnknown');
  return (
    <p>
      <span class={`status ${busy ? '' : (record.status ?? '')}`} data-testid="status">
        {text}
      </span>{' '}
      {!busy && <span class="muted">{ageText(record.checkedAt)}</span>}
    </p>
  );
}
