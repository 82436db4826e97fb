// `npm run package`: a production build, `web-ext lint` (0 errors required), then the Chrome Web Store zip and
// the Firefox add-on zip, both named with package.json's version, in .output/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const { version, name } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; name: string };

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed`);
  }
  return result.stdout;
}

run('npx', ['vite', 'build', '--logLevel', 'warn']);
const lint = JSON.parse(
  run('npx', ['web-ext', 'lint', '--source-dir', 'dist', '--output', 'json', '--no-config-discovery']),
);
console.log(
  `web-ext lint: ${lint.summary.errors} errors, ${lint.summary.warnings} warnings, ${lint.summary.notices} notices`,
);
for (const w of lint.warnings) console.log(`  warning ${w.code}: ${w.file ?? ''} ${w.message}`);
if (lint.summary.errors > 0) {
  for (const e of lint.errors) console.error(`  error ${e.code}: ${e.file ?? ''} ${e.message}`);
  process.exit(1);
}
mkdirSync('.output', { recursive: true });
for (const target of ['chrome', 'firefox']) {
  const file = `${name}-${target}-${version}.zip`;
  rmSync(`.output/${file}`, { force: true });
  run('npx', [
    'web-ext',
    'build',
    '--source-dir',
    'dist',
    '--artifacts-dir',
    '.output',
    '--filename',
    file,
    '--overwrite-dest',
  ]);
  console.log(`.output/${file}`);
}
