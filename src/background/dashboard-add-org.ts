// Adds an org to the dashboard by its id or by the address of one of its Cloud Manager (or known Ops Manager)
// pages; a project page is resolved to its org through the API. The org is kept as a status record without a
// status until it is first checked, and is bound to a client when one is chosen.
import { isObjectId } from '../core/cloudmanager';
import { bindOrg } from '../core/vault';
import type { DashboardRow } from '../shared/dashboard-messages';
import { knownRows } from './dashboard-view';
import { CLOUD_MANAGER, locate, resolveGroupOrg } from './locations';
import { saveOrgStatus } from './org-status';
import { readContents, updateContents } from './vault-store';
import { WorkerError } from './worker-error';

// The input may be anything the user pasted (even a token by mistake): errors never repeat it.
const notAnOrg = () =>
  new WorkerError('invalid-input', 'Paste an org id or the address of a Cloud Manager org or project page.', {
    variant: 'org-address',
  });

async function orgOfInput(input: string): Promise<{ orgId: string; base?: string }> {
  const text = input.trim();
  if (isObjectId(text)) return { orgId: text };
  const location = await locate(text);
  if (location.kind === 'org') return { orgId: location.orgId, base: location.base };
  if (location.kind !== 'group') throw notAnOrg();
  const orgId = await resolveGroupOrg(location, await readContents());
  if (!orgId) {
    throw new WorkerError('no-profile', 'No saved key pair for this server can read the project.');
  }
  return { orgId, base: location.base };
}

export async function addOrg(input: string, profileId?: string): Promise<DashboardRow> {
  if (typeof input !== 'string' || input.length > 2048) throw notAnOrg();
  const { orgId, base } = await orgOfInput(input);
  if (profileId) {
    await updateContents((contents) => {
      if (!contents.profiles.some((p) => p.id === profileId)) {
        throw new WorkerError('no-profile', 'That key pair is no longer in the vault.');
      }
      return { contents: bindOrg(contents, orgId, profileId), result: null };
    });
  }
  await saveOrgStatus(orgId, base && base !== CLOUD_MANAGER ? { base } : {});
  const row = (await knownRows()).find((r) => r.orgId === orgId);
  return row ?? { orgId };
}
