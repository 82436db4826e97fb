// The import walker behind imports.test.ts (issue 13, Build 5): reads the TypeScript imports of src/ and sandbox/ and
// names, one line per violation, where core/ reaches for the browser or outside core/, a page folder imports another,
// the worker imports page code, the sandbox borrows the client's Digest, an import cycle, or an over-long file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export type Files = Record<string, string>; // repo-relative path → source text
type Edge = { from: string; spec: string; to: string | null }; // to: the repo-relative target; null for a package

const TS_FILE = /\.tsx?$/;
const PAGES = ['src/popup', 'src/options'];
const BROWSER_GLOBALS = new Set(['chrome', 'browser', 'document', 'window']);
const BROWSER_PACKAGES = /^webextension-polyfill(\/|$)/;
const NOT_IN_CORE = /^(webextension-polyfill|preact)(\/|$)/;
export const MAX_LINES = 300;

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const label = (e: Edge) => `${e.from} imports '${e.spec}'`;
const lineCount = (text: string) => (text.match(/\n/g) ?? []).length;

export function read(dir: string): Files {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const path = posix.join(dir, name);
      if (statSync(path).isDirectory()) return Object.entries(read(path));
      return TS_FILE.test(name) ? [[path, readFileSync(path, 'utf8')]] : [];
    }),
  );
}

// A relative import resolves to the file itself, or with .ts/.tsx, or to its folder's index; anything else (CSS,
// JSON) keeps its joined path so the folder rules still see it.
function resolve(files: Files, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.join(posix.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => TS_FILE.test(c) && Object.hasOwn(files, c)) ?? base;
}

// TypeScript's own pre-processor lists `import … from`, `import type`, `export … from`, side-effect and dynamic
// `import('…')` specifiers, and skips comments and strings.
export function importsOf(files: Files): Edge[] {
  return Object.entries(files).flatMap(([from, text]) =>
    ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: spec }) => ({
      from,
      spec,
      to: resolve(files, from, spec),
    })),
  );
}

// An identifier names the browser global unless it is a member or a key: `x.window`, `{ document: 1 }`, `ns.chrome`.
function isGlobalReference(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return /^(globalThis|self)$/.test(p.expression.getText());
  if (ts.isQualifiedName(p) && p.right === node) return false;
  const keyed = ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p);
  return !((keyed || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === node);
}

function browserUses(path: string, text: string): string[] {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text) && isGlobalReference(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${path}:${line} uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// Depth-first over the file graph; every edge back into the open path closes a cycle, reported as its chain.
function cycles(edges: Edge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) if (e.to && TS_FILE.test(e.to)) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const to of [...(next.get(file) ?? [])].sort()) {
      if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), to].join(' → '));
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...next.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

const pageOf = (path: string) => PAGES.find((page) => under(path, page));

// Each rule takes the files and returns its violations, one line each.
export const rules = {
  coreUsesNoBrowser: (files: Files) => [
    ...Object.entries(files)
      .filter(([path]) => under(path, 'src/core'))
      .flatMap(([path, text]) => browserUses(path, text)),
    ...importsOf(files)
      .filter((e) => under(e.from, 'src/core') && BROWSER_PACKAGES.test(e.spec))
      .map(label),
  ],
  coreImportsOnlyCore: (files: Files) =>
    importsOf(files)
      .filter((e) => under(e.from, 'src/core') && (e.to ? !under(e.to, 'src/core') : NOT_IN_CORE.test(e.spec)))
      .map(label),
  noPageImportsAnotherPage: (files: Files) =>
    importsOf(files)
      .filter((e) => pageOf(e.from) && e.to && pageOf(e.to) && pageOf(e.to) !== pageOf(e.from))
      .map(label),
  workerImportsNoPageCode: (files: Files) =>
    importsOf(files)
      .filter((e) => under(e.from, 'src/background') && e.to && ['src/ui', ...PAGES].some((d) => under(e.to!, d)))
      .map(label),
  sandboxOwnsItsDigest: (files: Files) =>
    importsOf(files)
      .filter((e) => under(e.from, 'sandbox') && e.to && under(e.to, 'src/core/digest'))
      .map(label),
  noCycles: (files: Files) => cycles(importsOf(files)),
  noLongFiles: (files: Files) =>
    Object.entries(files)
      .filter(([path, text]) => under(path, 'src') && lineCount(text) > MAX_LINES)
      .map(([path, text]) => `${path} has ${lineCount(text)} lines`),
};
