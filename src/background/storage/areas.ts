// The two storage areas the worker uses, through the platform seam (a fake with controllable latency in unit tests,
// so the interleaving harness can switch between callers at every await). The worker's entry puts each behind a
// copy in memory (mirror.ts) fed by storage.onChanged; without that call (unit tests of single modules) every read
// goes to the storage itself.
import { browser, type StorageAreaLike } from '../platform/browser';
import { type MirroredArea, mirrored } from './mirror';

export type AreaName = 'local' | 'session';
export type { StorageAreaLike };

let mirrors: Record<AreaName, MirroredArea> | undefined;

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** Called once by the worker's entry, before any read: from then on both areas answer from the copy. */
export function mirrorStorage(onChanged: { addListener(listener: ChangeListener): void }): void {
  if (mirrors) return;
  const local = mirrored(browser.storage.local);
  const session = mirrored(browser.storage.session);
  mirrors = { local, session };
  onChanged.addListener((changes, area) => {
    if (area === 'local') local.changed(changes);
    else if (area === 'session') session.changed(changes);
  });
}

export function storageArea(name: AreaName): StorageAreaLike {
  if (mirrors) return mirrors[name];
  return name === 'local' ? browser.storage.local : browser.storage.session;
}
