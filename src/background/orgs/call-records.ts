// What an org call leaves behind once the server answered: the binding, the org's record, the history line. Storage
// can fail here (Chrome's 10 MB storage.local quota full): a call the server accepted is still a success, answered
// with `notRecorded` for the page to say so, and a refused call's own error is never hidden by a failed write.
import type { ErrorView, HistoryEntry, OrgCallReply, OrgStatusRecord } from '../../shared/domain';
import { recordAction } from './history';
import { orgStatus, recordFailure, recordSuccess } from './org-state';

/** Runs a write that follows an accepted call: a failure marks the outcome not recorded instead of failing it. */
export type KeepRecord = <T>(write: () => Promise<T>) => Promise<T | undefined>;

/** The writes after one call: `keep` runs each, and `notRecorded` says whether any of them failed. */
export function recordKeeper(): { keep: KeepRecord; notRecorded: () => boolean } {
  let failed = false;
  const keep: KeepRecord = async (write) => {
    try {
      return await write();
    } catch {
      failed = true;
      return undefined;
    }
  };
  return { keep, notRecorded: () => failed };
}

type Entry = Omit<HistoryEntry, 'seq' | 'ok' | 'result' | 'orgName'>;

/**
 * A call the server accepted: its outcome becomes the org's record and a history line (`history` false: status
 * checks are no history). Whatever storage refuses, the answer is the record as the call left it.
 */
export async function recordAccepted(
  accepted: { orgId: string; outcome: Partial<OrgStatusRecord>; base: string; entry: Entry; history: boolean },
  { keep, notRecorded }: ReturnType<typeof recordKeeper>,
): Promise<OrgCallReply> {
  const { orgId, outcome, base } = accepted;
  const record =
    (await keep(() => recordSuccess(orgId, outcome, base))) ??
    // Not stored: the record as it would have been, from what is known of the org (if storage can still be read).
    ({
      ...(await keep(() => orgStatus(orgId))),
      ...outcome,
      orgId,
      error: undefined,
      checkedAt: Date.now(),
      base,
    } satisfies OrgStatusRecord);
  if (accepted.history) {
    await keep(() =>
      recordAction({ ...accepted.entry, orgName: record.name, ok: true, result: record.status ?? 'unknown' }),
    );
  }
  return notRecorded() ? { ...record, notRecorded: true } : record;
}

/** A refused call: kept on the org and in history where storage allows; the caller rethrows the call's own error. */
export async function recordRefused(orgId: string, view: ErrorView, entry: Entry, history: boolean): Promise<void> {
  const { keep } = recordKeeper();
  const record = await keep(() => recordFailure(orgId, view));
  if (history) await keep(() => recordAction({ ...entry, orgName: record?.name, ok: false, result: view.kind }));
}
