// Everything the popup needs when it opens, in one answer: vault state, which org the tab shows, which profile
// serves it, its last known status. Project pages are resolved to their org here when the vault is open.
import { profileForOrg, publicProfile } from '../core/vault';
import type { PopupContext } from '../shared/messages';
import { toErrorView } from './error-view';
import { interruptedOperation, runningOperation } from './in-flight';
import { locate, resolveGroupOrg } from './locations';
import { orgStatus } from './org-status';
import { readSettings } from './settings';
import { readContents, vaultState } from './vault-store';

export async function popupContext(url: string | undefined): Promise<PopupContext> {
  const [vault, settings] = await Promise.all([vaultState(), readSettings()]);
  const location = await locate(url);
  const context: PopupContext = { vault, location, profiles: [], autoLockMinutes: settings.autoLockMinutes };
  let orgId = location.kind === 'org' ? location.orgId : location.kind === 'group' ? location.orgId : undefined;

  if (vault === 'unlocked') {
    const contents = await readContents();
    context.profiles = contents.profiles.map(publicProfile);
    if (location.kind === 'group' && !orgId) {
      try {
        orgId = await resolveGroupOrg(location, contents);
        context.location = { ...location, orgId };
      } catch (error) {
        context.locationError = toErrorView(error);
      }
    }
    if (orgId) context.profileId = profileForOrg(contents, orgId)?.id;
  }
  if (orgId) {
    context.org = (await orgStatus(orgId)) ?? { orgId };
    context.inFlight = runningOperation(orgId);
    context.interrupted = await interruptedOperation(orgId);
  }
  return context;
}
