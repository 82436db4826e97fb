// The note kept with an org (OrgStatusRecord.note): checked against the one rule (shared/org-note.ts), then merged
// into the org's status record; an empty note removes it. The note is the user's own words, never a secret.
import { isObjectId } from '../../core/cloudmanager';
import type { OrgStatusRecord } from '../../shared/domain';
import { noteProblem } from '../../shared/org-note';
import { WorkerError } from '../messaging/worker-error';
import { noteOf } from './note-text';
import { allOrgStatuses, saveOrgStatus } from './org-state';

export { noteOf } from './note-text';

export function setOrgNote(orgId: string, note: string): Promise<OrgStatusRecord> {
  if (!isObjectId(orgId)) throw new WorkerError('invalid-input');
  if (typeof note !== 'string') throw new WorkerError('invalid-input');
  const problem = noteProblem(note);
  if (problem === 'control-character') {
    throw new WorkerError('invalid-input');
  }
  if (problem === 'too-long') throw new WorkerError('invalid-input');
  return saveOrgStatus(orgId, { note: note.trim() || undefined });
}

/** Every org's note, by org id. */
export async function orgNotes(): Promise<Record<string, string>> {
  const notes: Record<string, string> = {};
  for (const [orgId, record] of Object.entries(await allOrgStatuses())) {
    const note = noteOf(record);
    if (note) notes[orgId] = note;
  }
  return notes;
}
