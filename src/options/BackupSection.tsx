// Encrypted backups: export the vault as a file (still encrypted), import one after a preview of its key pair
// labels and a confirmation; a damaged file or a wrong passphrase changes nothing. A merge asks which version of a
// changed key pair to keep; a replace with a backup whose passphrase is below today's rule asks for a new one.
import { useState } from 'preact/hooks';
import type { BackupPreview } from '../shared/options-messages';
import { send } from '../shared/send';
import { ActionOutcome } from '../ui/ActionOutcome';
import { t } from '../ui/i18n';
import { NewPassphraseFields, passphraseProblem } from '../ui/NewPassphraseFields';
import { useAction } from './use-action';

type ConflictChoice = 'keep-both' | 'keep-current' | 'take-backup';
const CHOICES: [ConflictChoice, string][] = [
  ['keep-both', 'backupConflictKeepBoth'],
  ['keep-current', 'backupConflictKeepCurrent'],
  ['take-backup', 'backupConflictTakeBackup'],
];

export function BackupSection(props: { reload: () => Promise<void> }) {
  const [text, setText] = useState<string>();
  const [passphrase, setPassphrase] = useState('');
  const [plan, setPlan] = useState<BackupPreview>();
  const [onConflict, setOnConflict] = useState<ConflictChoice>('keep-both');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const labels = plan?.labels;
  const setLabels = (value: undefined) => setPlan(value);
  const action = useAction();

  const exportVault = () =>
    action.run(async () => {
      const backup = await send('backup/export', {});
      const url = URL.createObjectURL(new Blob([backup.text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = backup.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      return t('backupExported');
    });

  const preview = (event: Event) => {
    event.preventDefault();
    action.run(async () => {
      if (!text) return undefined;
      setPlan(await send('backup/preview', { text, passphrase }));
      setOnConflict('keep-both');
      setNewPassphrase('');
      setConfirm('');
      return undefined;
    });
  };

  const apply = (mode: 'replace' | 'merge') =>
    action.run(async () => {
      if (!text) return undefined;
      const result = await send('backup/import', {
        text,
        passphrase,
        mode,
        onConflict,
        newPassphrase: mode === 'replace' && plan?.weakPassphrase ? newPassphrase : undefined,
      });
      setLabels(undefined);
      setPassphrase('');
      setNewPassphrase('');
      setConfirm('');
      await props.reload();
      return t('backupImported', String(result.profiles));
    });

  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <div class="card">
        <p>{t('backupExplain')}</p>
        <button type="button" onClick={exportVault} disabled={action.busy}>
          {t('backupExport')}
        </button>
      </div>
      <form class="card" onSubmit={preview} data-testid="import-backup">
        <label for="backup-file">{t('backupFile')}</label>
        <input
          id="backup-file"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            setLabels(undefined);
            setText(await e.currentTarget.files?.[0]?.text());
          }}
        />
        <label for="backup-passphrase">{t('backupPassphrase')}</label>
        <input
          id="backup-passphrase"
          type="password"
          autocomplete="off"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          required
        />
        <div class="row">
          <button type="submit" disabled={action.busy || !text}>
            {t('backupPreview')}
          </button>
        </div>
        {labels && (
          <div class="notice warning" role="alertdialog" aria-labelledby="backup-preview-title">
            <p id="backup-preview-title">{t('backupPreviewTitle', String(labels.length))}</p>
            <ul data-testid="backup-labels">
              {labels.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            {plan!.conflicts.length > 0 && (
              <fieldset data-testid="backup-conflicts">
                <legend>{t('backupConflictsTitle')}</legend>
                <ul>
                  {plan!.conflicts.map((c) => (
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
                      checked={onConflict === value}
                      onChange={() => setOnConflict(value)}
                    />{' '}
                    {t(key)}
                  </label>
                ))}
              </fieldset>
            )}
            {plan!.duplicateKeys.map((d) => (
              <p key={d.label + d.currentLabel} class="warnings">
                {t('backupDuplicateKey', [d.label, d.currentLabel])}
              </p>
            ))}
            {plan!.weakPassphrase && (
              <NewPassphraseFields
                idPrefix="backup-new"
                label={t('backupNewPassphrase')}
                passphrase={newPassphrase}
                confirm={confirm}
                onPassphrase={setNewPassphrase}
                onConfirm={setConfirm}
              />
            )}
            <div class="row">
              <button type="button" onClick={() => apply('merge')}>
                {t('backupMerge')}
              </button>
              <button
                type="button"
                class="danger"
                disabled={
                  plan!.weakPassphrase &&
                  (!newPassphrase || newPassphrase !== confirm || passphraseProblem(newPassphrase, confirm))
                }
                onClick={() => apply('replace')}
              >
                {t('backupReplace')}
              </button>
              <button type="button" onClick={() => setLabels(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
        <ActionOutcome done={action.done} error={action.error} />
      </form>
    </section>
  );
}
