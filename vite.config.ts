import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { crx } from '@crxjs/vite-plugin';
import { build, defineConfig, type Plugin, type Rolldown } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// The manifest's version comes from package.json, and Firefox gets a background.scripts fallback
// (Chrome 121+ ignores it when service_worker is present; Firefox ignores service_worker).
function finishManifest(): Plugin & { renderCrxManifest: (m: Record<string, unknown>) => Record<string, unknown> } {
  return {
    name: 'finish-manifest',
    // After CRXJS's own manifest plugins, so the worker's final file name is known.
    enforce: 'post',
    renderCrxManifest(m) {
      const background = m.background as { service_worker: string; type?: string };
      return { ...m, version: pkg.version, background: { ...background, scripts: [background.service_worker] } };
    },
  };
}

/**
 * webextension-polyfill as an ES module: its UMD header made the bundler treat it as CommonJS and wrap it in an
 * interop helper that copies every property of its export into a new object, in each bundle at every start. The
 * polyfill's own code is kept as it is; only the header around its factory is replaced by a call that hands it a
 * `module` object whose `exports` becomes the default export.
 *
 * Its table of every API's argument counts (15 KB of its 38) is cut to the namespaces this extension calls: in
 * Chromium the polyfill wraps a listed namespace's callback methods in promises and hands any other namespace over
 * as Chromium's own object (an MV3 extension's methods answer promises there: `action` and `storage.session` already
 * go that way); Firefox's own `browser` is used as it is. 0.7 KB gzip less in each bundle. A namespace the code
 * calls and this list misses fails test/unit/architecture/polyfill-namespaces.test.ts.
 */
export const POLYFILL_NAMESPACES = ['alarms', 'i18n', 'permissions', 'runtime', 'storage', 'tabs'];

/** The polyfill's API table, cut to `namespaces` (see polyfillAsModule). */
export function cutApiMetadata(code: string, namespaces: readonly string[]): string {
  const table = /const apiMetadata = (\{[\s\S]*?\n {6}\});/.exec(code);
  if (!table?.[1]) throw new Error('webextension-polyfill: no apiMetadata table; check cutApiMetadata');
  const all = JSON.parse(table[1]) as Record<string, unknown>;
  const missing = namespaces.filter((n) => !(n in all));
  if (missing.length > 0) throw new Error(`webextension-polyfill has no ${missing.join(', ')} in its API table`);
  const kept = Object.fromEntries(namespaces.map((n) => [n, all[n]]));
  return code.replace(table[1], () => JSON.stringify(kept));
}

export function polyfillAsModule(): Plugin {
  return {
    name: 'webextension-polyfill-as-module',
    transform(code, id) {
      if (!/[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill\.js$/.test(id)) return undefined;
      const factory = code.indexOf('function (module) {');
      const end = /\}\);\s*(\/\/# sourceMappingURL=\S*\s*)?$/.exec(code);
      if (factory < 0 || !end) throw new Error('webextension-polyfill: unexpected UMD shape; check polyfillAsModule');
      const body = cutApiMetadata(code.slice(factory, end.index + 1), POLYFILL_NAMESPACES);
      return {
        code: `const polyfill = { exports: {} };\n(${body})(polyfill);\nexport default polyfill.exports;\n`,
        map: null,
      };
    },
  };
}

/**
 * Vite wraps every `import()` of a page in its preload helper, which adds `<link>`s for the CSS and JS the chunk
 * needs (about 0.8 KB gzip in the popup and settings page). Here every stylesheet is linked by its HTML page and
 * `modulePreload` is off, so the helper never has anything to add: it becomes a plain call. A chunk that did need
 * a dependency preloaded fails the build, instead of shipping a page without its styles.
 */
export function noPreloadHelper(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'no-preload-helper',
    enforce: 'pre',
    resolveId(id) {
      return id === helper ? helper : undefined;
    },
    load(id) {
      return id === helper ? 'export const __vitePreload = (load) => load();\n' : undefined;
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.code.includes('__vite__mapDeps')) {
          throw new Error(
            `${file.fileName} preloads CSS or JS for an import(): link the stylesheet in the page instead`,
          );
        }
      }
    },
  };
}

// Never the development JSX runtime, whatever NODE_ENV the shell (or Vitest's `test`) passes: it embeds each
// component's absolute path, and a store reviewer's rebuild in another folder would differ from the package.
const JSX = { jsx: { runtime: 'automatic', importSource: 'preact', development: false } } as const;

