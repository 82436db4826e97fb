// The question a backup's preview asks before anything is imported: its key pair labels, which version of a changed
// key pair a merge keeps, the keys it holds twice, and a new passphrase when a replace would keep a weak one.
import type { BackupPreview } from '../shared/options-messages';
import { type MessageKey, t, tn } from '../shared/text/i18n';
import { CancelButton } from '../ui/ActionOutcome';
import { type NewPassphrase, NewPassphraseFields } from '../ui/NewPassphraseFields';

export type ConflictChoice = 'keep-both' | 'keep-current' | 'take-backup';
const CHOICES: [ConflictChoice, MessageKey][] = [
  ['keep-both', 'backupConflictKeepBoth'],
  ['keep-current', 'backupConflictKeepCurrent'],
  ['take-backup', 'backupConflictTakeBackup'],
];

export function BackupPlanQuestion(props: {
  plan: BackupPreview;
  onConflict: ConflictChoice;
  setOnConflict: (choice: ConflictChoice) => void;
  newPassphrase: NewPassphrase;
  onApply: (mode: 'replace' | 'merge') => void;
  onCancel: () => void;
}) {
  const { plan } = props;
  return (
    <div class="notice warning" role="alertdialog" aria-labelledby="backup-preview-title">
      <p id="backup-preview-title">{tn('backupPreviewTitle', plan.labels.length, String(plan.labels.length))}</p>
      <ul data-testid="backup-labels">
        {plan.labels.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {plan.conflicts.length > 0 && (
        <fieldset data-testid="backup-conflicts">
          <legend>{t('backupConflictsTitle')}</legend>
          <ul>
            {plan.conflicts.map((c) => (
              <li key={c.currentLabel + c.incomingLabel}>
                {c.currentLabel === c.incomingLabel ? c.currentLabel : `${c.currentLabel} ↔ ${c.incomingLabel}`}
              </li>
            ))}
          </ul>
          {CHOICES.map(([value, key]) => (
            <label key={value} class="checkbox">
              <input
                type="radio"
                name="backup-conflict"
                value={value}
                checked={props.onConflict === value}
                onChange={() => props.setOnConflict(value)}
              />{' '}
              {t(key)}
            </label>
          ))}
        </fieldset>
      )}
      {plan.duplicateKeys.map((d) => (
        <p key={d.label + d.currentLabel} class="warnings">
          {t('backupDuplicateKey', [d.label, d.currentLabel])}
        </p>
      ))}
      {plan.weakPassphrase && (
        <NewPassphraseFields idPrefix="backup-new" label={t('backupNewPassphrase')} state={props.newPassphrase} />
      )}
      <div class="row">
        <button type="button" onClick={() => props.onApply('merge')}>
          {t('backupMerge')}
        </button>
        <button
          type="button"
          class="danger"
          disabled={plan.weakPassphrase && !props.newPassphrase.complete}
          onClick={() => props.onApply('replace')}
        >
          {t('backupReplace')}
        </button>
        <CancelButton onClick={props.onCancel} />
      </div>
    </div>
  );
}
