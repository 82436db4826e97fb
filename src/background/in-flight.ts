// One call per org at a time: a second click or a second popup joins the call already running instead of sending
// another request. Calls are also noted in storage.session, so after a worker restart the popup can tell the user
// that a call's outcome is unknown (a Link is never re-sent by itself).
import { inFlightItem, type Operation } from './storage/items';
import { WorkerError } from './worker-error';

export type { Operation } from './storage/items';

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

export async function clearInterrupted(orgId: string): Promise<void> {
  if (!running.has(orgId)) await note(orgId, undefined);
}