/** Bundles `options` apart from the pages' build, writing nothing: the passes of singleFilePopup and singleFileWorker. */
async function bundleApart(
  root: string,
  plugins: Plugin[],
  options: Rolldown.InputOptions & { output: Rolldown.OutputOptions },
  define: Record<string, string> = {},
): Promise<(Rolldown.OutputChunk | Rolldown.OutputAsset)[]> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins,
    define,
    oxc: JSX,
    build: {
      write: false,
      target: 'chrome116',
      sourcemap: false,
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: options,
    },
  });
  return (Array.isArray(result) ? result : [result]).flatMap((o) => (o as Rolldown.RolldownOutput).output);
}

/**
 * A known org's popup in one script (#33 item 4). Each extension file Chromium serves is one more load on a browser
 * thread before the popup's code runs: its entry, the polyfill's chunk, the app and the UI chunk (4 files, all
 * preloaded) showed the org 8 ms later warm than the same code in one file (median of 21, interleaved in one
 * Chromium, docs/figures.md). The popup's script is bundled a second time on its own: first to learn what a known
 * org's popup runs (the entry's static imports and the app it imports at once, `app`, with theirs), then with all of
 * it in the entry's file; the forms and panels loaded when shown stay chunks of their own, which import Preact and
 * the rest from that file. The page is pointed at it; the first pass's popup chunks, which nothing loads any more,
 * are pruned with the worker's (singleFileWorker runs after this plugin).
 */
export function singleFilePopup(sources: { page: string; entry: string; app: string; plugins: Plugin[] }): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  const bundle = async (groups?: { name: string; test: (id: string) => boolean }[]) => {
    const files = await bundleApart(root, sources.plugins, {
      input: { popup: resolve(root, sources.entry) },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        ...(groups && { codeSplitting: { groups } }),
      },
    });
    return files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
  };
  /** The modules of `chunk` and of every chunk it imports statically. */
  const modulesOf = (chunk: Rolldown.OutputChunk, chunks: Rolldown.OutputChunk[], into = new Set<string>()) => {
    for (const id of chunk.moduleIds) into.add(id);
    for (const file of chunk.imports) modulesOf(chunks.find((c) => c.fileName === file)!, chunks, into);
    return into;
  };
  return {
    name: 'single-file-popup',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const first = await bundle();
        const entry = first.find((c) => c.isEntry);
        const app = first.find((c) => c.moduleIds.includes(resolve(root, sources.app)));
        if (!entry || !app) throw new Error(`${sources.entry}: no entry chunk, or no chunk holding ${sources.app}`);
        const known = modulesOf(app, first, modulesOf(entry, first));
        const chunks = await bundle([{ name: 'popup', test: (id) => known.has(id) }]);
        const script = chunks.find((c) => c.isEntry);
        const missing = [...known].filter((id) => !script?.moduleIds.includes(id));
        if (!script || script.imports.length > 0 || missing.length > 0) {
          throw new Error(`${sources.entry}: a known org's popup needs more than its script: ${missing.join(', ')}`);
        }
        for (const chunk of chunks) writeFileSync(join(outDir, chunk.fileName), chunk.code);
        const pagePath = join(outDir, sources.page);
        const html = readFileSync(pagePath, 'utf8');
        const scriptTag = /<script type="module"[^>]*\ssrc="\/[^"]+\.js"[^>]*><\/script>/;
        if (!scriptTag.test(html)) throw new Error(`${sources.page}: no module script to point at ${script.fileName}`);
        writeFileSync(
          pagePath,
          html
            .replace(scriptTag, `<script type="module" src="/${script.fileName}"></script>`)
            .replace(/\s*<link rel="modulepreload"[^>]*>/g, ''),
        );
      },
    },
  };
}

// The popup's stylesheet inside its HTML (#33 item 4). Chromium serves an extension's CSS file through its words
// catalogue: in a new renderer a blocking call to the browser (20-40 ms traced) that, linked from the page, held
// the scripts back; linked by the script once it had sent its message, the file still took 15-20 ms to arrive
// before the first paint. A <style> in the page costs neither (no style-src in the extension's CSP: allowed). The
// settings page keeps the file. In development the sheet is read from the source.
export function inlinePopupStyle(page = 'src/popup/index.html', sheet = 'src/ui/theme.css'): Plugin {
  return {
    name: 'inline-popup-style',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.filename.replaceAll('\\', '/').endsWith(page)) return undefined;
        // Comments and indentation out (the sheet quotes only font names and attribute values, never a "/*").
        const css = readFileSync(resolve(sheet), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,])\s*/g, '$1')
          .trim();
        return [{ tag: 'style', children: css, injectTo: 'head' as const }];
      },
    },
  };
}

