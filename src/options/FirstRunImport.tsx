// A fresh install (no vault yet) can start from a list of key pairs instead of one: the import identifies each as
// usual and its confirm creates the vault under the passphrase typed there. The popup's first run links here
// (#import), and the paste field then has the focus.
import { useEffect } from 'preact/hooks';
import { t } from '../shared/text/i18n';
import { ImportKeyPairs } from './ImportKeyPairs';

export const IMPORT_HASH = '#import';

export function FirstRunImport(props: { onDone: () => Promise<void> }) {
  useEffect(() => {
    if (location.hash === IMPORT_HASH) document.getElementById('import-text')?.focus();
  }, []);
  return (
    <section aria-labelledby="first-run-import-title" data-testid="first-run-import">
      <h2 id="first-run-import-title">{t('firstRunImportTitle')}</h2>
      <p>{t('firstRunImportExplain')}</p>
      <ImportKeyPairs firstRun onClose={() => undefined} reload={props.onDone} />
    </section>
  );
}
