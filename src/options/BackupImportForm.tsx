// Importing a backup file: choose it, give its passphrase, see what it holds, then merge or replace; on a fresh
// install (no vault yet) the one choice is to restore it, which sets the vault's passphrase (the backup's, or a new
// one when the backup's is below today's rule). A damaged file or a wrong passphrase changes nothing.
import { useState } from 'preact/hooks';
import type { BackupPreview, OptionsMessages } from '../shared/options-messages';
import { send } from '../shared/send';
import { tn } from '../shared/text/counted';
import { t } from '../shared/text/i18n';
import { ActionOutcome } from '../ui/ActionOutcome';
import { useNewPassphrase } from '../ui/NewPassphraseFields';
import { PasswordField } from '../ui/PasswordField';
import { useAction } from '../ui/use-action';
import { BackupPlanQuestion, type ConflictChoice } from './BackupPlanQuestion';

type ImportResult = OptionsMessages['backup/import']['response'];

/** What an import did, in words: key pairs, what was already here, what the workspace added. */
function importedText(result: ImportResult): string {
  const { restored, skipped } = result;
  const parts = [tn('backupImported', result.profiles, String(result.profiles))];
  if (skipped.length > 0) {
    parts.push(t('backupSkippedIdentical', skipped.map((s) => s.label).join(', ')));
  }
  parts.push(
    t('backupRestoredWorkspace', [
      String(restored.orgs),
      String(restored.targets),
      String(restored.notes),
      String(restored.history ?? 0),
    ]),
  );
  return parts.join(' ');
}

export function BackupImportForm(props: { onDone: () => Promise<void> }) {
  const [text, setText] = useState<string>();
  const [passphrase, setPassphrase] = useState('');
  const [plan, setPlan] = useState<BackupPreview>();
  const [onConflict, setOnConflict] = useState<ConflictChoice>('keep-both');
  const newPassphrase = useNewPassphrase();
  const action = useAction();

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
      await props.onDone();
      return importedText(result);
    });

  return (
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
  );
}