// The worker as one file (#33 item 4). A service worker starts on every popup after 30 s idle, and each module it
// imports is one more fetch before its code runs: the shared build gave it a loader and ten chunks (the polyfill, the
// words, the vault and clients the settings page also loads, ...), five deep. Here the worker's entry is bundled a
// second time on its own, every import inlined, and the manifest points at that file; the pages keep their chunks.
// Files the pages never load (the old loader and the chunks only the worker used) are removed from the build.
interface Manifest {
  background: { service_worker: string; scripts?: string[]; type?: string };
}

/** The JS files a page or the worker loads: each HTML page's scripts, then every file they import, statically or not. */
export function reachableScripts(dist: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/["'`]\.\/([\w./-]+\.js)["'`]/g)) visit(join(file, '..', m[1]!));
  };
  for (const entry of entries) visit(entry);
  return seen;
}

function htmlPages(dir: string, dist: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return htmlPages(path, dist);
    return d.name.endsWith('.html') ? [relative(dist, path)] : [];
  });
}

/** The scripts each HTML page of the build names (`src="/assets/…js"`), as paths inside dist. */
function pageScripts(dist: string): string[] {
  return htmlPages(dist, dist).flatMap((page) =>
    [...readFileSync(join(dist, page), 'utf8').matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g)].map((m) => m[1]!),
  );
}

/** What the worker's files are built from (paths from the project's root). */
interface WorkerSources {
  /** The worker's entry: everything it runs at each start. */
  entry: string;
  /** The capabilities it loads when first asked (background/extras.ts), a script of their own. */
  extras: string;
  /**
   * The modules the worker reaches its extras through, as the source has them (an `import()`, which a service worker
   * cannot do), each with the built worker's own, which loads the extras' script.
   */
  loaders: { source: string; built: string }[];
  plugins: Plugin[];
}

/**
 * Whether a module must be one instance for the worker and its extras: the polyfill, and any module with a class (an
 * error thrown by a copy would fail the worker's `instanceof`) or with state of its own at its top (a `let`, a `new`,
 * a value a call made: storage items, the vault's session, the clients and their caches). Anything else (functions,
 * constants, re-exports) the extras may copy, which keeps out of the worker what only the extras use.
 */
function holdsState(id: string): boolean {
  if (!/\.ts$/.test(id)) return !/[\\/]crypto-js[\\/]/.test(id);
  const code = readFileSync(id, 'utf8');
  return (
    /^(export\s+)?(abstract\s+)?(class|let|var)\s/m.test(code) ||
    /^(export\s+)?const\s+\w+(\s*:[^=]+)?\s*=\s*(new\s|[\w.]+(<[^=]*>)?\()/m.test(code)
  );
}

/**
 * The names a module's source imports (or re-exports) from `source`: `['*']` for a namespace, none for a type-only
 * import. The sources are TypeScript as Biome formats it: one `import … from '…';` statement each.
 */
export function importedNames(code: string, source: string): string[] {
  const quoted = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names: string[] = [];
  for (const m of code.matchAll(
    new RegExp(`(?:^|\\n)\\s*(?:import|export)\\s+(type\\s+)?([^;]*?)\\s*from\\s*'${quoted}'`, 'g'),
  )) {
    if (m[1]) continue;
    const clause = m[2]!;
    if (/\*/.test(clause)) return ['*'];
    const braces = /\{([^}]*)\}/.exec(clause);
    if (/^\s*[A-Za-z_$][\w$]*\s*(,|$)/.test(clause)) names.push('default');
    for (const part of braces?.[1]?.split(',') ?? []) {
      const name = part.trim();
      if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0]!);
    }
  }
  return names;
}

/** The global the extras' script defines, and the one it takes the worker's modules from. */
const EXTRAS_GLOBAL = '__cmExtras';
const SHARED_GLOBAL = '__cmShared';
const SHARED_ENTRY = '\0worker-with-shared-modules';

/**
 * The worker in two classic scripts (#33 item 4): what it runs at each start, and its extras, the settings page's
 * capabilities it loads when first asked (see messaging/load-extras.sw.ts for how, in Chromium and Firefox). The
 * extras never hold a copy of a module the worker has: each import of one is left out of their script and taken from
 * the worker's own instance, which the worker hands over as `globalThis.__cmShared` (storage, the vault's session,
 * the API clients and their nonce caches are one each). Built in three passes: the worker, to learn its modules;
 * the extras, with those modules outside; the worker again, handing over the ones the extras named.
 */
