// Adds an org to the dashboard by its id or by the address of one of its Cloud Manager (or known Ops Manager)
// pages; a project page is resolved to its org through the projects learnt per key pair, or with the key pair of
// the client the user chose. The org is kept as a status record (named when a key pair of it is saved) without a
// status until it is first checked; it is served by its own org's key pair, never another's.
import { CLOUD_MANAGER_BASE, isObjectId } from '../../core/cloudmanager';
import { bindOrg, profileServes } from '../../core/vault';
import type { DashboardRow } from '../../shared/dashboard-messages';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { knownGroupOrg, locate, resolveGroupWith } from '../orgs/locations';
import { saveOrgStatus } from '../orgs/org-state';
import { readContents, updateContents } from '../vault/vault-store';
import { knownRows } from './view';

// The input may be anything the user pasted (even a token by mistake): errors never repeat it.
const notAnOrg = () =>
  new WorkerError('invalid-input', {
    variant: 'org-address',
  });

async function orgOfInput(input: string, profileId?: string): Promise<{ orgId: string; base?: string }> {
  const text = input.trim();
  if (isObjectId(text)) return { orgId: text };
  const location = await locate(text);
  if (location.kind === 'org') return { orgId: location.orgId, base: location.base };
  if (location.kind !== 'group') throw notAnOrg();
  const orgId = profileId
    ? await resolveGroupWith(location, profileId)
    : await knownGroupOrg(location, await readContents());
  if (!orgId) {
    throw new WorkerError('no-profile', {
      variant: 'project-client',
    });
  }
  return { orgId, base: location.base };
}

export async function addOrg(input: string, profileId?: string): Promise<DashboardRow> {
  if (typeof input !== 'string' || input.length > 2048) throw notAnOrg();
  const { orgId, base } = await orgOfInput(input, profileId || undefined);
  const server = base && base !== CLOUD_MANAGER_BASE ? base : undefined;
  if (profileId) {
    await updateContents((contents) => {
      const profile = contents.profiles.find((p) => p.id === profileId);
      if (!profile) throw new WorkerError('no-profile');
      if (!profileServes(profile, orgId, server ?? CLOUD_MANAGER_BASE)) throw keyOfOtherOrg(profile.org);
      return { contents: bindOrg(contents, orgId, profileId), result: null };
    });
  }
  // The org's name is known without a call when a key pair of it is saved (a global key of its server serving it
  // too does not hide it).
  const name = (await readContents()).profiles
    .map((p) => (p.side === 'atlas' ? undefined : p.org))
    .find((org) => org?.id === orgId)?.name;
  await saveOrgStatus(orgId, { ...(server ? { base: server } : {}), ...(name ? { name } : {}) });
  const row = (await knownRows()).find((r) => r.orgId === orgId);
  return row ?? { orgId };
}
