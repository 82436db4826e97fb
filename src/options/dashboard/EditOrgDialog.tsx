// A row's own settings in a modal dialog: which client's key pair the org uses (or none; only key pairs that may
// serve this org are offered), the org's note (ticket id, handover remark: kept with the org, exported with the
// history and the org list), and removing the org from the dashboard. Removing forgets only what this extension
// knows of the org; the key pair, the history and everything in Cloud Manager and Atlas stay, and the org can be
// added again.
import { useEffect, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView, ProfileView } from '../../shared/domain';
import { NOTE_MAX_LENGTH, noteProblem } from '../../shared/org-note';
import { asErrorView, send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { CancelButton } from '../../ui/ActionOutcome';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ProfileSelect } from '../../ui/ProfileSelect';
import { Dialog } from './Dialog';
import { orgName } from './row-text';
import { servingProfiles } from './serving-profiles';

export function EditOrgDialog(props: {
  row: DashboardRow;
  profiles: readonly ProfileView[];
  /** While a refresh runs, removing would be undone by the run: the button waits. */
  refreshRunning: boolean;
  /** The result in words; `removed` when the org left the dashboard (its row is gone). */
  onDone: (text: string, removed?: true) => void;
  onClose: () => void;
}) {
  const { row, profiles } = props;
  const name = orgName(row);
  // The current client stays listed even if it no longer qualifies, so the list shows what is true now.
  const serving = new Set(servingProfiles(profiles, row).map((p) => p.id));
  const choices = profiles.filter((p) => p.id === row.profileId || serving.has(p.id));
  const [profileId, setProfileId] = useState(row.profileId ?? '');
  const [busy, setBusy] = useState<'save' | 'remove'>();
  const [error, setError] = useState<ErrorView>();
  // The note as stored (undefined until read: the field waits, so a failed read never saves over a note).
  const [savedNote, setSavedNote] = useState<string>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<ErrorView>();
  useEffect(() => {
    send('org/notes', {}).then(
      (notes) => {
        setSavedNote(notes[row.orgId] ?? '');
        setNote(notes[row.orgId] ?? '');
      },
      (e) => setNoteError(asErrorView(e)),
    );
  }, [row.orgId]);
  const problem = noteProblem(note);
  const clientChanged = profileId !== (row.profileId ?? '');
  const noteChanged = savedNote !== undefined && note.trim() !== savedNote;

  const act = async (what: 'save' | 'remove') => {
    setBusy(what);
    setError(undefined);
    try {
      if (what === 'remove') {
        await send('dashboard/remove-org', { orgId: row.orgId });
        props.onDone(t('dash_orgRemoved', name), true);
        return;
      }
      if (noteChanged) await send('org/set-note', { orgId: row.orgId, note: note.trim() });
      if (clientChanged) {
        await send('dashboard/set-client', { orgId: row.orgId, profileId: profileId || null });
        const label = profiles.find((p) => p.id === profileId)?.label;
        props.onDone(label ? t('dash_clientChanged', [name, label]) : t('dash_clientCleared', name));
      } else {
        props.onDone(t('audit_noteSaved', name));
      }
    } catch (e) {
      setError(asErrorView(e));
      setBusy(undefined);
    }
  };

  return (
    <Dialog labelledBy="edit-dialog-title" onClose={props.onClose} testId="edit-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) act('save');
        }}
      >
        <h2 id="edit-dialog-title">{t('dash_editDialogTitle', name)}</h2>
        <p class="mono muted">{row.orgId}</p>
        <ProfileSelect
          id="edit-dialog-profile"
          label={t('dash_fieldAddClient')}
          profiles={choices}
          value={profileId}
          emptyText={t('dash_noClient')}
          onChange={setProfileId}
        />
        {choices.length === 0 && <p class="muted">{t('dash_noServingClient')}</p>}
        <label for="edit-dialog-note">{t('audit_noteLabel')}</label>
        <input
          id="edit-dialog-note"
          type="text"
          value={note}
          maxLength={NOTE_MAX_LENGTH}
          disabled={savedNote === undefined}
          aria-describedby="edit-dialog-note-help edit-dialog-note-problem"
          aria-invalid={problem ? 'true' : undefined}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p id="edit-dialog-note-help" class="muted">
          {t('audit_noteHelp')}
        </p>
        <div id="edit-dialog-note-problem" aria-live="polite">
          {problem && (
            <Notice tone="error">
              {t(problem === 'too-long' ? 'audit_noteTooLong' : 'audit_noteControlCharacter')}
            </Notice>
          )}
          {noteError && <ErrorNotice error={noteError} />}
        </div>
        <div class="row">
          <button
            type="submit"
            class="primary"
            disabled={busy !== undefined || problem !== undefined || (!clientChanged && !noteChanged)}
          >
            {busy === 'save' ? t('saving') : t('saveChanges')}
          </button>
          <CancelButton onClick={props.onClose} />
        </div>
        <h3>{t('dash_removeTitle')}</h3>
        <p class="muted">{t('dash_removeExplain')}</p>
        {props.refreshRunning && <p class="muted">{t('dash_removeAfterRefresh')}</p>}
        <div class="row">
          <button
            type="button"
            class="danger"
            disabled={busy !== undefined || props.refreshRunning}
            onClick={() => act('remove')}
          >
            {busy === 'remove' ? t('dash_removing') : t('dash_removeOrg')}
          </button>
        </div>
        <div aria-live="polite" data-testid="edit-dialog-outcome">
          {error && <ErrorNotice error={error} />}
        </div>
      </form>
    </Dialog>
  );
}