export function singleFileWorker(sources: WorkerSources): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  // A module's key in the worker's table: its path from the root, as an identifier.
  const sharedKey = (id: string) => relative(root, id).replace(/[^A-Za-z0-9]/g, '_');

  const bundle = async (input: string, output: Rolldown.OutputOptions, plugins: Plugin[], extrasFile = '') => {
    const files = await bundleApart(
      root,
      [...sources.plugins, ...plugins],
      // Strict: the extras' exports are what the worker calls (Vite drops an app entry's exports otherwise).
      { input, preserveEntrySignatures: 'strict', output: { ...output, codeSplitting: false } },
      { __CM_EXTRAS_FILE__: JSON.stringify(extrasFile) },
    );
    const chunk = files[0];
    if (files.length !== 1 || chunk?.type !== 'chunk') {
      throw new Error(`${input} bundled into ${files.map((f) => f.fileName).join(', ')}: expected one script`);
    }
    // `WORKER_MODULES=1 npm run build`: each module's share of the worker and of its extras, before minifying.
    if (process.env.WORKER_MODULES) {
      const rows = Object.entries(chunk.modules).map(([id, m]) => [m.renderedLength, relative(root, id)] as const);
      for (const [n, id] of rows.sort((a, b) => b[0] - a[0])) process.stdout.write(`${input}\t${n}\t${id}\n`);
    }
    return chunk;
  };

  // The built worker reaches its extras through its own loader, never through an import() of them.
  const builtLoader: Plugin = {
    name: 'worker-extras-loader',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const loader = sources.loaders.find((l) => resolved?.id === resolve(root, l.source));
      return loader ? resolve(root, loader.built) : undefined;
    },
  };
  // Each module handed over gives the names the extras import from it (`*` where an extras module takes the whole
  // namespace).
  const worker = (shared: { id: string; names: string[] }[], extrasFile: string) => {
    const withShared: Plugin = {
      name: 'worker-shared-modules',
      resolveId: (id) => (id === SHARED_ENTRY ? id : undefined),
      load(id) {
        if (id !== SHARED_ENTRY) return undefined;
        const lines = [`import ${JSON.stringify(resolve(root, sources.entry))};`];
        const table = shared.map(({ id: module, names }, i) => {
          if (names.includes('*')) {
            lines.push(`import * as m${i} from ${JSON.stringify(module)};`);
            return `${sharedKey(module)}: m${i}`;
          }
          const local = names.map((name, j) => `${name === 'default' ? 'default' : name} as m${i}_${j}`);
          lines.push(`import { ${local.join(', ')} } from ${JSON.stringify(module)};`);
          // Values, not getters: every export is a const or a function (none is reassigned), set by now.
          // A default export (the polyfill's) is handed over as itself: the extras read an external's default
          // import as the whole value they are given (Node's interop).
          if (names.includes('default')) {
            if (names.length > 1) throw new Error(`${module}: the extras import its default export and others`);
            return `${sharedKey(module)}: m${i}_0`;
          }
          const values = names.map((name, j) => `${JSON.stringify(name)}: m${i}_${j}`);
          return `${sharedKey(module)}: { ${values.join(', ')} }`;
        });
        return `${lines.join('\n')}\nglobalThis.${SHARED_GLOBAL} = { ${table.join(',\n')} };\n`;
      },
    };
    return bundle(
      SHARED_ENTRY,
      { format: 'iife', entryFileNames: 'assets/worker-[hash].js' },
      [builtLoader, withShared],
      extrasFile,
    );
  };

  return {
    name: 'single-file-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    // The pages' pass bundles no worker code: bundled there, every module the worker shares with a page became a
    // chunk of its own on that page's path (one more file to load), for a worker chunk this plugin throws away.
    load(id) {
      return id === resolve(root, sources.entry) ? 'export {};' : undefined;
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        // The extras leave out every module the worker holds. Handing one over can bring into the worker a module
        // it did not need itself (an export only the extras use imports it): then the extras leave that one out
        // too, until the worker's modules stay the same.
        const workerModules = new Set((await worker([], '')).moduleIds);
        for (let round = 1; ; round++) {
          const { main, extras } = await split(workerModules);
          const added = main.moduleIds.filter((id) => id !== SHARED_ENTRY && !workerModules.has(id));
          if (added.length === 0) return finish(main, extras);
          if (round === 5) throw new Error(`the worker's modules do not settle: ${added.join(', ')}`);
          for (const id of added) workerModules.add(id);
        }
      },
    },
  };

  async function split(workerModules: Set<string>) {
    const handedOver = new Map<string, string>();
    const bindings = new Map<string, Set<string>>();
    const outside: Plugin = {
      name: 'worker-modules-outside-extras',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (!resolved || !workerModules.has(resolved.id) || !holdsState(resolved.id)) return undefined;
        // Handed over as values (see the worker's table): an export that could be reassigned cannot be.
        if (/\.ts$/.test(resolved.id) && /^export\s+(let|var)\s/m.test(readFileSync(resolved.id, 'utf8'))) {
          throw new Error(`${resolved.id} exports a variable the extras would not see change: export a function`);
        }
        // Named by its key, not its path: the bundler would write a path relative to the extras' file.
        handedOver.set(sharedKey(resolved.id), resolved.id);
        const names = importer ? importedNames(readFileSync(importer, 'utf8'), source) : ['*'];
        for (const name of names) bindings.set(resolved.id, (bindings.get(resolved.id) ?? new Set()).add(name));
        return { id: sharedKey(resolved.id), external: true };
      },
    };
    const extras = await bundle(
      resolve(root, sources.extras),
      {
        format: 'iife',
        name: EXTRAS_GLOBAL,
        entryFileNames: 'assets/worker-extras-[hash].js',
        globals: (key) => `${SHARED_GLOBAL}.${key}`,
      },
      [outside],
    );
    const shared = extras.imports.map((key) => handedOver.get(key) ?? key).sort();
    const main = await worker(
      shared.map((id) => ({ id, names: [...(bindings.get(id) ?? ['*'])].sort() })),
      extras.fileName,
    );
    return { main, extras };
  }

  function finish(main: Rolldown.OutputChunk, extras: Rolldown.OutputChunk) {
    for (const file of [main, extras]) writeFileSync(join(outDir, file.fileName), file.code);

    const manifestPath = join(outDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const { type: _module, ...background } = manifest.background;
    // Chrome's service_worker is the worker alone; Firefox's event page runs both, the worker first.
    manifest.background = {
      ...background,
      service_worker: main.fileName,
      scripts: [main.fileName, extras.fileName],
    };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    // What nothing loads any more goes: the loader, the worker's old chunk and chunks only it imported.
    const kept = reachableScripts(outDir, [main.fileName, extras.fileName, ...pageScripts(outDir)]);
    const scripts = [
      ...readdirSync(outDir).filter((f) => f.endsWith('.js')),
      ...readdirSync(join(outDir, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `assets/${f}`),
    ];
    for (const file of scripts) if (!kept.has(file)) rmSync(join(outDir, file));
  }
}

export default defineConfig({
  oxc: JSX,
  plugins: [
    noPreloadHelper(),
    inlinePopupStyle(),
    polyfillAsModule(),
    crx({ manifest: manifest as never }),
    finishManifest(),
    // Before the worker's: its pruning removes the pages' chunks only the popup's first pass loaded.
    singleFilePopup({
      page: 'src/popup/index.html',
      entry: 'src/popup/main.tsx',
      app: 'src/popup/mount.tsx',
      plugins: [noPreloadHelper(), polyfillAsModule()],
    }),
    singleFileWorker({
      entry: manifest.background.service_worker,
      extras: 'src/background/extras.ts',
      loaders: [
        { source: 'src/background/messaging/load-extras.ts', built: 'src/background/messaging/load-extras.sw.ts' },
        { source: 'src/background/api/oauth-loader.ts', built: 'src/background/api/oauth-loader.sw.ts' },
      ],
      plugins: [polyfillAsModule()],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      output: {
        // Fewer files on the pages' paths (#33 item 4): each extension file Chromium serves costs its own load on a
        // browser thread (5 to 10 ms each here, traced), more than the bytes do. The worker and the known org's popup
        // are bundled apart (singleFileWorker, singleFilePopup), so these chunks serve the settings page and the
        // popup's first pass: the polyfill and the one way to reach the worker in one chunk, the UI pieces and words
        // in another.
        codeSplitting: {
          groups: [
            {
              name: 'browser-polyfill',
              test: /node_modules\/webextension-polyfill\/|src\/shared\/(send|messages)\.ts$|vite\/preload-helper\.js$/,
              priority: 2,
            },
            {
              name: 'ui',
              test: /node_modules\/preact\/(dist|hooks|jsx-runtime)\/|src\/ui\/(CopyIp|Notice|PasswordField|ActionOutcome|relink-state|use-vault-state-notice|LinkTokenForm|ProfileSelect)\.tsx?$|src\/shared\/(text\/(plural|i18n|org-label|error-words|error-text|keys|status-text)\.ts|vault-notice\.ts)$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
