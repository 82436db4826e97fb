// A table of records in storage.session that the vault lock closes, under the Digest nonces and the service
// accounts' tokens alike: while it is closed nothing is read or written, and a write queued before the lock that
// runs after its wipe removes the key again instead of writing it back.
import type { Item } from '../storage/item';

export interface LockableTable<T> {
  /** The vault locks: nothing is read or written until open(). */
  close(): void;
  open(): void;
  /** The table, or undefined while closed. */
  read(): Promise<Record<string, T> | undefined>;
  /** A write decided inside the key's queue, so one queued before a lock never outlives it. */
  write(change: (table: Record<string, T>) => Record<string, T>): Promise<void>;
}

export function lockableTable<T>(item: Item<Record<string, T>>): LockableTable<T> {
  // In memory: a restarted worker has no call that outlived a lock, and its table is open (the lock wiped the key).
  let closed = false;
  return {
    close() {
      closed = true;
    },
    open() {
      closed = false;
    },
    async read() {
      return closed ? undefined : item.get();
    },
    write(change) {
      if (closed) return Promise.resolve();
      return item.modify((table) => [(closed ? undefined : change(table)) as typeof table, undefined]);
    },
  };
}
