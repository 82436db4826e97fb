// Batch setup from the dashboard: many orgs added at once (a pasted list or a CSV the page previewed), and one client
// given to many rows. The list is checked whole before anything is saved (its shape, then each entry's key pair and
// Atlas target against the vault); each entry that passes is then added as "add org" adds one, and answered on its
// own. A client is a key pair label: each row gets that client's key pair that serves it, never another org's.
import { isObjectId } from '../../core/cloudmanager';
import { cloudManagerKeyPairsOfClient, type Profile, profileServes, type VaultContents } from '../../core/vault';
import type { BatchOrgEntry, BatchOrgResult, ClientAssignResult } from '../../shared/dashboard-messages';
import { atlasKeyPairOfClient } from '../atlas/create-and-link';
import { toErrorView } from '../messaging/error-view';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { allOrgStatuses } from '../orgs/org-state';
import { readContents } from '../vault/vault-store';
import { addOrg } from './add-org';
import { setAtlasTargets } from './atlas-target';
import { setOrgClient } from './edit-org';

/** The most orgs one message adds or assigns: a consultant's list, not unbounded work. */
export const MAX_BATCH = 1000;

const notAList = () => new WorkerError('invalid-input');

const isOptionalString = (value: unknown, max: number) =>
  value === undefined || (typeof value === 'string' && value.length <= max);

function checkEntries(entries: unknown): asserts entries is BatchOrgEntry[] {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_BATCH) throw notAList();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) throw notAList();
    const { input, profileId, atlasOrgId } = entry as Record<string, unknown>;
    if (typeof input !== 'string' || input.length > 2048 || !isOptionalString(profileId, 200)) throw notAList();
    if (atlasOrgId !== undefined && !isObjectId(atlasOrgId)) throw notAList();
  }
}

/** What the vault says of an entry before anything is saved: throws its refusal. */
function precheck(entry: BatchOrgEntry, contents: VaultContents): void {
  const { input, profileId, atlasOrgId } = entry;
  const profile = profileId ? contents.profiles.find((p) => p.id === profileId) : undefined;
  if (profileId && (!profile || profile.side === 'atlas')) {
    throw new WorkerError('no-profile');
  }
  const orgId = input.trim();
  if (profile && isObjectId(orgId) && !profileServes(profile, orgId)) throw keyOfOtherOrg(profile.org);
  if (atlasOrgId === undefined) return;
  // An Atlas target is one of the org's client's: without a key pair the org has no client.
  if (!profile) {
    throw new WorkerError('no-profile');
  }
  atlasKeyPairOfClient(contents.profiles, profile, atlasOrgId);
}

async function addEntry(entry: BatchOrgEntry): Promise<BatchOrgResult> {
  try {
    const row = await addOrg(entry.input, entry.profileId);
    if (entry.atlasOrgId === undefined) return { ok: true, row };
    await setAtlasTargets([{ orgId: row.orgId, atlasOrgId: entry.atlasOrgId }]);
    return { ok: true, row: { ...row, atlasOrgId: entry.atlasOrgId, atlasTarget: 'chosen' } };
  } catch (error) {
    return { ok: false, error: toErrorView(error) };
  }
}

export async function addOrgs(entries: unknown): Promise<{ results: BatchOrgResult[] }> {
  checkEntries(entries);
  // Locked is one clear answer up front, not one error per entry.
  const contents = await readContents();
  const checked = entries.map((entry): BatchOrgResult | undefined => {
    try {
      precheck(entry, contents);
      return undefined;
    } catch (error) {
      return { ok: false, error: toErrorView(error) };
    }
  });
  const results: BatchOrgResult[] = [];
  // One after another: each add reads and writes the vault and the statuses.
  for (const [i, entry] of entries.entries()) results.push(checked[i] ?? (await addEntry(entry)));
  return { results };
}

/** Of the client's key pairs, the one that serves the org: its own org's key first. */
function servingKeyPair(candidates: readonly Profile[], orgId: string, base?: string): Profile | undefined {
  const serving = candidates.filter((p) => profileServes(p, orgId, base));
  return serving.find((p) => p.org?.id === orgId) ?? serving[0];
}

export async function setClients(orgIds: unknown, client: unknown): Promise<{ results: ClientAssignResult[] }> {
  if (!Array.isArray(orgIds) || orgIds.length > MAX_BATCH || !orgIds.every(isObjectId)) throw notAList();
  if (typeof client !== 'string' || client.trim() === '' || client.length > 200) {
    throw new WorkerError('invalid-input');
  }
  const [contents, statuses] = await Promise.all([readContents(), allOrgStatuses()]);
  const candidates = cloudManagerKeyPairsOfClient(contents.profiles, client);
  if (candidates.length === 0) throw new WorkerError('no-profile');
  const results: ClientAssignResult[] = [];
  for (const orgId of new Set(orgIds as string[])) {
    const profile = servingKeyPair(candidates, orgId, statuses[orgId]?.base);
    if (!profile) {
      results.push({ orgId, refused: 'not-serving' });
      continue;
    }
    try {
      await setOrgClient(orgId, profile.id);
      results.push({ orgId, profileId: profile.id });
    } catch (error) {
      results.push({ orgId, error: toErrorView(error) });
    }
  }
  return { results };
}
