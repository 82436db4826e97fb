// Reads everything the extension keeps in storage, through the worker's own key registry: each registered key
// from its area, and every key actually present (which must all be registered). The secret scans search this.
import type { Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { Fixture } from '../../sandbox/fixture';
import { STORAGE_KEYS, type StorageKey } from '../../src/background/storage/keys';

export async function storedEverything(worker: Worker): Promise<{ text: string; keys: string[] }> {
  const dump = await worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    sync: await chrome.storage.sync.get(null),
  }));
  const present = [
    ...Object.keys(dump.local).map((k) => ['local', k] as const),
    ...Object.keys(dump.session).map((k) => ['session', k] as const),
    ...Object.keys(dump.sync).map((k) => ['sync', k] as const),
  ];
  for (const [area, key] of present) {
    // Nothing is stored under a key the registry (and so the lock wipe) does not know, nor in another area.
    expect(STORAGE_KEYS[key as StorageKey]?.area, `${area}:${key}`).toBe(area);
  }
  return { text: JSON.stringify(dump), keys: present.map(([, k]) => k) };
}

/** One registered key's value in its area (no string literal for a storage key in the tests). */
export function readStored(worker: Worker, key: StorageKey): Promise<unknown> {
  const area = STORAGE_KEYS[key].area;
  return worker.evaluate(async ([a, k]) => (await chrome.storage[a as 'local' | 'session'].get(k))[k], [
    area,
    key,
  ] as const);
}

/** The secrets of a fixture a scan must never find: every API key's private key and every client secret. */
export function storedSecretsOf(fixture: Fixture): string[] {
  return [...fixture.keys.map((k) => k.privateKey), ...(fixture.serviceAccounts ?? []).map((a) => a.clientSecret)];
}
