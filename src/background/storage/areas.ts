// The two storage areas the worker uses, through the platform seam (a fake with controllable latency in unit tests,
// so the interleaving harness can switch between callers at every await).
import { browser, type StorageAreaLike } from '../platform/browser';

export type AreaName = 'local' | 'session';
export type { StorageAreaLike };

export function storageArea(name: AreaName): StorageAreaLike {
  return name === 'local' ? browser.storage.local : browser.storage.session;
}
