// The storage areas the worker uses, through the platform seam (a fake with controllable latency in unit tests,
// so the interleaving harness can switch between callers at every await). The worker's entry puts local and
// session behind a copy in memory (mirror.ts), and keeps the organization's policy (storage.managed, read-only) as
// last read, both fed by storage.onChanged; without that call (unit tests of single modules) every read goes to
// the storage itself.
import { browser, type StorageAreaLike } from '../platform/browser';
import { type MirroredArea, mirrored } from './mirror';

export type AreaName = 'local' | 'session';
export type { StorageAreaLike };

let mirrors: Record<AreaName, MirroredArea> | undefined;
/** storage.managed as last read (a read costs 1 to 10 ms, and every message reads it); undefined: ask it again. */
let managedCopy: Promise<unknown> | undefined;

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
    // An admin's change (Chromium tells of it; Firefox reads policies.json only at start): read it again.
    else if (area === 'managed') managedCopy = undefined;
  });
}

/**
 * The organization's policy as storage.managed holds it (undefined where the browser has no such area); rejects
 * where the browser throws for "no policy" (Firefox without a policies.json entry), and that is asked again.
 */
export function managedPolicy(): Promise<unknown> {
  const read = () => Promise.resolve(browser.storage.managed?.get(null));
  if (!mirrors) return read();
  if (!managedCopy) {
    const reading = read();
    managedCopy = reading;
    reading.catch(() => {
      if (managedCopy === reading) managedCopy = undefined;
    });
  }
  return managedCopy.then((stored) => (stored === undefined ? undefined : structuredClone(stored)));
}

export function storageArea(name: AreaName): StorageAreaLike {
  if (mirrors) return mirrors[name];
  return name === 'local' ? browser.storage.local : browser.storage.session;
}
