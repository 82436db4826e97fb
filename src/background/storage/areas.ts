// The two storage areas the worker uses, behind a seam: browser.storage by default, a fake in unit tests
// (with controllable latency, so the interleaving harness can switch between callers at every await).
import browser from 'webextension-polyfill';

export type AreaName = 'local' | 'session';

export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

let override: Record<AreaName, StorageAreaLike> | undefined;

export function storageArea(name: AreaName): StorageAreaLike {
  if (override) return override[name];
  return name === 'local' ? browser.storage.local : browser.storage.session;
}

/** Test seam: every item reads and writes these areas instead of browser.storage (undefined restores it). */
export function useStorageAreas(areas: Record<AreaName, StorageAreaLike> | undefined): void {
  override = areas;
}
