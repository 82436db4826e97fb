// A row's own settings: which of its org's key pairs the org uses (or none), and removing the org from the dashboard.
// Removing forgets the org's last known status and its client binding; the key pair, the history and everything in
// Cloud Manager and Atlas stay as they are. Both need an open vault (the binding is inside it).
import { isObjectId } from '../../core/cloudmanager';
import { bindOrg, profileServes, unbindOrg } from '../../core/vault';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { paintOrgTabs } from '../orgs/badge';
import { forgetOrgStatus, orgStatus, runningOperation } from '../orgs/org-state';
import { updateContents } from '../vault/vault-store';
import { isRefreshRunning } from './refresh-run';

function checkOrgId(orgId: unknown): asserts orgId is string {
  if (!isObjectId(orgId)) {
    throw new WorkerError('invalid-input', { variant: 'org-address' });
  }
}

/** Binds the org to the profile, or to none when `profileId` is null. */
export async function setOrgClient(orgId: string, profileId: string | null): Promise<null> {
  checkOrgId(orgId);
  if (profileId !== null && typeof profileId !== 'string') throw new WorkerError('invalid-input');
  const base = (await orgStatus(orgId))?.base;
  await updateContents((contents) => {
    if (profileId === null) return { contents: unbindOrg(contents, orgId), result: null };
    const profile = contents.profiles.find((p) => p.id === profileId);
    if (!profile) throw new WorkerError('no-profile');
    // Only a key pair of this org (or its server's global key) may be chosen: never another client's.
    if (!profileServes(profile, orgId, base)) throw keyOfOtherOrg(profile.org);
    return { contents: bindOrg(contents, orgId, profileId), result: null };
  });
  await paintOrgTabs(orgId);
  return null;
}

export async function removeOrg(orgId: string): Promise<null> {
  checkOrgId(orgId);
  const operation = runningOperation(orgId);
  // A call or a refresh still running would write the org's status back as soon as it ends.
  if (operation || isRefreshRunning()) {
    throw new WorkerError('busy', operation ? { operation } : undefined);
  }
  await updateContents((contents) => ({ contents: unbindOrg(contents, orgId), result: null }));
  await forgetOrgStatus(orgId);
  await paintOrgTabs(orgId);
  return null;
}
