// Revoking an Atlas org's link: Atlas's DELETE names no token and removes the org's link tokens and the API key each
// embeds (deleteOrgLink), so the Cloud Manager links made with them stop working. Only the popup's confirmed action
// calls it. After a revoke, the status of each Cloud Manager org the extension knows it reached is checked (the usual
// status call: the org's record, its badges), so the popup can show what the revoke ended.
import { atlasKeyPairFor, profileForOrg } from '../../core/vault';
import type { OrgRef, RevokeReach, RevokeResult } from '../../shared/domain';
import { atlasApiFor } from '../api/atlas-clients';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { readHistory, recordAction } from '../orgs/history';
import { refreshStatus } from '../orgs/org-operations';
import { allOrgStatuses } from '../orgs/org-state';
import { readContents } from '../vault/vault-store';
import { dropPendingOfAtlasOrg } from './pending-tokens';
import { revokeReach } from './revoke-reach';

async function atlasKeyPair(atlasOrgId: string) {
  const contents = await readContents();
  const atlas = atlasKeyPairFor(contents.profiles, atlasOrgId);
  if (!atlas) throw new WorkerError('no-atlas-key-pair', { atlasOrgId });
  return { contents, atlas };
}

/** The Cloud Manager orgs a revoke of this Atlas org's link may cut off, as the extension's records know them. */
export async function reachOfRevoke(request: { atlasOrgId: string }): Promise<RevokeReach> {
  const { contents, atlas } = await atlasKeyPair(request.atlasOrgId);
  const [statuses, history] = await Promise.all([allOrgStatuses(), readHistory()]);
  return revokeReach(request.atlasOrgId, atlas, contents, statuses, history);
}

export async function revokeAtlasToken(request: { atlasOrgId: string }): Promise<RevokeResult> {
  const { atlasOrgId } = request;
  const { atlas } = await atlasKeyPair(atlasOrgId);
  // Read before the revoke: what the links were when the user confirmed.
  const reach = await reachOfRevoke(request);
  const entry = {
    time: Date.now(),
    orgId: atlasOrgId,
    orgName: atlas.org.name,
    operation: 'revoke-token' as const,
    profileLabel: atlas.label,
    publicKey: atlas.publicKey,
    atlasOrgId,
  };
  let outcome: RevokeResult['outcome'];
  try {
    outcome = await atlasApiFor(atlas).revokeLinkTokens(atlasOrgId);
  } catch (error) {
    await recordAction({ ...entry, ok: false, result: toErrorView(error).kind });
    throw error;
  }
  // Either way Atlas holds no token of this org now: a token kept for a retry would be refused.
  dropPendingOfAtlasOrg(atlasOrgId);
  await recordAction({ ...entry, ok: true, result: outcome });
  if (outcome === 'nothing-to-revoke') return { outcome, checked: [], unchecked: [] };
  return { outcome, ...(await checkReached([...reach.linked, ...reach.unknownAtlasOrg])) };
}

/** One status check at a time for each reached org a key pair serves (a handful of orgs: no burst). */
async function checkReached(orgs: readonly OrgRef[]): Promise<Pick<RevokeResult, 'checked' | 'unchecked'>> {
  const contents = await readContents();
  const statuses = await allOrgStatuses();
  const result: Pick<RevokeResult, 'checked' | 'unchecked'> = { checked: [], unchecked: [] };
  for (const org of orgs) {
    if (!profileForOrg(contents, org.orgId, statuses[org.orgId]?.base)) {
      result.unchecked.push(org);
      continue;
    }
    try {
      const record = await refreshStatus(org.orgId);
      result.checked.push({ ...org, ...(record.name ? { name: record.name } : {}), record });
    } catch (error) {
      result.checked.push({ ...org, error: toErrorView(error) });
    }
  }
  return result;
}
