// The Digest nonce cache backed by storage.session, so a restarted worker still answers in one round trip.
// Records hold nonces and counters only (never a password or HA1); the vault lock removes them, and closes the store
// until the next unlock: a write that comes after the lock (a call that outlived it) stores nothing.
import type { NonceStore } from '../../core/digest';
import { noncesItem } from '../storage/items';
import { lockableTable } from './lockable-table';

const table = lockableTable(noncesItem);

/** The vault locks: nothing is written until openNonceStore. */
export const closeNonceStore = (): void => table.close();

export const openNonceStore = (): void => table.open();

export const sessionNonceStore: NonceStore = {
  async get(key) {
    return (await table.read())?.[key];
  },
  async set(key, record) {
    await table.write((nonces) => ({ ...nonces, [key]: record }));
  },
  async delete(key) {
    await table.write(({ [key]: _gone, ...rest }) => rest);
  },
};
