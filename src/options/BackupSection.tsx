// Encrypted backups: export the whole workspace as a file (still encrypted): key pairs and their clients, the orgs
// added or bound with their Atlas targets and notes, and the history when the user ticks it; import one after a
// preview (BackupImportForm). The organization's policy may turn the export off: the button is then disabled and
// says so.
import { useState } from 'preact/hooks';
import type { ManagedSettings } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { ActionOutcome } from '../ui/ActionOutcome';
import { useAction } from '../ui/use-action';
import { BackupImportForm } from './BackupImportForm';

export function BackupSection(props: { reload: () => Promise<void>; managed?: ManagedSettings }) {
  const exportOff = props.managed?.backupExportAllowed === false;
  const [withHistory, setWithHistory] = useState(false);
  const action = useAction();

  const exportVault = () =>
    action.run(async () => {
      const backup = await send('backup/export', { history: withHistory });
      const url = URL.createObjectURL(new Blob([backup.text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = backup.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      return t('backupExported');
    });

  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <div class="card">
        <p>{t('backupExplain')}</p>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={withHistory}
            disabled={exportOff}
            onChange={(e) => setWithHistory(e.currentTarget.checked)}
          />{' '}
          {t('backupIncludeHistory')}
        </label>
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
        <ActionOutcome done={action.done} error={action.error} />
      </div>
      <BackupImportForm onDone={props.reload} />
    </section>
  );
}
