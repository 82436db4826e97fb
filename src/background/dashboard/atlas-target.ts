// Each row's Atlas target: the Atlas org "create and link" will link the row's org to, kept in the org's status
// record (`atlasOrgId`, as createAndLink also remembers it). Only an Atlas org the row's client has an Atlas key pair
// of (same label as the org's own Cloud Manager key pair) may be chosen; a list (a CSV import) is checked whole
// before anything is saved. An explicit none is kept too: it wins over the client's default target.
import { isObjectId } from '../../core/cloudmanager';
import { profileForOrg, type VaultContents } from '../../core/vault';
import type { AtlasTargetChoice } from '../../shared/dashboard-messages';
import type { OrgStatusRecord } from '../../shared/domain';
import { atlasKeyPairOfClient } from '../atlas/create-and-link';
import { WorkerError } from '../messaging/worker-error';
import { allOrgStatuses, saveOrgStatus } from '../orgs/org-state';
import { readContents } from '../vault/vault-store';

// Far above any consultant's list, low enough that one message cannot queue unbounded work.
const MAX_TARGETS = 5000;

const invalid = () => new WorkerError('invalid-input');

function checkChoice(
  choice: AtlasTargetChoice,
  contents: VaultContents,
  statuses: Readonly<Record<string, OrgStatusRecord>>,
): void {
  const { orgId, atlasOrgId } = choice;
  if (!isObjectId(orgId) || (atlasOrgId !== null && !isObjectId(atlasOrgId))) {
    throw new WorkerError('invalid-input', { variant: 'org-address' });
  }
  // Only Cloud Manager and Ops Manager key pairs are bound to orgs (the vault refuses an Atlas key pair that is).
  const bound = contents.profiles.some((p) => p.orgIds.includes(orgId));
  // Only an org the dashboard lists: a target never adds an org by itself.
  if (!bound && !statuses[orgId]) throw new WorkerError('invalid-input');
  if (atlasOrgId === null) return;
  // Never an Atlas key pair: an Atlas key pair serves no Cloud Manager or Ops Manager org, not even by its id.
  const client = profileForOrg(contents, orgId, statuses[orgId]?.base);
  // No key pair of this org is saved, so it has no client whose Atlas org could be its target.
  if (!client) {
    throw new WorkerError('no-profile');
  }
  // The same rule (and refusal, no-atlas-key-pair) as create-and-link's own.
  atlasKeyPairOfClient(contents.profiles, client, atlasOrgId);
}

/** Sets (or clears) every target in `targets`, or none when any of them is refused. */
export async function setAtlasTargets(targets: unknown): Promise<{ saved: number }> {
  if (!Array.isArray(targets) || targets.length > MAX_TARGETS) throw invalid();
  const choices = targets as AtlasTargetChoice[];
  if (!choices.every((c) => typeof c === 'object' && c !== null)) throw invalid();
  const [contents, statuses] = await Promise.all([readContents(), allOrgStatuses()]);
  for (const choice of choices) checkChoice(choice, contents, statuses);
  // A null is kept as an explicit none: the client's default Atlas org (core/vault atlasTargetOf) no longer applies.
  for (const { orgId, atlasOrgId } of choices) {
    await saveOrgStatus(orgId, {
      atlasOrgId: atlasOrgId ?? undefined,
      atlasTargetNone: atlasOrgId === null || undefined,
    });
  }
  return { saved: choices.length };
}

export async function setAtlasTarget(orgId: string, atlasOrgId: string | null): Promise<null> {
  await setAtlasTargets([{ orgId, atlasOrgId }]);
  return null;
}
