// `npm run package`: a production build, `web-ext lint` (0 errors required), then three archives named with
// package.json's version in .output/: the Chrome Web Store zip, the Firefox add-on zip, and the source archive a
// store reviewer rebuilds them from (BUILD.md inside). All three are deterministic: the same tree gives the same bytes.
// `--dist DIR` and `--out DIR` build and write elsewhere (the rebuild test uses them, leaving dist/ alone).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { filesOf, sourceArchive } from './source-archive.ts';
import { writeZip } from './zip.ts';

const { values: options } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string', default: '.output' } },
});
const dist = options.dist!;
const out = options.out!;
const { version, name } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; name: string };

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed`);
  }
  return result.stdout;
}

run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn']);
const lint = JSON.parse(
  run('npx', ['web-ext', 'lint', '--source-dir', dist, '--output', 'json', '--no-config-discovery']),
);
console.log(
  `web-ext lint: ${lint.summary.errors} errors, ${lint.summary.warnings} warnings, ${lint.summary.notices} notices`,
);
for (const w of lint.warnings) console.log(`  warning ${w.code}: ${w.file ?? ''} ${w.message}`);
if (lint.summary.errors > 0) {
  for (const e of lint.errors) console.error(`  error ${e.code}: ${e.file ?? ''} ${e.message}`);
  process.exit(1);
}

const build = filesOf(dist);
const addOn = writeZip(build);
mkdirSync(out, { recursive: true });
const archives: [string, Buffer][] = [
  // One build serves both stores: the manifest carries Chrome's service_worker and Firefox's background.scripts.
  [`${name}-chrome-${version}.zip`, addOn],
  [`${name}-firefox-${version}.zip`, addOn],
  [`${name}-source-${version}.zip`, writeZip(sourceArchive('.', build))],
];
for (const [file, bytes] of archives) {
  writeFileSync(join(out, file), bytes);
  console.log(`${join(out, file)} (${bytes.length} bytes)`);
}
