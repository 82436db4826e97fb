// Said when the server accepted a call but the extension could not store its outcome (browser storage full): the
// link exists even though history, the dashboard or the badge may not show it.
import type { OrgCallReply } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { Notice } from '../ui/Notice';

export function NotRecordedNotice(props: { reply?: OrgCallReply }) {
  if (!props.reply?.notRecorded) return null;
  return (
    <Notice tone="warning">
      <strong data-testid="not-recorded">{t('notRecorded')}</strong>
      <span>{t('notRecordedRemedy')}</span>
    </Notice>
  );
}
