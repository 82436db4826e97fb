// The one test command (`npm test`, also what .ci/run calls): lint, typecheck, the duplicate-code budget, unit tests,
// production build, the bundle size budget, end-to-end tests in Chromium and Firefox (budgets: docs/budgets.md).
// Every step runs even when an earlier one failed, so one run shows everything; the last line is "N passed, N failed"
// over all tests plus the lint/typecheck/budget/build steps, after the list of what failed (CI may show only a run's
// last lines: a failure far up the log is named again there).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv[2]; // optional: "unit" or "e2e"
mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
/** What failed, for the summary at the end: a step, or a test with the first line of its failure. */
const failures = [];

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape that starts a terminal colour
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Runs a command, its output shown as it comes and its last 200 KB kept for the summary. */
function runShown(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
    let tail = '';
    const keep = (out) => (chunk) => {
      out.write(chunk);
      tail = (tail + chunk).slice(-200_000);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('close', (status, signal) => resolve({ status, signal, tail: plain(tail) }));
  });
}

/** What a failed step's output says last: vitest's unhandled errors when it has some, else its last lines. */
function lastWords(tail) {
  const lines = tail.split('\n').map((l) => l.trimEnd());
  const unhandled = lines.findIndex((l) => /Unhandled (Error|Rejection)/.test(l));
  const from = unhandled >= 0 ? lines.slice(unhandled, unhandled + 14) : lines.filter((l) => l.trim()).slice(-12);
  return from.filter((l) => l.trim()).map((l) => `      ${l.slice(0, 200)}`);
}

async function step(name, command, args) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = await runShown(command, args);
  const ok = result.status === 0;
  const exit = result.status ?? result.signal;
  console.log(`── ${name}: ${ok ? 'ok' : `FAILED (exit ${exit})`}`);
  if (!ok) failures.push([`step ${name}: exit ${exit}; its output ended with:`, ...lastWords(result.tail)].join('\n'));
  return ok;
}

async function vitest(name, config) {
  const report = `test-results/${name}.json`;
  rmSync(report, { force: true });
  const ok = await step(name, 'npx', [
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

async function check(name, command, args) {
  if (await step(name, command, args)) passed += 1;
  else failed += 1;
}

if (!only) {
  await check('lint', 'npx', ['biome', 'check', '.']);
  await check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  await check('duplication', 'node', ['scripts/duplication.mjs']);
}
if (!only || only === 'unit') await vitest('unit', 'vitest.config.ts');
if (!only || only === 'e2e') {
  if (await step('build', 'npx', ['vite', 'build'])) {
    passed += 1;
    if (!only) await check('size', 'npx', ['size-limit', '--config', 'scripts/size-limit.config.ts']);
    await vitest('e2e', 'vitest.e2e.config.ts');
  } else failed += 1;
}
if (failures.length) console.log(`\nWhat failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
