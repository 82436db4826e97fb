// Which Atlas org and key pair speak for a client's Cloud Manager org after its link: the org's Atlas target (the
// one chosen, else the client's only Atlas org, as the dashboard row shows it) and the client's Atlas key pair of
// that org, found as create-and-link finds it. Never another client's key pair.
import { isObjectId } from '../../core/cloudmanager';
import { atlasTargetOf, type Profile, profileForOrg, profileSide } from '../../core/vault';
import { atlasKeyPairOfClient } from '../atlas/create-and-link';
import { chosenTarget } from '../dashboard/rows';
import { WorkerError } from '../messaging/worker-error';
import { orgStatus } from '../orgs/org-state';
import { readContents } from '../vault/vault-store';

export interface MigrationSource {
  cloudManagerOrgId: string;
  orgName?: string;
  /** The org's own key pair: its label is the client. */
  client: Profile;
  /** The client's Atlas key pair of the target Atlas org: it signs every migration call. */
  atlas: Profile;
  atlasOrgId: string;
  side: 'cloud-manager' | 'ops-manager';
}

/**
 * The org's client and Atlas key pair: for `atlasOrgId` when given (a migration started there), else for the org's
 * Atlas target.
 */
export async function migrationSource(cloudManagerOrgId: unknown, atlasOrgId?: string): Promise<MigrationSource> {
  if (!isObjectId(cloudManagerOrgId)) {
    throw new WorkerError('invalid-input', { variant: 'org-address' });
  }
  const [contents, record] = await Promise.all([readContents(), orgStatus(cloudManagerOrgId)]);
  const client = profileForOrg(contents, cloudManagerOrgId, record?.base);
  const orgName = record?.name ?? (client?.org?.id === cloudManagerOrgId ? client.org.name : undefined);
  if (!client) {
    throw new WorkerError('no-profile', {
      orgId: cloudManagerOrgId,
      ...(orgName ? { orgName } : {}),
    });
  }
  const target = atlasOrgId ?? atlasTargetOf(contents.profiles, client.label, chosenTarget(record)).atlasOrgId;
  if (!target) {
    throw new WorkerError('no-atlas-target', {
      orgId: cloudManagerOrgId,
      ...(orgName ? { orgName } : {}),
    });
  }
  const atlas = atlasKeyPairOfClient(contents.profiles, client, target);
  const side = profileSide(client) === 'ops-manager' ? 'ops-manager' : 'cloud-manager';
  return { cloudManagerOrgId, ...(orgName ? { orgName } : {}), client, atlas, atlasOrgId: target, side };
}
