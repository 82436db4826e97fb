// The build's shape that the popup's speed rests on (#33 item 4): the worker is one file that imports nothing (each
// module a service worker imports is one more fetch on every cold start) and holds only what it needs at each start
// (the rest is its extras, a second script it loads when first asked), a known org's popup is one script (each file
// Chromium serves an extension page is one more load before its code runs), and the package holds no script that
// nothing loads.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableScripts } from '../../vite.config.ts';
import { popupLoadedFiles } from '../bench/popup-loaded.ts';
import { bundleEntries } from '../bench/sizes.ts';
import { DIST } from './harness.ts';

/** A path to another script of the build, as an import (static or not) names it in minified code. */
const SCRIPT_PATH = /["'`]\.\.?\/[\w./-]+\.js["'`]/;

describe('the built extension', () => {
  it('runs its worker from one classic script that imports nothing, and its extras from a second one', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
    const worker: string = manifest.background.service_worker;
    // Chrome's worker is the one script; Firefox's event page runs the worker's, then the extras'.
    expect(manifest.background.scripts).toHaveLength(2);
    expect(manifest.background.scripts[0]).toBe(worker);
    const extrasFile: string = manifest.background.scripts[1];
    expect(extrasFile).toMatch(/^assets\/worker-extras-[\w-]+\.js$/);
    // Classic: only a classic service worker may importScripts its extras.
    expect(manifest.background.type).toBeUndefined();
    const code = readFileSync(join(DIST, worker), 'utf8');
    const extras = readFileSync(join(DIST, extrasFile), 'utf8');
    for (const script of [code, extras]) {
      expect(script.match(SCRIPT_PATH)?.[0]).toBeUndefined();
      expect(script).not.toMatch(/^\s*(import|export)\b/m);
    }
    // The worker's own code is in it (its router), and it loads the extras by their file; the extras' code is not
    // (a backup's format is written by the extras' backup export only).
    expect(code).toContain('context/get');
    expect(code).toContain(`/${extrasFile}`);
    expect(code).not.toContain('cm-atlas-link-vault-backup');
    expect(extras).toContain('cm-atlas-link-vault-backup');
    expect(extras).toMatch(/^var __cmExtras\s*=/);
    expect(bundleEntries(DIST).find((e) => e.name === 'worker')?.files).toHaveLength(1);
  });

  it('holds no script that neither a page nor the worker loads', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
    const pages = ['src/popup/index.html', 'src/options/index.html'];
    const entries = pages.flatMap((page) =>
      [...readFileSync(join(DIST, page), 'utf8').matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g)].map((m) => m[1]!),
    );
    const reachable = reachableScripts(DIST, [...manifest.background.scripts, ...entries]);
    const scripts = [
      ...readdirSync(DIST).filter((f) => f.endsWith('.js')),
      ...readdirSync(join(DIST, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `assets/${f}`),
    ];
    expect(scripts.filter((f) => !reachable.has(f))).toEqual([]);
  });

  it("loads one script before a known org's popup shows it, holding the first message and the org's panel", () => {
    const files = popupLoadedFiles(DIST);
    expect(files.map((file) => relative(DIST, file))).toEqual([expect.stringMatching(/^assets\/popup-[\w-]+\.js$/)]);
    const script = readFileSync(files[0]!, 'utf8');
    // main.tsx's first message, and OrgPanel's mark: the app main.tsx imports once it has sent is in the same file.
    expect(script).toContain('context/get');
    expect(script).toContain('atlas-link:org-shown');
    // The forms load when shown: their chunks take Preact and the rest from this file, so there is one of each.
    expect(script).toMatch(/import\(\s*[`"']\.\/SetupForm-[\w-]+\.js[`"']\s*\)/);
  });

  it("names that script alone in the popup's HTML, with nothing to preload", () => {
    const html = readFileSync(join(DIST, 'src/popup/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="\/([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(popupLoadedFiles(DIST).map((file) => relative(DIST, file)));
    expect(html).not.toContain('modulepreload');
  });

  it("loads each form's chunk against the popup's own script: one Preact, one polyfill", () => {
    const [script] = popupLoadedFiles(DIST).map((file) => relative(DIST, file).replace(/^assets\//, ''));
    const setup = readdirSync(join(DIST, 'assets')).find(
      (f) => /^SetupForm-[\w-]+\.js$/.test(f) && readFileSync(join(DIST, 'assets', f), 'utf8').includes(`./${script}`),
    );
    expect(setup).toBeDefined();
  });
});
