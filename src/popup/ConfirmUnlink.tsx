// The question before an unlink: names the org, starts on the safe answer, and Escape cancels, giving the focus back
// to the Unlink button that asked it.
import { t } from '../shared/text/i18n';
import { ConfirmQuestion } from '../ui/ConfirmQuestion';

export function ConfirmUnlink(props: { orgName: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmQuestion
      id="unlink"
      question={t('confirmUnlink', props.orgName)}
      confirmLabel={t('unlinkConfirmButton')}
      tone="danger"
      returnFocus
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    />
  );
}
