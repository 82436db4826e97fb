// `npm run mutate [-- <group>…] [-- --force]`: Stryker mutation testing, one group after another (stryker/<group>.config.mjs),
// then one score line per group. A figure, not a test: not part of `npm test` or .ci/run. Flags starting with
// `--` go to Stryker (`--force` re-runs every mutant instead of reusing the incremental file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const GROUPS = ['digest', 'vault', 'cloudmanager', 'background'] as const;

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
const named = args.filter((a) => !a.startsWith('-'));
const unknown = named.filter((g) => !(GROUPS as readonly string[]).includes(g));
if (unknown.length > 0) {
  console.error(`Unknown group: ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
  process.exit(2);
}
const groups = named.length > 0 ? named : [...GROUPS];

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

// Stryker's own definition: score = detected / valid, detected = Killed + Timeout, valid = detected + Survived +
// NoCoverage (compile and runtime errors and ignored mutants do not count).
function score(report: Report) {
  const count: Record<string, number> = {};
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  }
  const killed = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const survived = (count.Survived ?? 0) + (count.NoCoverage ?? 0);
  const total = killed + survived;
  const ignored = count.Ignored ?? 0; // equivalent mutants, disabled in the source with a reason
  return { killed, survived, total, ignored, percent: total === 0 ? 100 : (100 * killed) / total };
}

// The incremental results are committed, packed (a group's file is megabytes of JSON, a tenth of that gzipped):
// unpacked before a run where Stryker reads it, packed back after a run that finished.
const packed = (group: string) => `stryker/incremental/${group}.json.gz`;
const unpacked = (group: string) => `reports/mutation/${group}/incremental.json`;

function unpackIncremental(group: string): void {
  if (!existsSync(packed(group))) return;
  mkdirSync(`reports/mutation/${group}`, { recursive: true });
  writeFileSync(unpacked(group), gunzipSync(readFileSync(packed(group))));
}

function packIncremental(group: string): void {
  if (!existsSync(unpacked(group))) return;
  mkdirSync('stryker/incremental', { recursive: true });
  writeFileSync(packed(group), gzipSync(readFileSync(unpacked(group)), { level: 9 }));
}

const lines: string[] = [];
let failed = false;
for (const group of groups) {
  const json = `reports/mutation/${group}/mutation.json`;
  rmSync(json, { force: true }); // a stale report must not pass for this run's figure
  if (!flags.includes('--force')) unpackIncremental(group);
  const started = Date.now();
  console.log(`\n── mutate ${group}: npx stryker run stryker/${group}.config.mjs ${flags.join(' ')}`);
  const run = spawnSync('npx', ['stryker', 'run', `stryker/${group}.config.mjs`, ...flags], { stdio: 'inherit' });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (run.status !== 0 || !existsSync(json)) {
    failed = true;
    lines.push(`Mutation score ${group}: failed (exit ${run.status ?? run.signal}, ${minutes} min)`);
    continue;
  }
  packIncremental(group);
  const s = score(JSON.parse(readFileSync(json, 'utf8')) as Report);
  lines.push(
    `Mutation score ${group}: ${s.percent.toFixed(1)} % (${s.killed}/${s.total}, ${s.survived} survived, ${s.ignored} equivalent) in ${minutes} min`,
  );
}

console.log('');
for (const line of lines) console.log(line);
console.log('Reports: reports/mutation/<group>/index.html');
process.exit(failed ? 1 : 0);
