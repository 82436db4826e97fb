// A fresh install (no vault yet) can start from a backup instead of a first key pair: restoring it sets up the
// vault with everything the backup holds, under its passphrase (or a new one when the backup's is below the rule).
// The popup's first-run setup links here (#restore), and the file field then has the focus.
import { useEffect } from 'preact/hooks';
import { t } from '../shared/text/i18n';
import { BackupImportForm } from './BackupImportForm';

export const RESTORE_HASH = '#restore';

export function RestoreSection(props: { onDone: () => Promise<void> }) {
  useEffect(() => {
    if (location.hash === RESTORE_HASH) document.getElementById('backup-file')?.focus();
  }, []);
  return (
    <section aria-labelledby="restore-title" data-testid="restore-backup">
      <h2 id="restore-title">{t('restoreTitle')}</h2>
      <p>{t('restoreExplain')}</p>
      <BackupImportForm onDone={props.onDone} />
    </section>
  );
}
