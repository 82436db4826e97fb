// What the worker knows of each org, in one place: its last known link status (storage.local: ids, names, statuses,
// never a secret) and the call running for it now. One call per org at a time: a second click or a second popup
// joins the call already running. Calls are also noted in storage.session, so after a worker restart the popup can
// tell the user that a call's outcome is unknown (a Link is never re-sent by itself). Only the same request (key
// pair, token, Atlas org) joins; any other is refused as busy, with what runs.
// Every change is a serialised update of its table, so concurrent calls never drop each other's records.
import type { ErrorView, Operation, OrgStatusRecord } from '../../shared/domain';
import { WorkerError } from '../messaging/worker-error';
import { inFlightItem, orgStatusItem } from '../storage/items';
import { keepOrgRecord } from './popup-snapshots';

export type { Operation } from '../../shared/domain';

// --- Last known status --------------------------------------------------------------------------------------------

export function allOrgStatuses(): Promise<Record<string, OrgStatusRecord>> {
  return orgStatusItem.get();
}

export async function orgStatus(orgId: string): Promise<OrgStatusRecord | undefined> {
  return (await allOrgStatuses())[orgId];
}

/**
 * Merges `patch` into the org's record (creating it: only for orgs the user touched), and into the org's panels
 * kept for the next popup (popup-snapshots.ts), which the caller does not wait for.
 */
export async function saveOrgStatus(orgId: string, patch: Partial<OrgStatusRecord>): Promise<OrgStatusRecord> {
  const saved = await orgStatusItem.modify((table) => {
    const record: OrgStatusRecord = { ...table[orgId], ...patch, orgId };
    return [{ ...table, [orgId]: record }, record];
  });
  void keepOrgRecord(saved).catch((error: { kind?: string } | undefined) => {
    console.warn('popup panel not updated:', String(error?.kind ?? error));
  });
  return saved;
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

/**
 * What a call is: its operation and what makes two of them the same request. Only the same request joins a call
 * already running: the same key pair, and for a link the same token (a pasted token's fingerprint) or the same
 * Atlas org (a token made for it); a link with another token must never be answered by the first one's outcome.
 */
export interface CallRequest {
  operation: Operation;
  /** The key pair that signs (its id; its label for the words of a refusal). */
  profileId?: string;
  profileLabel?: string;
  tokenSource?: 'pasted' | 'created';
  /** A pasted token's one-way fingerprint (never the token). */
  tokenFingerprint?: string;
  /** A made token's Atlas org (id, and name where the vault knows it). */
  atlasOrgId?: string;
  atlasOrgName?: string;
}

const running = new Map<string, { request: CallRequest; promise: Promise<unknown> }>();

const IDENTITY: readonly (keyof CallRequest)[] = [
  'operation',
  'profileId',
  'tokenSource',
  'tokenFingerprint',
  'atlasOrgId',
];
const sameRequest = (a: CallRequest, b: CallRequest) => IDENTITY.every((field) => a[field] === b[field]);

/** The refusal of a request while another runs: kind busy, its variant and params say what is running. */
function busyWith(running: CallRequest): WorkerError {
  const params: Record<string, string> = { operation: running.operation };
  let variant: string = running.operation;
  if (running.operation === 'link' && running.tokenSource === 'created' && running.atlasOrgId) {
    variant = 'link-created';
    params.atlasOrgId = running.atlasOrgId;
    if (running.atlasOrgName) params.atlasOrgName = running.atlasOrgName;
  } else if (running.operation === 'link' && running.tokenFingerprint) {
    variant = 'link-pasted';
    params.fingerprint = running.tokenFingerprint;
  }
  params.variant = variant;
  if (running.profileLabel) params.label = running.profileLabel;
  return new WorkerError('busy', params);
}

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
 * Runs `work` as the org's one call: the same request joins it, any other is refused as busy (naming what runs).
 * The note it leaves in storage.session (replacing an earlier worker's) is removed when the call ends, however it
 * ends; a note that cannot be written or removed (storage full) never turns the call's own outcome into a failure.
 */
export function runExclusive<T>(orgId: string, request: Operation | CallRequest, work: () => Promise<T>): Promise<T> {
  const asked: CallRequest = typeof request === 'string' ? { operation: request } : request;
  const current = running.get(orgId);
  if (current) {
    if (sameRequest(current.request, asked)) return current.promise as Promise<T>;
    throw busyWith(current.request);
  }
  const promise = (async () => {
    try {
      await note(orgId, asked.operation).catch(() => undefined);
      return await work();
    } finally {
      running.delete(orgId);
      await note(orgId, undefined).catch(() => undefined);
    }
  })();
  running.set(orgId, { request: asked, promise });
  return promise;
}

export function runningOperation(orgId: string): Operation | undefined {
  return running.get(orgId)?.request.operation;
}

/** A call noted by an earlier worker that never finished: its outcome is unknown. */
export async function interruptedOperation(orgId: string): Promise<Operation | undefined> {
  if (running.has(orgId)) return undefined;
  return (await inFlightItem.get())[orgId]?.operation;
}
