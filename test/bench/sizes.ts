// Bundle sizes of the built extension: the JS each entry loads (its own chunk and the chunks it imports), gzipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

/** Follows static imports from an entry file inside dist, so shared chunks count for each entry that loads them. */
function closure(dist: string, entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const match of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    const spec = match[1]!;
    const target = spec.startsWith('/') ? join(dist, spec) : join(entry, '..', spec);
    closure(dist, target, seen);
  }
  return seen;
}

/** Each entry of the built extension (worker, popup, options) with the JS files it loads: its own and its chunks. */
export function bundleEntries(dist = 'dist'): { name: string; files: string[] }[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const entries: { name: string; file: string }[] = [];
  entries.push({ name: 'worker', file: join(dist, manifest.background.service_worker) });
  // What the worker loads when first asked (background/extras.ts): Firefox's scripts after the worker's own.
  const extras = (manifest.background.scripts ?? []).slice(1) as string[];
  for (const file of extras) entries.push({ name: 'worker extras', file: join(dist, file) });
  for (const [name, html] of [
    ['popup', 'src/popup/index.html'],
    ['options', 'src/options/index.html'],
  ] as const) {
    const page = readFileSync(join(dist, html), 'utf8');
    const script = /<script[^>]+src="([^"]+)"/.exec(page)?.[1];
    if (script) entries.push({ name, file: join(dist, script) });
  }
  return entries.map(({ name, file }) => ({ name, files: [...closure(dist, file)] }));
}

export function bundleSizes(dist = 'dist'): { name: string; gzipBytes: number; files: number }[] {
  const all = jsFiles(dist);
  return [
    ...bundleEntries(dist).map(({ name, files }) => ({
      name,
      gzipBytes: files.reduce((sum, f) => sum + gz(f), 0),
      files: files.length,
    })),
    { name: 'all JS', gzipBytes: all.reduce((sum, f) => sum + gz(f), 0), files: all.length },
  ];
}
