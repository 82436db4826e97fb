// Everything the popup needs when it opens, in one answer: vault state, which org the tab shows, which key pairs
// may serve it (its own org's, never another client's), its last known status. A project page finds its org
// through the projects learnt per key pair; one no key pair knows is left for the user to name its client.
import { CLOUD_MANAGER_BASE } from '../../core/cloudmanager';
import {
  atlasKeyPairFor,
  atlasKeyPairsOfClient,
  cloudManagerKeyPairsOfClient,
  type Profile,
  profileForOrg,
  profilesServing,
  publicProfile,
} from '../../core/vault';
import type { AtlasTarget, ClientOrg, OrgStatusRecord, PopupContext } from '../../shared/domain';
import { pendingUntil } from '../atlas/pending-tokens';
import { orgMigration } from '../migrations/org-migration';
import { readSettings } from '../settings/settings';
import { readContents, vaultState } from '../vault/vault-store';
import { knownGroupOrg, locate } from './locations';
import { allOrgStatuses, interruptedOperation, orgStatus, runningOperation, saveOrgStatus } from './org-state';

/** The Atlas orgs the client of this org's key pair has Atlas key pairs for. */
function atlasTargetsOf(profiles: Profile[], client: Profile, orgId: string): AtlasTarget[] {
  return atlasKeyPairsOfClient(profiles, client.label).flatMap((p) =>
    p.org
      ? [{ atlasOrgId: p.org.id, name: p.org.name, profileId: p.id, pendingUntil: pendingUntil(orgId, p.org.id) }]
      : // Stryker disable next-line ArrayDeclaration: an Atlas key pair always has its org (the vault refuses one without).
        [],
  );
}

/** The Cloud Manager orgs of the Atlas key pair's client: each of its key pairs' own org, or the orgs bound to it. */
function clientOrgsOf(
  profiles: Profile[],
  atlas: { label: string; org: { id: string } },
  known: Record<string, OrgStatusRecord>,
): ClientOrg[] {
  return cloudManagerKeyPairsOfClient(profiles, atlas.label).flatMap((p) =>
    (p.org ? [p.org.id] : p.orgIds).map((orgId) => ({
      orgId,
      name: known[orgId]?.name ?? (p.org?.id === orgId ? p.org.name : undefined),
      profileId: p.id,
      status: known[orgId]?.status,
      ...(known[orgId]?.statusFrom ? { statusFrom: known[orgId].statusFrom } : {}),
      pendingUntil: pendingUntil(orgId, atlas.org.id),
    })),
  );
}

export async function popupContext(url: string | undefined): Promise<PopupContext> {
  // Independent reads, asked together: each one not in the worker's copy is a round trip to the browser.
  const [vault, settings, location] = await Promise.all([vaultState(), readSettings(), locate(url)]);
  const context: PopupContext = { vault, location, profiles: [], autoLockMinutes: settings.autoLockMinutes };
  let orgId = location.kind === 'org' ? location.orgId : location.kind === 'group' ? location.orgId : undefined;
  const base = location.kind === 'other' ? undefined : location.base;

  if (vault === 'unlocked') {
    const contents = await readContents();
    context.profiles = contents.profiles.map(publicProfile);
    if (location.kind === 'group' && !orgId) {
      orgId = await knownGroupOrg(location, contents);
      if (orgId) context.location = { ...location, orgId };
      else context.needsClient = true;
    }
    const atlas = location.kind === 'org' ? atlasKeyPairFor(contents.profiles, location.orgId) : undefined;
    if (atlas?.org) {
      // An Atlas org of a saved Atlas key pair: the Atlas side of the link, not an org to link.
      const clientOrgs = clientOrgsOf(
        contents.profiles,
        { label: atlas.label, org: atlas.org },
        await allOrgStatuses(),
      );
      context.atlasPage = { atlasOrgId: atlas.org.id, name: atlas.org.name, profileId: atlas.id, clientOrgs };
      return context;
    }
    if (orgId) {
      const client = profileForOrg(contents, orgId, base);
      context.profileId = client?.id;
      context.candidates = profilesServing(contents, orgId, base).map((p) => p.id);
      const targets = client ? atlasTargetsOf(contents.profiles, client, orgId) : [];
      if (targets.length) context.atlasTargets = targets;
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
    const [interrupted, migration] = await Promise.all([interruptedOperation(orgId), orgMigration(orgId)]);
    context.interrupted = interrupted;
    if (migration) context.migration = migration;
  }
  return context;
}
