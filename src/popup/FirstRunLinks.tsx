// First run: a consultant with many clients imports their key pairs at once, and one with a backup (a new laptop)
// restores it, instead of setting up one key pair here. Both live on the settings page (a paste or a file, in a tab
// that stays open); these open it there, on the right section, both in one line of the popup.
import browser from 'webextension-polyfill';
import { t } from '../shared/text/i18n';

const openSettings = (hash: '#import' | '#restore') => () =>
  browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html${hash}`) });

export function FirstRunLinks() {
  return (
    <p class="muted">
      {t('setupHaveMany')}{' '}
      <button type="button" class="link" data-testid="import-key-pairs-link" onClick={openSettings('#import')}>
        {t('setupImportMany')}
      </button>{' '}
      {t('setupHaveBackup')}{' '}
      <button type="button" class="link" data-testid="restore-backup-link" onClick={openSettings('#restore')}>
        {t('setupRestoreBackup')}
      </button>
    </p>
  );
}
