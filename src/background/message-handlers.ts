// One named handler per message: thin wiring from the typed message map to the vault, the org operations and
// the settings. Anything thrown becomes an ErrorView in the router.
import { addProfile, bindOrg, publicProfile, removeProfile } from '../core/vault';
import type { HandlersOf, MessageMap, MessageName, PopupMessages } from '../shared/messages';
import { lockNow } from './auto-lock';
import { dashboardHandlers } from './dashboard-handlers';
import { clearHistory, readHistory } from './history';
import { optionsHandlers } from './options-handlers';
import { linkOrg, paintOrgTabs, refreshStatus, unlinkOrg } from './org-operations';
import { allOrgStatuses } from './org-status';
import { popupContext } from './popup-context';
import { readSettings, writeSettings } from './settings';
import { createNewVault, readContents, unlockWithPassphrase, updateContents } from './vault-store';

export type Handlers = {
  [N in MessageName]: (request: MessageMap[N]['request']) => Promise<MessageMap[N]['response']>;
};

// Handlers of the options page's messages live in options-handlers.ts.
export const popupHandlers: HandlersOf<PopupMessages> = {
  'context/get': ({ url }) => popupContext(url),

  async 'vault/create'({ passphrase, profile }) {
    const { contents, profile: added } = addProfile({ version: 1, profiles: [] }, profile, Date.now());
    await createNewVault(passphrase, contents);
    return { profile: publicProfile(added) };
  },
  'vault/unlock': ({ passphrase }) => unlockWithPassphrase(passphrase),
  async 'vault/lock'() {
    await lockNow();
    return null;
  },

  async 'profiles/list'() {
    return (await readContents()).profiles.map(publicProfile);
  },
  async 'profiles/add'({ profile, orgId }) {
    const added = await updateContents((current) => {
      const result = addProfile(current, profile, Date.now());
      const contents = orgId ? bindOrg(result.contents, orgId, result.profile.id) : result.contents;
      return { contents, result: result.profile };
    });
    return { profile: publicProfile(added) };
  },
  async 'profiles/remove'({ profileId }) {
    await updateContents((current) => ({ contents: removeProfile(current, profileId), result: null }));
    return null;
  },
  async 'org/bind'({ orgId, profileId }) {
    await updateContents((current) => ({ contents: bindOrg(current, orgId, profileId), result: null }));
    await paintOrgTabs(orgId);
    return null;
  },

  'link/create': (request) => linkOrg(request),
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
  'settings/get': () => readSettings(),
  'settings/set': (patch) => writeSettings(patch),
};

export const handlers: Handlers = { ...popupHandlers, ...optionsHandlers, ...dashboardHandlers };
