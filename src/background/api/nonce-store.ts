// The Digest nonce cache backed by storage.session, so a restarted worker still answers in one round trip.
// Records hold nonces and counters only (never a password or HA1); the vault lock removes them, and closes the store
// until the next unlock: a write that comes after the lock (a call that outlived it) stores nothing.
import type { NonceStore } from '../../core/digest';
import { noncesItem } from '../storage/items';

// In memory: a restarted worker has no call that outlived a lock, and its store is open (the lock wiped the key).
let closed = false;

/** The vault locks: nothing is written until openNonceStore. */
export function closeNonceStore(): void {
  closed = true;
}

export function openNonceStore(): void {
  closed = false;
}

/** A write decided inside the key's queue: after a lock's wipe the key is removed again, never written back. */
function write(change: (table: Record<string, never>) => Record<string, unknown>): Promise<void> {
  if (closed) return Promise.resolve();
  return noncesItem.modify((table) => [
    (closed ? undefined : change(table as Record<string, never>)) as typeof table,
    undefined,
  ]);
}

export const sessionNonceStore: NonceStore = {
  async get(key) {
    if (closed) return undefined;
    return (await noncesItem.get())[key];
  },
  async set(key, record) {
    await write((table) => ({ ...table, [key]: record }));
  },
  async delete(key) {
    await write((table) => {
      const { [key]: _gone, ...rest } = table;
      return rest;
    });
  },
};
