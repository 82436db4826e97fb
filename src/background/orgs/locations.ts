// Which org a tab shows: org pages name it; project pages through the projects learnt per key pair, or once
// through the API with the key pair of the client the user named, then cached.
// Ops Manager hosts count as known once the user granted the extension access to them.
// The project → org answers are cached in storage.local (ids and names only).
import { CLOUD_MANAGER_BASE, parseUiUrl } from '../../core/cloudmanager';
import { profileForProject, profileSide, setIdentity, setProjects, type VaultContents } from '../../core/vault';
import type { PageLocation } from '../../shared/domain';
import { apiFor } from '../api/api-clients';
import { WorkerError } from '../messaging/worker-error';
import { browser } from '../platform/browser';
import { groupOrgItem } from '../storage/items';
import { identifyCloudManagerKey } from '../vault/cloud-manager-identity';
import { readContents, updateContents } from '../vault/vault-store';

export async function orgOfGroupCached(groupId: string): Promise<{ orgId: string; name?: string } | undefined> {
  return (await groupOrgItem.get())[groupId];
}

export async function rememberGroupOrg(groupId: string, orgId: string, name?: string): Promise<void> {
  await groupOrgItem.update((table) => ({ ...table, [groupId]: { orgId, name } }));
}

export async function knownBases(): Promise<string[]> {
  // Stryker disable next-line ArrayDeclaration: any non-pattern string in the default adds no base either.
  const { origins = [] } = await browser.permissions.getAll();
  const bases = new Set<string>([CLOUD_MANAGER_BASE]);
  for (const pattern of origins) {
    const match = /^(https?):\/\/([^/*]+)\/?/.exec(pattern);
    if (match) bases.add(`${match[1]}://${match[2]}`);
  }
  return [...bases];
}

export async function locate(url: string | undefined): Promise<PageLocation> {
  if (!url) return { kind: 'other' };
  const found = parseUiUrl(url, await knownBases());
  if (!found) return { kind: 'other' };
  if (found.kind === 'org') return found;
  const cached = await orgOfGroupCached(found.groupId);
  return { ...found, orgId: cached?.orgId };
}

/**
 * A project's org, without guessing: the cached answer, else the key pair whose org's projects (learnt from the
 * API) hold it. Undefined when no saved key pair knows the project: the user says which client it is of.
 */
export async function knownGroupOrg(
  location: Extract<PageLocation, { kind: 'group' }>,
  contents: VaultContents,
): Promise<string | undefined> {
  if (location.orgId) return location.orgId;
  const owner = profileForProject(contents, location.groupId, location.base);
  if (!owner?.org) return undefined;
  // Stryker disable next-line OptionalChaining: profileForProject found the project in this very list.
  const name = owner.projects?.find((p) => p.id === location.groupId)?.name;
  await rememberGroupOrg(location.groupId, owner.org.id, name);
  return owner.org.id;
}

/**
 * Finds a project's org with the one key pair the user named as its client, without ever signing a call for an org
 * that key does not belong to: an org key reads its own org's projects afresh (`GET /orgs/{its org}/groups`) and
 * the project is either among them or not that client's; only an Ops Manager global key asks `GET /groups/{id}`.
 */
export async function resolveGroupWith(
  location: Extract<PageLocation, { kind: 'group' }>,
  profileId: string,
): Promise<string> {
  const contents = await readContents();
  const known = await knownGroupOrg(location, contents);
  if (known) return known;
  let profile = contents.profiles.find((p) => p.id === profileId);
  if (!profile) throw new WorkerError('no-profile');
  if (profile.baseUrl !== location.base) {
    throw new WorkerError('no-profile');
  }
  // An Atlas key pair never signs a Cloud Manager call, not even to find a project's org.
  if (profileSide(profile) === 'atlas') throw new WorkerError('no-profile');
  if (profile.global) {
    const group = await apiFor(profile).orgOfGroup(location.groupId);
    await rememberGroupOrg(location.groupId, group.orgId, group.name);
    return group.orgId;
  }
  if (!profile.org) {
    // Saved before keys were identified: learn its org first (its own GET /orgs).
    const identity = await identifyCloudManagerKey(profile);
    profile = await updateContents((c) => {
      const next = setIdentity(c, profileId, identity);
      return { contents: next, result: next.profiles.find((p) => p.id === profileId)! };
    });
    if (!profile.org) throw new WorkerError('no-profile');
  }
  const org = profile.org;
  const projects = await apiFor(profile).projectsOf(org.id);
  await updateContents((c) => ({ contents: setProjects(c, profileId, projects), result: null }));
  const project = projects.find((p) => p.id === location.groupId);
  if (!project) {
    throw new WorkerError('no-profile', {
      variant: 'project-elsewhere',
      orgId: org.id,
      orgName: org.name,
    });
  }
  await rememberGroupOrg(location.groupId, org.id, project.name);
  return org.id;
}

/** 'project/resolve': the popup's "which client is this project of?" answered. */
export async function resolveProjectWith(url: string, profileId: string): Promise<{ orgId: string }> {
  const location = await locate(typeof url === 'string' ? url : undefined);
  if (location.kind !== 'group') throw new WorkerError('invalid-input');
  return { orgId: await resolveGroupWith(location, profileId) };
}

export async function orgIdOfTab(url: string | undefined): Promise<string | undefined> {
  const location = await locate(url);
  if (location.kind === 'org') return location.orgId;
  if (location.kind === 'group') return location.orgId;
  return undefined;
}
