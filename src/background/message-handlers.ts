// One named handler per message: thin wiring from the typed message map to the vault, the org operations and
// the settings. Anything thrown becomes an ErrorView in the router.
import {
  addProfile,
  assertPassphrase,
  emptyContents,
  type ProfileInput,
  publicProfile,
  removeProfile,
} from '../core/vault';
import type { HandlersOf, MessageMap, MessageName, PopupMessages } from '../shared/messages';
import { lockNow } from './auto-lock';
import { dashboardHandlers } from './dashboard-handlers';
import { clearHistory, readHistory } from './history';
import { identifyKey, requireNewKey, requireOrg } from './key-identity';
import { resolveProjectWith } from './locations';
import { optionsHandlers } from './options-handlers';
import { linkOrg, refreshStatus, unlinkOrg } from './org-operations';
import { allOrgStatuses } from './org-status';
import { popupContext } from './popup-context';
import { readSettings, writeSettings } from './settings';
import { createNewVault, readContents, unlockWithPassphrase, updateContents } from './vault-store';

/**
 * Checks the form, then asks the key's server which org the key belongs to: nothing is saved for a key the server
 * refuses, and a key of another org than the page's is refused by name.
 */
async function identified(input: ProfileInput, orgId: string | undefined, now: number) {
  const draft = addProfile(emptyContents(), input, now).profile;
  const identity = await identifyKey(draft);
  requireOrg(identity, orgId);
  return identity;
}

export type Handlers = {
  [N in MessageName]: (request: MessageMap[N]['request']) => Promise<MessageMap[N]['response']>;
};

// Handlers of the options page's messages live in options-handlers.ts.
export const popupHandlers: HandlersOf<PopupMessages> = {
  'context/get': ({ url }) => popupContext(url),

  async 'vault/create'({ passphrase, profile, orgId }) {
    // The passphrase rule first: a weak one fails before any call is made with the key.
    assertPassphrase(passphrase);
    const now = Date.now();
    const identity = await identified(profile, orgId, now);
    const { contents, profile: added } = addProfile(emptyContents(), profile, now, identity);
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
    const now = Date.now();
    const draft = addProfile(emptyContents(), profile, now).profile;
    requireNewKey(await readContents(), draft, { orgId });
    const identity = await identified(profile, orgId, now);
    const added = await updateContents((current) => {
      requireNewKey(current, draft); // saved meanwhile, in another window
      const result = addProfile(current, profile, now, identity);
      return { contents: result.contents, result: result.profile };
    });
    return { profile: publicProfile(added) };
  },
  async 'profiles/remove'({ profileId }) {
    await updateContents((current) => ({ contents: removeProfile(current, profileId), result: null }));
    return null;
  },
  'project/resolve': ({ url, profileId }) => resolveProjectWith(url, profileId),

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
