// The Digest nonce cache backed by storage.session, so a restarted worker still answers in one round trip.
// Records hold nonces and counters only (never a password or HA1); the vault lock removes them.
import browser from 'webextension-polyfill';
import type { NonceRecord, NonceStore } from '../core/digest';
import { SESSION } from './storage-keys';

type NonceTable = Record<string, NonceRecord>;

async function readTable(): Promise<NonceTable> {
  return ((await browser.storage.session.get(SESSION.nonces))[SESSION.nonces] as NonceTable | undefined) ?? {};
}

// Writes are chained so two concurrent updates of the one table never drop each other.
let chain: Promise<unknown> = Promise.resolve();
function update(change: (table: NonceTable) => void): Promise<void> {
  const run = chain.then(async () => {
    const table = await readTable();
    change(table);
    await browser.storage.session.set({ [SESSION.nonces]: table });
  });
  chain = run.catch(() => undefined);
  return run;
}

export const sessionNonceStore: NonceStore = {
  async get(key) {
    await chain;
    return (await readTable())[key];
  },
  set(key, record) {
    return update((table) => {
      table[key] = record;
    });
  },
  delete(key) {
    return update((table) => {
      delete table[key];
    });
  },
};
