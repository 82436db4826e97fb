// Which org a tab shows: org pages name it, project pages are resolved once through the API and cached.
// Ops Manager hosts count as known once the user granted the extension access to them.
import browser from 'webextension-polyfill';
import { parseUiUrl } from '../core/cloudmanager';
import type { VaultContents } from '../core/vault';
import type { PageLocation } from '../shared/messages';
import { apiFor } from './api-clients';
import { orgOfGroupCached, rememberGroupOrg } from './org-status';

export const CLOUD_MANAGER = 'https://cloud.mongodb.com';

export async function knownBases(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const bases = new Set<string>([CLOUD_MANAGER]);
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

/** Finds a project's org with the first profile for that host that may read it, and caches the answer. */
export async function resolveGroupOrg(
  location: Extract<PageLocation, { kind: 'group' }>,
  contents: VaultContents,
): Promise<string | undefined> {
  if (location.orgId) return location.orgId;
  const candidates = contents.profiles.filter((p) => p.baseUrl === location.base);
  let lastError: unknown;
  for (const profile of candidates) {
    try {
      const group = await apiFor(profile).orgOfGroup(location.groupId);
      await rememberGroupOrg(location.groupId, group.orgId, group.name);
      return group.orgId;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  return undefined;
}

export async function orgIdOfTab(url: string | undefined): Promise<string | undefined> {
  const location = await locate(url);
  if (location.kind === 'org') return location.orgId;
  if (location.kind === 'group') return location.orgId;
  return undefined;
}
