// Which key pair serves an org: a key serves the one org its server named (an Ops Manager global key: the orgs of
// its own server), learnt when it was saved or tested; and the lookups by org, project and public key built on it.
// An Atlas key pair serves only its Atlas org's link tokens; a Cloud Manager or Ops Manager one never serves those.
import { cut, identityFields, type KeyIdentity } from './identity';
import { MAX_PROJECTS_PER_PROFILE, ORG_ID, sameLabel } from './profile-rules';
import { bindOrg, requireMatchingIdentity } from './profiles';
import { profileSide } from './sides';
import type { KeyOrg, KeyProject, Profile, VaultContents } from './types';
import { VaultError } from './vault-error';

/** Records what the server said about a saved key: an org key is bound to its org and to no other. */
export function setIdentity(contents: VaultContents, profileId: string, identity: KeyIdentity): VaultContents {
  const current = contents.profiles.find((p) => p.id === profileId);
  if (!current) throw new VaultError('unknown-profile');
  requireMatchingIdentity(current.side, identity);
  if (identity.kind !== 'global' && !ORG_ID.test(identity.org.id)) {
    throw new VaultError('invalid-profile', {
      variant: 'bad-org-id',
      field: 'org',
    });
  }
  const { org: _org, global: _global, projects: _projects, ...rest } = current;
  const updated: Profile = {
    ...rest,
    ...identityFields(identity),
    orgIds: identity.kind === 'org' ? current.orgIds.filter((o) => o === identity.org.id) : current.orgIds,
  };
  const next = { ...contents, profiles: contents.profiles.map((p) => (p.id === profileId ? updated : p)) };
  // Bound to its org unless another key pair of the same org already is (that choice stays the user's).
  const taken = next.profiles.some(
    (p) => p.id !== profileId && identity.kind === 'org' && p.orgIds.includes(identity.org.id),
  );
  return identity.kind === 'org' && !taken ? bindOrg(next, identity.org.id, profileId) : next;
}

/** Replaces the projects remembered for an org key with the list the server gave now. */
export function setProjects(contents: VaultContents, profileId: string, projects: KeyProject[]): VaultContents {
  return {
    ...contents,
    profiles: contents.profiles.map((p) => {
      if (p.id !== profileId || !p.org) return p;
      // Stryker disable next-line StringLiteral: identityFields tells only 'global' and 'atlas-org' apart, so any other kind reads as an org key
      return { ...p, projects: identityFields({ kind: 'org', org: p.org, projects }).projects };
    }),
  };
}

/** Remembers one more project of the key's org (learnt when a project page was resolved with this key). */
export function addProject(contents: VaultContents, profileId: string, project: KeyProject): VaultContents {
  return {
    ...contents,
    profiles: contents.profiles.map((p) => {
      if (p.id !== profileId || !ORG_ID.test(project.id)) return p;
      const others = (p.projects ?? []).filter((q) => q.id !== project.id);
      if (others.length >= MAX_PROJECTS_PER_PROFILE) return p;
      return { ...p, projects: [...others, { id: project.id, name: cut(project.name) }] };
    }),
  };
}

/**
 * Whether the key pair may sign calls for this org: an identified key for its own org only; a global key for
 * the orgs bound to it or any org of its own server (`base`); an unidentified (older) key pair for its bound orgs.
 */
export function profileServes(profile: Profile, orgId: string, base?: string): boolean {
  // An Atlas key pair serves no Cloud Manager or Ops Manager org, not even the id of its own Atlas org.
  if (profile.side === 'atlas') return false;
  if (profile.org) return profile.org.id === orgId;
  if (profile.global) return profile.orgIds.includes(orgId) || (base !== undefined && profile.baseUrl === base);
  return profile.orgIds.includes(orgId);
}

/** Every key pair that may serve the org (the bound one first). */
export function profilesServing(contents: VaultContents, orgId: string, base?: string): Profile[] {
  const serving = contents.profiles.filter((p) => profileServes(p, orgId, base));
  return [...serving.filter((p) => p.orgIds.includes(orgId)), ...serving.filter((p) => !p.orgIds.includes(orgId))];
}

/** The key pair whose org holds this project, as learnt from the API. */
export function profileForProject(contents: VaultContents, groupId: string, base?: string): Profile | undefined {
  return contents.profiles.find(
    (p) =>
      p.side !== 'atlas' && (base === undefined || p.baseUrl === base) && p.projects?.some((q) => q.id === groupId),
  );
}

/** A key pair already in the vault with this public key on this server. */
export function profileWithKey(
  contents: VaultContents,
  publicKey: string,
  baseUrl: string,
  except?: string,
): Profile | undefined {
  const key = typeof publicKey === 'string' ? publicKey.trim() : '';
  return contents.profiles.find((p) => p.id !== except && p.publicKey === key && p.baseUrl === baseUrl);
}

/** The key pair that serves the org: the one bound to it, else the one key that serves it (never a guess). */
export function profileForOrg(contents: VaultContents, orgId: string, base?: string): Profile | undefined {
  const bound = contents.profiles.find((p) => p.side !== 'atlas' && p.orgIds.includes(orgId));
  if (bound) return bound;
  const serving = profilesServing(contents, orgId, base);
  return serving.length === 1 ? serving[0] : undefined;
}

/**
 * The Atlas key pair that makes link tokens for this Atlas org: one whose key the Atlas API named that org for (the
 * first saved, when the vault holds several keys of the same org: any of them serves it alike). Never a Cloud
 * Manager or Ops Manager key pair, even one bound to an org with that id.
 */
export function atlasKeyPairFor(
  profiles: readonly Profile[],
  atlasOrgId: string,
): (Profile & { org: KeyOrg }) | undefined {
  return profiles.find((p): p is Profile & { org: KeyOrg } => p.side === 'atlas' && p.org?.id === atlasOrgId);
}

/** A client's Atlas key pairs (the client is the label): those with the label of its Cloud Manager key pair. */
export function atlasKeyPairsOfClient(profiles: readonly Profile[], label: string): Profile[] {
  return profiles.filter((p) => p.side === 'atlas' && sameLabel(p.label, label));
}

/** A client's Cloud Manager and Ops Manager key pairs: the other way from an Atlas key pair's label. */
export function cloudManagerKeyPairsOfClient(profiles: readonly Profile[], label: string): Profile[] {
  return profiles.filter((p) => profileSide(p) !== 'atlas' && sameLabel(p.label, label));
}
