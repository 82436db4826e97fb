// Everything the popup needs when it opens, in one answer: vault state, which org the tab shows, which key pairs
// may serve it (its own org's, never another client's), its last known status. A project page finds its org
// through the projects learnt per key pair; one no key pair knows is left for the user to name its client.
import { CLOUD_MANAGER_BASE } from '../../core/cloudmanager';
import { profileForOrg, profilesServing, publicProfile } from '../../core/vault';
import type { PopupContext } from '../../shared/domain';
import { readSettings } from '../settings/settings';
import { readContents, vaultState } from '../vault/vault-store';
import { knownGroupOrg, locate } from './locations';
import { interruptedOperation, orgStatus, runningOperation, saveOrgStatus } from './org-state';

export async function popupContext(url: string | undefined): Promise<PopupContext> {
  const [vault, settings] = await Promise.all([vaultState(), readSettings()]);
  const location = await locate(url);
  const context: PopupContext = { vault, location, profiles: [], autoLockMinutes: settings.autoLockMinutes };
  // Stryker disable next-line ConditionalExpression: `true` reads orgId of 'other', undefined (`false` is tested).
  let orgId = location.kind === 'org' ? location.orgId : location.kind === 'group' ? location.orgId : undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: the guard only narrows the type (no base).
  const base = location.kind === 'other' ? undefined : location.base;

  if (vault === 'unlocked') {
    const contents = await readContents();
    context.profiles = contents.profiles.map(publicProfile);
    if (location.kind === 'group' && !orgId) {
      orgId = await knownGroupOrg(location, contents);
      if (orgId) context.location = { ...location, orgId };
      else context.needsClient = true;
    }
    if (orgId) {
      context.profileId = profileForOrg(contents, orgId, base)?.id;
      context.candidates = profilesServing(contents, orgId, base).map((p) => p.id);
    }
  }
  if (orgId) {
    let record = await orgStatus(orgId);
    // An Ops Manager org keeps its server, so that the server's global key (and no other) may serve it later.
    if (vault === 'unlocked' && base && base !== CLOUD_MANAGER_BASE && record?.base !== base) {
      record = await saveOrgStatus(orgId, { base });
    }
    context.org = record ?? { orgId };
    context.inFlight = runningOperation(orgId);
    context.interrupted = await interruptedOperation(orgId);
  }
  return context;
}
