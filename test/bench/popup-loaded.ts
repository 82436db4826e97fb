// The JS a known org's popup loads: the entry's chunks and those of the app it imports at once (main.tsx's own
// import()s), but not the forms and panels loaded only when shown (theirs are import()s of the app's chunks).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntries } from './sizes.ts';

function staticClosure(file: string, seen: Set<string>): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    staticClosure(join(file, '..', m[1]!), seen);
  }
  return seen;
}

/** Every file a known org's popup loads: the entry, its static imports and main.tsx's own import()s with theirs. */
export function popupLoadedFiles(dist = 'dist'): string[] {
  const popup = bundleEntries(dist).find((e) => e.name === 'popup');
  if (!popup) throw new Error('no popup entry in the build');
  const entry = popup.files[0]!;
  const files = new Set(popup.files);
  for (const m of readFileSync(entry, 'utf8').matchAll(/import\(\s*[`"']([^`"']+\.js)[`"']\s*\)/g)) {
    staticClosure(join(entry, '..', m[1]!), files);
  }
  return [...files];
}

export function popupLoaded(dist = 'dist'): { gzipBytes: number; files: number } {
  const files = popupLoadedFiles(dist);
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { gzipBytes, files: files.length };
}
