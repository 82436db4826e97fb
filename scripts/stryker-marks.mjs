// Rewrites the table of equivalent-mutant marks in stryker/README.md from the `// Stryker disable` comments in src/
// (`node scripts/stryker-marks.mjs`), so the list a reader sees is the list Stryker applies.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const README = 'stryker/README.md';
const HEADING = '### The equivalent mutants marked today';

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const rows = [];
for (const path of files('src')) {
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const mark = /Stryker disable(?: next-line)? (.*)$/.exec(line);
      if (mark) rows.push(`| \`${path}:${i + 1}\` | ${mark[1].replaceAll('|', '\\|')} |`);
    });
}

const text = readFileSync(README, 'utf8');
const start = text.indexOf(HEADING);
if (start < 0) throw new Error(`${README} has no "${HEADING}" section`);
const tableStart = text.indexOf('\n|', start);
const tableEnd = text.indexOf('\n\n', tableStart);
const table = [
  `${HEADING} (${rows.length} lines; \`grep -rn 'Stryker disable' src\` lists them)`,
  '',
  '| where | mutators: why it cannot be killed |',
  '| --- | --- |',
  ...rows,
].join('\n');
writeFileSync(README, text.slice(0, start) + table + (tableEnd < 0 ? '\n' : text.slice(tableEnd)));
// The table in the repository's own Markdown style (npm run lint checks it).
spawnSync('npx', ['biome', 'format', '--write', README], { stdio: 'ignore' });
console.log(`${README}: ${rows.length} marks`);
