// The JS a known org's popup loads before it shows the org: its one script (vite.config.ts, singleFilePopup: the
// entry, the polyfill, the app and its UI in one file) and any script that one imports statically. The forms and
// panels loaded only when shown (import()s) are not counted.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleEntries } from './sizes.ts';

/** Every file a known org's popup loads before it shows the org. */
export function popupLoadedFiles(dist = 'dist'): string[] {
  const popup = bundleEntries(dist).find((e) => e.name === 'popup');
  if (!popup) throw new Error('no popup entry in the build');
  return popup.files;
}

export function popupLoaded(dist = 'dist'): { gzipBytes: number; files: number } {
  const files = popupLoadedFiles(dist);
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { gzipBytes, files: files.length };
}
