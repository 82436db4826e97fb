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
 */
export function polyfillAsModule(): Plugin {
  return {
    name: 'webextension-polyfill-as-module',
    transform(code, id) {
      if (!/[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill\.js$/.test(id)) return undefined;
      const factory = code.indexOf('function (module) {');
      const end = /\}\);\s*(\/\/# sourceMappingURL=\S*\s*)?$/.exec(code);
      if (factory < 0 || !end) throw new Error('webextension-polyfill: unexpected UMD shape; check polyfillAsModule');
      const body = code.slice(factory, end.index + 1);
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

export function singleFileWorker(options: { entry: string; plugins: Plugin[] }): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'single-file-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const result = await build({
          configFile: false,
          root,
          logLevel: 'warn',
          plugins: options.plugins,
          build: {
            write: false,
            target: 'chrome116',
            sourcemap: false,
            modulePreload: false,
            copyPublicDir: false,
            rolldownOptions: {
              input: options.entry,
              output: { format: 'es', codeSplitting: false, entryFileNames: 'assets/worker-[hash].js' },
            },
          },
        });
        const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
        const files = outputs.flatMap((o) => o.output);
        const chunks = files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
        if (chunks.length !== 1 || files.length !== 1) {
          throw new Error(`the worker bundled into ${files.map((f) => f.fileName).join(', ')}: expected one file`);
        }
        const worker = chunks[0]!;
        writeFileSync(join(outDir, worker.fileName), worker.code);

        const manifestPath = join(outDir, 'manifest.json');
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
        manifest.background = { ...manifest.background, service_worker: worker.fileName, scripts: [worker.fileName] };
        writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

        // What nothing loads any more goes: the loader, the worker's old chunk and chunks only it imported.
        const kept = reachableScripts(outDir, [worker.fileName, ...pageScripts(outDir)]);
        const scripts = [
          ...readdirSync(outDir).filter((f) => f.endsWith('.js')),
          ...readdirSync(join(outDir, 'assets'))
            .filter((f) => f.endsWith('.js'))
            .map((f) => `assets/${f}`),
        ];
        for (const file of scripts) if (!kept.has(file)) rmSync(join(outDir, file));
      },
    },
  };
}

export default defineConfig({
  // Never the development JSX runtime, whatever NODE_ENV the shell (or Vitest's `test`) passes: it embeds each
  // component's absolute path, and a store reviewer's rebuild in another folder would differ from the package.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  plugins: [
    noPreloadHelper(),
    polyfillAsModule(),
    crx({ manifest: manifest as never }),
    finishManifest(),
    singleFileWorker({ entry: manifest.background.service_worker, plugins: [polyfillAsModule()] }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      output: {
        // Fewer files on the popup's path (#33 item 4): each extension file Chromium serves costs its own load on a
        // browser thread (5 to 10 ms each here, traced), more than the bytes do. The worker is bundled apart
        // (singleFileWorker), so these chunks serve the two pages only: what main.tsx needs to send its first
        // message in one chunk, the UI pieces and words both pages load at once in another. A known org's popup
        // loads 4 scripts (it was 6, and 8 before): its entry, that chunk, the app (mount) and the UI chunk.
        codeSplitting: {
          groups: [
            // What main.tsx needs to send its first message: the polyfill and the one way to reach the worker.
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
