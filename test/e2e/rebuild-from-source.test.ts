// What a store reviewer does with the source archive (issue 15): `npm run package` writes the Chrome, Firefox and
// source archives; the source archive alone, unpacked in an empty folder, installed with `npm ci` and built with
// `npm run build` as its BUILD.md says, gives the packaged add-on byte for byte, and its dist.sha256 agrees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checksums, filesOf } from '../../scripts/source-archive';
import { readZip, writeZip, type ZipEntry } from '../../scripts/zip';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const work = mkdtempSync(join(tmpdir(), 'rebuild-from-source-'));
const out = join(work, 'output');
const archive = (target: string) => join(out, `${name}-${target}-${version}.zip`);

// `npm test` runs this under npm, which exports its settings as npm_config_*: local_prefix among them would send the
// reviewer's `npm ci` back into this checkout. Keep only where the cache and the registry are.
const KEPT_NPM_SETTINGS = /^npm_config_(cache|userconfig|globalconfig|registry|cafile|https?_proxy|proxy|noproxy)$/i;
const reviewerEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEPT_NPM_SETTINGS.test(key)),
);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.info(`${command} ${args.join(' ')}: ${seconds} s`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const byName = (entries: ZipEntry[]) => new Map(entries.map((e) => [e.name, Buffer.from(e.data)]));

describe('the source archive rebuilds the packaged add-on byte for byte', () => {
  let addOn: Buffer;
  let source: ZipEntry[];

  beforeAll(() => {
    run('npm', ['run', 'package', '--silent', '--', '--dist', join(work, 'dist'), '--out', out], process.cwd());
    addOn = readFileSync(archive('firefox'));
    source = readZip(readFileSync(archive('source')));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('npm run package writes the Chrome, Firefox and source archives; the add-on is the build', () => {
    expect(readFileSync(archive('chrome')).equals(addOn)).toBe(true);
    const packaged = byName(readZip(addOn));
    const built = byName(filesOf(join(work, 'dist')));
    expect([...packaged.keys()].sort()).toEqual([...built.keys()].sort());
    for (const [file, bytes] of built) expect(packaged.get(file)?.equals(bytes), file).toBe(true);
    expect(JSON.parse(packaged.get('manifest.json')!.toString()).version).toBe(version);
    // Nothing of the machine it was built on (a development JSX runtime would embed every component's path).
    const local = [...packaged].filter(([, bytes]) => bytes.includes(process.cwd()) || bytes.includes(tmpdir()));
    expect(local.map(([file]) => file)).toEqual([]);
  });

  test('the source archive holds the build inputs and the instructions, and nothing of the tests or the sandbox', () => {
    const names = source.map((e) => e.name);
    for (const file of ['BUILD.md', 'dist.sha256', 'package.json', 'package-lock.json', 'vite.config.ts']) {
      expect(names).toContain(file);
    }
    expect(names).toContain('manifest.json');
    expect(names.some((n) => n.startsWith('src/background/'))).toBe(true);
    expect(names.some((n) => n.startsWith('public/_locales/ko/'))).toBe(true);
    expect(names.filter((n) => /^(test|sandbox|node_modules|dist|scripts|\.output)\//.test(n))).toEqual([]);
    const instructions = byName(source).get('BUILD.md')!.toString();
    expect(instructions).toContain('npm ci');
    expect(instructions).toContain('npm run build');
    expect(instructions).toContain('sha256sum -c');
  });

  test('unpacked in an empty folder, npm ci and npm run build give the same files, and the same add-on zip', () => {
    const reviewer = join(work, 'reviewer');
    for (const { name: file, data } of source) {
      mkdirSync(dirname(join(reviewer, file)), { recursive: true });
      writeFileSync(join(reviewer, file), data);
    }
    // The registry is reachable and the cache warm after the checkout's own `npm ci`: offline-first is only faster.
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], reviewer, reviewerEnv);
    run('npm', ['run', 'build', '--silent'], reviewer, reviewerEnv);

    const rebuilt = filesOf(join(reviewer, 'dist'));
    const packaged = byName(readZip(addOn));
    expect(rebuilt.map((e) => e.name).sort()).toEqual([...packaged.keys()].sort());
    const differing = rebuilt.filter((e) => !packaged.get(e.name)?.equals(e.data)).map((e) => e.name);
    expect(differing).toEqual([]);
    // The reviewer's own check (BUILD.md): every line of dist.sha256 matches the rebuild, and it lists every file.
    expect(checksums(rebuilt)).toBe(byName(source).get('dist.sha256')!.toString());
    // And zipping the rebuild gives the submitted archive's very bytes.
    expect(writeZip(rebuilt).equals(addOn)).toBe(true);
  }, 180_000);
});
