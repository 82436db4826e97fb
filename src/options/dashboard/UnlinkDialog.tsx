// Unlink from a row only after a question that names the org; the safe answer has the focus.
import type { DashboardRow } from '../../shared/dashboard-messages';
import { t } from '../../shared/text/i18n';
import { Dialog } from './Dialog';
import { orgName } from './row-text';

export function UnlinkDialog(props: { row: DashboardRow; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog labelledBy="unlink-dialog-question" onClose={props.onClose} role="alertdialog" testId="unlink-dialog">
      <p id="unlink-dialog-question">{t('confirmUnlink', orgName(props.row))}</p>
      <p class="mono muted">{props.row.orgId}</p>
      <div class="row">
        <button type="button" class="danger" onClick={props.onConfirm}>
          {t('unlinkConfirmButton')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: a destructive question starts on the safe answer */}
        <button type="button" onClick={props.onClose} autoFocus>
          {t('cancel')}
        </button>
      </div>
    </Dialog>
  );
}
