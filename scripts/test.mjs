// The one test command (`npm test`, also what .ci/run calls): lint, typecheck, the duplicate-code budget, unit tests,
// production build, the bundle size budget, end-to-end tests in Chromium and Firefox (budgets: docs/budgets.md).
// Every step runs even when an earlier one failed, so one run shows everything; the last line is "N passed, N failed"
// over all tests plus the lint/typecheck/budget/build steps, after the list of what failed (CI may show only a run's
// last lines: a failure far up the log is named again there).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv[2]; // optional: "unit" or "e2e"
mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
/** What failed, for the summary at the end: a step, or a test with the first line of its failure. */
const failures = [];

function step(name, command, args) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`── ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}`);
  if (!ok) failures.push(`step ${name}: exit ${result.status ?? result.signal}`);
  return ok;
}

function vitest(name, config) {
  const report = `test-results/${name}.json`;
  rmSync(report, { force: true });
  const ok = step(name, 'npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    if (!ok && json.numFailedTests === 0) failed += 1; // a suite that failed to load, or a crash
    for (const file of json.testResults ?? []) {
      const path = file.name.replace(`${process.cwd()}/`, '');
      if (file.status === 'failed' && !file.assertionResults?.some((a) => a.status === 'failed')) {
        failures.push(`${name}: ${path}: ${String(file.message ?? '').split('\n')[0]}`);
      }
      for (const test of file.assertionResults ?? []) {
        if (test.status !== 'failed') continue;
        const why = String(test.failureMessages?.[0] ?? '').split('\n')[0];
        failures.push(
          `${name}: ${file.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}: ${why.slice(0, 300)}`,
        );
      }
    }
    console.log(
      `── ${name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`,
    );
  } else if (!ok) failed += 1;
}

function check(name, command, args) {
  if (step(name, command, args)) passed += 1;
  else failed += 1;
}

if (!only) {
  check('lint', 'npx', ['biome', 'check', '.']);
  check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  check('duplication', 'node', ['scripts/duplication.mjs']);
}
if (!only || only === 'unit') vitest('unit', 'vitest.config.ts');
if (!only || only === 'e2e') {
  if (step('build', 'npx', ['vite', 'build'])) {
    passed += 1;
    if (!only) check('size', 'npx', ['size-limit', '--config', 'scripts/size-limit.config.ts']);
    vitest('e2e', 'vitest.e2e.config.ts');
  } else failed += 1;
}
if (failures.length) console.log(`\nWhat failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
