// The question before linking an org that is (or may be) linked: names the org, starts on the safe answer, and Escape
// cancels. A new link replaces the current one, so a stray paste must not do it silently. A status check's NOT_SYNCED
// does not confirm a link (Cloud Manager may answer it for an org with none): then the question says "may be".
import { useEffect, useRef } from 'preact/hooks';
import type { OrgStatusRecord } from '../shared/domain';
import { t } from '../shared/text/i18n';

/** Whether the org may be linked: it asks before a new link. */
export const mayBeLinked = (status: OrgStatusRecord['status']) => status === 'SYNCED' || status === 'NOT_SYNCED';

/** Whether a link is confirmed: SYNCED, or NOT_SYNCED answered by a link's POST (a status check's is not). */
export const linkConfirmed = (record: Pick<OrgStatusRecord, 'status' | 'statusFrom'>) =>
  record.status === 'SYNCED' || (record.status === 'NOT_SYNCED' && record.statusFrom === 'link');

export function ConfirmRelink(props: {
  orgName: string;
  idPrefix: string;
  /** A link is confirmed (see linkConfirmed); else the question says the org may be linked. */
  confirmed: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const question = `${props.idPrefix}-relink-question`;
  return (
    <div
      class="notice warning"
      role="alertdialog"
      aria-labelledby={question}
      data-testid="relink-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Inside a modal dialog, Escape closes only this question.
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={question}>
        {props.confirmed ? t('confirmRelink', props.orgName) : t('confirmRelinkUnconfirmed', props.orgName)}
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={props.onConfirm}>
          {t('relinkConfirmButton')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the question starts on the safe answer, also when a modal opens on it */}
        <button type="button" ref={cancel} onClick={props.onCancel} autoFocus>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
