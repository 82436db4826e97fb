// The question before linking an org that is (or may be) linked: names the org, starts on the safe answer, and Escape
// cancels. A new link replaces the current one, so a stray paste must not do it silently. A status check's NOT_SYNCED
// does not confirm a link (Cloud Manager may answer it for an org with none): then the question says "may be".
import { t } from '../shared/text/i18n';
import { ConfirmQuestion } from './ConfirmQuestion';

export function ConfirmRelink(props: {
  orgName: string;
  idPrefix: string;
  /** A link is confirmed (see linkConfirmed); else the question says the org may be linked. */
  confirmed: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmQuestion
      id={`${props.idPrefix}-relink`}
      testId="relink-confirm"
      question={props.confirmed ? t('confirmRelink', props.orgName) : t('confirmRelinkUnconfirmed', props.orgName)}
      confirmLabel={t('relinkConfirmButton')}
      tone="primary"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    />
  );
}
