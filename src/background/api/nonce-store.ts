// The Digest nonce cache backed by storage.session, so a restarted worker still answers in one round trip.
// Records hold nonces and counters only (never a password or HA1); the vault lock removes them.
import type { NonceStore } from '../../core/digest';
import { noncesItem } from '../storage/items';

export const sessionNonceStore: NonceStore = {
  async get(key) {
    return (await noncesItem.get())[key];
  },
  async set(key, record) {
    await noncesItem.update((table) => ({ ...table, [key]: record }));
  },
  async delete(key) {
    await noncesItem.update((table) => {
      const { [key]: _gone, ...rest } = table;
      return rest;
    });
  },
};
