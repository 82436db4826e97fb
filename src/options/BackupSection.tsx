// Encrypted backups: export the vault as a file (still encrypted), import one after a preview of its key pair
// labels and a confirmation; a damaged file or a wrong passphrase changes nothing. A merge asks which version of a
// changed key pair to keep; a replace with a backup whose passphrase is below today's rule asks for a new one.
// The organization's policy may turn the export off: the button is then disabled and says so.
import { useState } from 'preact/hooks';
import type { ManagedSettings } from '../shared/domain';
import type { BackupPreview } from '../shared/options-messages';
import { send } from '../shared/send';
import { t, tn } from '../shared/text/i18n';
import { ActionOutcome } from '../ui/ActionOutcome';
import { useNewPassphrase } from '../ui/NewPassphraseFields';
import { PasswordField } from '../ui/PasswordField';
import { useAction } from '../ui/use-action';
import { BackupPlanQuestion, type ConflictChoice } from './BackupPlanQuestion';

export function BackupSection(props: { reload: () => Promise<void>; managed?: ManagedSettings }) {
  const exportOff = props.managed?.backupExportAllowed === false;
  const [text, setText] = useState<string>();
  const [passphrase, setPassphrase] = useState('');
  const [plan, setPlan] = useState<BackupPreview>();
  const [onConflict, setOnConflict] = useState<ConflictChoice>('keep-both');
  const newPassphrase = useNewPassphrase();
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
      newPassphrase.clear();
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
        newPassphrase: mode === 'replace' && plan?.weakPassphrase ? newPassphrase.passphrase : undefined,
      });
      setPlan(undefined);
      setPassphrase('');
      newPassphrase.clear();
      await props.reload();
      return tn('backupImported', result.profiles, String(result.profiles));
    });

  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <div class="card">
        <p>{t('backupExplain')}</p>
        <button
          type="button"
          onClick={exportVault}
          disabled={action.busy || exportOff}
          aria-describedby={exportOff ? 'backup-export-off' : undefined}
        >
          {t('backupExport')}
        </button>
        {exportOff && (
          <div class="notice" id="backup-export-off" data-testid="managed-backup-export">
            <strong>{t('managedSetByOrganization')}</strong>
            {t('managedBackupExportOff')}
          </div>
        )}
      </div>
      <form class="card" onSubmit={preview} data-testid="import-backup">
        <label for="backup-file">{t('backupFile')}</label>
        <input
          id="backup-file"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            setPlan(undefined);
            setText(await e.currentTarget.files?.[0]?.text());
          }}
        />
        <PasswordField
          id="backup-passphrase"
          label={t('backupPassphrase')}
          autocomplete="off"
          state={[passphrase, setPassphrase]}
        />
        <div class="row">
          <button type="submit" disabled={action.busy || !text}>
            {t('backupPreview')}
          </button>
        </div>
        {plan && (
          <BackupPlanQuestion
            plan={plan}
            onConflict={onConflict}
            setOnConflict={setOnConflict}
            newPassphrase={newPassphrase}
            onApply={apply}
            onCancel={() => setPlan(undefined)}
          />
        )}
        <ActionOutcome done={action.done} error={action.error} />
      </form>
    </section>
  );
}
