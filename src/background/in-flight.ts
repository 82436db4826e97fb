// One call per org at a time: a second click or a second popup joins the call already running instead of sending
// another request. Calls are also noted in storage.session, so after a worker restart the popup can tell the user
// that a call's outcome is unknown (a Link is never re-sent by itself).
import browser from 'webextension-polyfill';
import { SESSION } from './storage-keys';
import { WorkerError } from './worker-error';

export type Operation = 'link' | 'unlink' | 'status';
type Noted = Record<string, { operation: Operation; startedAt: number }>;

const running = new Map<string, { operation: Operation; promise: Promise<unknown> }>();

async function noted(): Promise<Noted> {
  return ((await browser.storage.session.get(SESSION.inFlight))[SESSION.inFlight] as Noted | undefined) ?? {};
}

async function note(orgId: string, entry: Noted[string] | undefined): Promise<void> {
  const table = await noted();
  if (entry) table[orgId] = entry;
  else delete table[orgId];
  await browser.storage.session.set({ [SESSION.inFlight]: table });
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
    await note(orgId, { operation, startedAt: Date.now() });
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
  return (await noted())[orgId]?.operation;
}

export async function clearInterrupted(orgId: string): Promise<void> {
  if (!running.has(orgId)) await note(orgId, undefined);
}
