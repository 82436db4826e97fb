// Handlers of the popup's org messages: what the tab shows, which org a project is of, link / status / unlink
// (org-operations.ts), the history of those actions (the audit log), and the note kept with an org. A token made in
// Atlas, and its revocation, are the worker's extras (atlas/atlas-handlers.ts).
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { clearHistory, readHistory } from './history';
import { resolveProjectWith } from './locations';
import { noteOf, orgNotes, setOrgNote } from './org-note';
import { linkOrg, refreshStatus, unlinkOrg } from './org-operations';
import { allOrgStatuses } from './org-state';
import { popupContext } from './popup-context';
import { answerStarted, keepForPopup } from './popup-snapshots';

type OrgMessages = Pick<
  MessageMap,
  | 'context/get'
  | 'project/resolve'
  | 'link/create'
  | 'link/status'
  | 'link/delete'
  | 'history/list'
  | 'history/clear'
  | 'org/set-note'
  | 'org/notes'
>;

export const orgHandlers: HandlersOf<OrgMessages> = {
  async 'context/get'({ url }) {
    const since = answerStarted();
    const context = await popupContext(url);
    // Kept after the answer is on its way: the popup waits for none of it, and a failure only costs a fast paint.
    void keepForPopup(url, context, since).catch((error: { kind?: string } | undefined) => {
      console.warn('popup panel not kept:', String(error?.kind ?? error));
    });
    return context;
  },
  'project/resolve': ({ url, profileId }) => resolveProjectWith(url, profileId),

  'link/create': (request) => linkOrg(request),
  'link/status': ({ orgId, profileId }) => refreshStatus(orgId, profileId),
  'link/delete': ({ orgId, profileId }) => unlinkOrg(orgId, profileId),

  async 'history/list'({ orgId }) {
    const [entries, names] = await Promise.all([readHistory(), allOrgStatuses()]);
    // Names learnt after the action (a later status check) fill in entries recorded without one; the org's note
    // of now goes along for the export (it is never stored in an entry).
    return (orgId ? entries.filter((e) => e.orgId === orgId) : entries)
      .map((e) => {
        const note = noteOf(names[e.orgId]);
        return { ...e, orgName: e.orgName ?? names[e.orgId]?.name, ...(note ? { orgNote: note } : {}) };
      })
      .reverse();
  },
  'history/clear': () => clearHistory(),
  'org/set-note': ({ orgId, note }) => setOrgNote(orgId, note),
  'org/notes': () => orgNotes(),
};
