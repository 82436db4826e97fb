// What goes into the source archive a store reviewer rebuilds the add-on from (AMO asks for one when code is
// bundled or minified): the files the production build reads, BUILD.md with the steps, and dist.sha256, the
// SHA-256 of every file of the packaged build, so `sha256sum -c` compares the rebuild byte for byte.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ZipEntry } from './zip.ts';

/** Everything `npm ci && npm run build` reads: the lockfile pins every package, Vite's config and the manifest. */
export const BUILD_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'manifest.json',
  'src',
  'public',
] as const;

/** The archive's build instructions, kept beside the store listings. */
export const BUILD_INSTRUCTIONS = 'docs/store/source-build.md';

/** Every file under a directory, as archive entries named relative to it (forward slashes). */
export function filesOf(dir: string, prefix = ''): ZipEntry[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((d) => {
    const name = prefix ? posix.join(prefix, d.name) : d.name;
    if (d.isDirectory()) return filesOf(dir, name);
    return d.isFile() ? [{ name, data: readFileSync(join(dir, name)) }] : [];
  });
}

// The files git would commit under the build inputs (tracked, or new and not ignored), so an editor's backup or a
// stray local file never reaches a reviewer; outside a git checkout, every file under them.
function buildInputFiles(root: string): string[] {
  const git = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...BUILD_INPUTS],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (git.status === 0 && git.stdout) {
    return git.stdout.split('\0').filter((path) => path !== '' && existsSync(join(root, path)));
  }
  return BUILD_INPUTS.flatMap((path) =>
    statSync(join(root, path)).isDirectory() ? filesOf(root, path).map((e) => e.name) : [path],
  );
}

/** `sha256sum` lines (hash, two spaces, path), sorted by path. */
export function checksums(files: readonly ZipEntry[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => `${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`)
    .join('');
}

/** The source archive's entries: the build inputs, BUILD.md, and dist.sha256 of the build being packaged. */
export function sourceArchive(root: string, build: readonly ZipEntry[]): ZipEntry[] {
  const inputs = buildInputFiles(root).map((name) => ({ name, data: readFileSync(join(root, name)) }));
  for (const required of BUILD_INPUTS) {
    if (!inputs.some((e) => e.name === required || e.name.startsWith(`${required}/`))) {
      throw new Error(`the source archive would miss ${required}`);
    }
  }
  return [
    ...inputs,
    { name: 'BUILD.md', data: readFileSync(join(root, BUILD_INSTRUCTIONS)) },
    { name: 'dist.sha256', data: Buffer.from(checksums(build)) },
  ];
}
