// The question a backup's preview asks before anything is imported: its key pair labels and what else it holds,
// which version of a changed key pair a merge keeps, the key pairs a merge skips as already saved, the keys it holds
// twice, and a new passphrase when a replace (or a restore on a fresh install) would keep a weak one.
import type { BackupPreview } from '../shared/options-messages';
import { tn } from '../shared/text/counted';
import { type MessageKey, t } from '../shared/text/i18n';
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
      <p data-testid="backup-workspace">
        {plan.workspace
          ? t('backupHoldsWorkspace', [
              String(plan.workspace.orgs),
              String(plan.workspace.targets),
              String(plan.workspace.notes),
            ])
          : t('backupHoldsKeyPairsOnly')}{' '}
        {plan.workspace &&
          (plan.workspace.history === undefined
            ? t('backupHoldsNoHistory')
            : t('backupHoldsHistory', String(plan.workspace.history)))}
      </p>
      {!plan.fresh && plan.identical.length > 0 && (
        <div data-testid="backup-identical">
          <p>{t('backupIdenticalTitle')}</p>
          <ul>
            {plan.identical.map((d) => (
              <li key={d.label + d.currentLabel}>
                {d.label === d.currentLabel ? d.label : t('backupIdenticalSavedAs', [d.label, d.currentLabel])}
              </li>
            ))}
          </ul>
        </div>
      )}
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
        {!plan.fresh && (
          <button type="button" onClick={() => props.onApply('merge')}>
            {t('backupMerge')}
          </button>
        )}
        <button
          type="button"
          class={plan.fresh ? 'primary' : 'danger'}
          disabled={plan.weakPassphrase && !props.newPassphrase.complete}
          onClick={() => props.onApply('replace')}
        >
          {plan.fresh ? t('backupRestore') : t('backupReplace')}
        </button>
        <CancelButton onClick={props.onCancel} />
      </div>
    </div>
  );
}
