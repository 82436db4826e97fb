// First run: a consultant with a backup (a new laptop) restores it instead of setting up anew. The restore lives on
// the settings page (a file is chosen there, in a tab that stays open); this opens it there.
import browser from 'webextension-polyfill';
import { t } from '../shared/text/i18n';

export function RestoreBackupLink() {
  const open = () => browser.tabs.create({ url: browser.runtime.getURL('src/options/index.html#restore') });
  return (
    <p class="muted">
      {t('setupHaveBackup')}{' '}
      <button type="button" class="link" data-testid="restore-backup-link" onClick={open}>
        {t('setupRestoreBackup')}
      </button>
    </p>
  );
}
