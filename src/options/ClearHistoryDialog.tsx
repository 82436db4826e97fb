// The confirmation before the history is cleared: it says what stays (one entry saying the log was cleared, and
// when) and offers to export first (both files, then clear), to clear only, or to cancel (Escape too).
import { t } from '../shared/text/i18n';
import { CancelButton } from '../ui/ActionOutcome';
import { Dialog } from './dashboard/Dialog';

export function ClearHistoryDialog(props: {
  busy: boolean;
  onExportThenClear: () => void;
  onClear: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog labelledBy="clear-history-title" role="alertdialog" onClose={props.onClose} testId="clear-history-dialog">
      <h2 id="clear-history-title">{t('audit_clearTitle')}</h2>
      <p>{t('audit_clearExplain')}</p>
      <div class="row">
        <button type="button" class="primary" disabled={props.busy} onClick={props.onExportThenClear}>
          {t('audit_exportThenClear')}
        </button>
        <button type="button" class="danger" disabled={props.busy} onClick={props.onClear}>
          {t('audit_clearOnly')}
        </button>
        <CancelButton onClick={props.onClose} />
      </div>
    </Dialog>
  );
}
