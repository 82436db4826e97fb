// "Create and link" for many rows, run in the worker like "refresh all" (dashboard-run.ts): each org with a target
// (chosen, or its client's only Atlas org by default) is linked to its Atlas org through createAndLink (the client's
// Atlas key pair makes the token, the org's own key pair posts it). Nothing is sent twice: an org is attempted once
// per run; a 429 was not processed, so the scheduler tries that org again after the pause (a token already made is
// held by createAndLink and posted, never made again); an unknown outcome (the link may have been posted) is
// checked with a status call, never posted again.

import { atlasTargetOf, type Profile } from '../../core/vault';
import type { LinkSkipReason, RefreshProgress } from '../../shared/dashboard-messages';
import type { OrgStatusRecord } from '../../shared/domain';
import type { ErrorKind } from '../../shared/errors';
import { createAndLink } from '../atlas/create-and-link';
import { toErrorView } from '../messaging/error-view';
import { refreshStatus } from '../orgs/org-operations';
import { allOrgStatuses } from '../orgs/org-state';
import { readContents } from '../vault/vault-store';
import { type ItemChange, startRun } from './dashboard-run';
import { chosenTarget } from './rows';

/** Kinds after which the Cloud Manager POST may have been sent (and taken) without an answer. */
const UNKNOWN_OUTCOME: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['timeout', 'network', 'outcome-unknown']);

const isLinked = (record: Pick<OrgStatusRecord, 'status'>) =>
  record.status === 'SYNCED' || record.status === 'NOT_SYNCED';

/** A link whose outcome was unknown and whose status check then did not show it linked (or could not be made). */
class CheckedFailure {
  constructor(
    readonly error: unknown,
    readonly record?: OrgStatusRecord,
  ) {}
}

interface LinkOutcome {
  record: OrgStatusRecord;
  /** Linked as the status check showed, after an unknown outcome. */
  checked: boolean;
}

async function linkOne(orgId: string, atlasOrgId: string): Promise<LinkOutcome> {
  try {
    return { record: await createAndLink({ orgId, atlasOrgId }), checked: false };
  } catch (error) {
    // A 429 (Atlas or Cloud Manager) and every other failure go to the scheduler as they are.
    if (!UNKNOWN_OUTCOME.has(toErrorView(error).kind)) throw error;
    let record: OrgStatusRecord;
    try {
      record = await refreshStatus(orgId);
    } catch {
      // The check failed too: the outcome stays unknown, and the row says so (the original error).
      throw new CheckedFailure(error);
    }
    if (isLinked(record)) return { record, checked: true };
    throw new CheckedFailure(error, record);
  }
}

/**
 * Which orgs get a link call, and which are skipped with why (no target; already linked, as last known). A row's
 * target is the one the dashboard shows: chosen, else its client's only Atlas org (the client of its bound key pair).
 */
export function planLinkRun(
  orgIds: readonly string[],
  statuses: Readonly<Record<string, OrgStatusRecord>>,
  profiles: readonly Profile[],
): { targets: Map<string, string>; skipped: { orgId: string; reason: LinkSkipReason }[] } {
  const targets = new Map<string, string>();
  const skipped: { orgId: string; reason: LinkSkipReason }[] = [];
  for (const orgId of orgIds) {
    const record = statuses[orgId];
    const client = profiles.find((p) => p.orgIds.includes(orgId));
    const { atlasOrgId } = atlasTargetOf(profiles, client?.label, chosenTarget(record));
    if (!atlasOrgId) skipped.push({ orgId, reason: 'no-target' });
    else if (record && isLinked(record)) skipped.push({ orgId, reason: 'already-linked' });
    else targets.set(orgId, atlasOrgId);
  }
  return { targets, skipped };
}

function failed(error: unknown): ItemChange {
  if (!(error instanceof CheckedFailure)) return { state: 'failed', error: toErrorView(error), checkedAt: Date.now() };
  const change: ItemChange = { state: 'failed', error: toErrorView(error.error), checked: true };
  if (error.record) {
    change.status = error.record.status;
    change.checkedAt = error.record.checkedAt;
  }
  return change;
}

/**
 * Starts "create and link" over `orgIds` (validated and deduplicated), each to the Atlas target its status record
 * holds when the run starts, or returns the run already going (of either kind).
 */
export async function startLinkRun(orgIds: readonly string[], concurrency: number): Promise<RefreshProgress> {
  const [statuses, contents] = await Promise.all([allOrgStatuses(), readContents()]);
  const { targets, skipped } = planLinkRun(orgIds, statuses, contents.profiles);
  return startRun<LinkOutcome>({
    kind: 'link',
    orgIds: [...targets.keys()],
    skipped,
    concurrency,
    task: (orgId) => linkOne(orgId, targets.get(orgId)!),
    succeeded: ({ record, checked }) => ({
      state: 'ok',
      status: record.status,
      name: record.name,
      checkedAt: record.checkedAt,
      ...(checked ? { checked } : {}),
    }),
    failed,
  });
}
