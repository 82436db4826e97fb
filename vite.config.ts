import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
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

export default defineConfig({
  // Never the development JSX runtime, whatever NODE_ENV the shell (or Vitest's `test`) passes: it embeds each
  // component's absolute path, and a store reviewer's rebuild in another folder would differ from the package.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  plugins: [polyfillAsModule(), crx({ manifest: manifest as never }), finishManifest()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      output: {
        // Fewer files on the popup's path (#33 item 4): each extension file Chromium serves costs its own load on a
        // browser thread (5 to 10 ms each here, traced), more than the bytes do. The UI pieces the popup and the
        // settings page both load at once go in one chunk (they were three), the polyfill and the shared words
        // each keep theirs (the worker loads them too, never the UI). Measured: the popup's app loaded 23-25 ms
        // after its first message instead of 31-35; org shown, warm, median of 7, 92-99 ms instead of 107-109.
        codeSplitting: {
          groups: [
            { name: 'browser-polyfill', test: /node_modules\/webextension-polyfill\//, priority: 3 },
            {
              name: 'text',
              test: /src\/shared\/(text\/(plural|i18n|org-label|error-words|error-text|keys|status-text)\.ts|vault-notice\.ts)$/,
              priority: 2,
            },
            {
              name: 'ui',
              test: /node_modules\/preact\/(dist|hooks|jsx-runtime)\/|src\/ui\/(CopyIp|Notice|PasswordField|ActionOutcome|focus|ConfirmQuestion|ConfirmRelink|use-vault-state-notice|LinkTokenForm|ProfileSelect)\.tsx?$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
