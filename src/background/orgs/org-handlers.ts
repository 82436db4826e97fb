// Handlers of the popup's org messages: what the tab shows, which org a project is of, link / status / unlink
// (org-operations.ts), and the history of those actions.
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { createAndLink, revokeAtlasToken } from '../atlas/create-and-link';
import { clearHistory, readHistory } from './history';
import { resolveProjectWith } from './locations';
import { linkOrg, refreshStatus, unlinkOrg } from './org-operations';
import { allOrgStatuses } from './org-state';
import { popupContext } from './popup-context';

type OrgMessages = Pick<
  MessageMap,
  | 'context/get'
  | 'project/resolve'
  | 'link/create'
  | 'atlas/link'
  | 'atlas/revoke'
  | 'link/status'
  | 'link/delete'
  | 'history/list'
  | 'history/clear'
>;

export const orgHandlers: HandlersOf<OrgMessages> = {
  'context/get': ({ url }) => popupContext(url),
  'project/resolve': ({ url, profileId }) => resolveProjectWith(url, profileId),

  'link/create': (request) => linkOrg(request),
  'atlas/link': (request) => createAndLink(request),
  'atlas/revoke': (request) => revokeAtlasToken(request),
  'link/status': ({ orgId, profileId }) => refreshStatus(orgId, profileId),
  'link/delete': ({ orgId, profileId }) => unlinkOrg(orgId, profileId),

  async 'history/list'({ orgId }) {
    const [entries, names] = await Promise.all([readHistory(), allOrgStatuses()]);
    // Names learnt after the action (a later status check) fill in entries recorded without one.
    return (orgId ? entries.filter((e) => e.orgId === orgId) : entries)
      .map((e) => ({ ...e, orgName: e.orgName ?? names[e.orgId]?.name }))
      .reverse();
  },
  async 'history/clear'() {
    await clearHistory();
    return null;
  },
};
