// What the worker knows of each org, in one place: its last known link status (storage.local: ids, names, statuses,
// never a secret) and the call running for it now. One call per org at a time: a second click or a second popup
// joins the call already running. Calls are also noted in storage.session, so after a worker restart the popup can
// tell the user that a call's outcome is unknown (a Link is never re-sent by itself).
// Every change is a serialised update of its table, so concurrent calls never drop each other's records.
import type { ErrorView, Operation, OrgStatusRecord } from '../../shared/domain';
import { WorkerError } from '../messaging/worker-error';
import { inFlightItem, orgStatusItem } from '../storage/items';

export type { Operation } from '../../shared/domain';

// --- Last known status --------------------------------------------------------------------------------------------

export function allOrgStatuses(): Promise<Record<string, OrgStatusRecord>> {
  return orgStatusItem.get();
}

export async function orgStatus(orgId: string): Promise<OrgStatusRecord | undefined> {
  return (await allOrgStatuses())[orgId];
}

/** Merges `patch` into the org's record (creating it: only for orgs the user touched). */
export function saveOrgStatus(orgId: string, patch: Partial<OrgStatusRecord>): Promise<OrgStatusRecord> {
  return orgStatusItem.modify((table) => {
    const record: OrgStatusRecord = { ...table[orgId], ...patch, orgId };
    return [{ ...table, [orgId]: record }, record];
  });
}

/** Forgets what is known of the org's link (the dashboard's "remove from this list"). */
export async function forgetOrgStatus(orgId: string): Promise<void> {
  await orgStatusItem.update((table) => {
    const { [orgId]: _gone, ...rest } = table;
    return rest;
  });
}

/** A call answered: its outcome is the org's status now, and any earlier failure is gone. */
export function recordSuccess(
  orgId: string,
  outcome: Partial<OrgStatusRecord>,
  base: string,
): Promise<OrgStatusRecord> {
  return saveOrgStatus(orgId, { ...outcome, error: undefined, checkedAt: Date.now(), base });
}

/** A call failed: the failure is kept on the org (the last known status stays beside it). */
export function recordFailure(orgId: string, error: ErrorView): Promise<OrgStatusRecord> {
  return saveOrgStatus(orgId, { error, checkedAt: Date.now() });
}

// --- The call running now ------------------------------------------------------------------------------------------

const running = new Map<string, { operation: Operation; promise: Promise<unknown> }>();

function note(orgId: string, operation: Operation | undefined): Promise<unknown> {
  // Serialised per key by the storage layer: concurrent orgs never drop each other's notes.
  return inFlightItem.update((table) => {
    const next = { ...table };
    if (operation) next[orgId] = { operation, startedAt: Date.now() };
    else delete next[orgId];
    return next;
  });
}

/**
 * Runs `work` as the org's one call: the same operation joins it, another one is refused as busy. The note it
 * leaves in storage.session (replacing an earlier worker's) is removed when the call ends, however it ends.
 */
export function runExclusive<T>(orgId: string, operation: Operation, work: () => Promise<T>): Promise<T> {
  const current = running.get(orgId);
  if (current) {
    if (current.operation === operation) return current.promise as Promise<T>;
    throw new WorkerError('busy', `A ${current.operation} call for this org is still running.`, {
      operation: current.operation,
    });
  }
  const promise = (async () => {
    await note(orgId, operation);
    try {
      return await work();
    } finally {
      running.delete(orgId);
      await note(orgId, undefined);
    }
  })();
  running.set(orgId, { operation, promise });
  return promise;
}

export function runningOperation(orgId: string): Operation | undefined {
  return running.get(orgId)?.operation;
}

/** A call noted by an earlier worker that never finished: its outcome is unknown. */
export async function interruptedOperation(orgId: string): Promise<Operation | undefined> {
  if (running.has(orgId)) return undefined;
  return (await inFlightItem.get())[orgId]?.operation;
}
