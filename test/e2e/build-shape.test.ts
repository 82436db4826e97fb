// The build's shape that the popup's speed rests on (#33 item 4): the worker is one file that imports nothing (each
// module a service worker imports is one more fetch on every cold start) and holds only what it needs at each start
// (the rest is its extras, a second script it loads when first asked), the popup reaches its first message through
// its entry and one chunk, and the package holds no script that nothing loads.
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

  it("loads at most 4 scripts before a known org's popup shows it: the entry, the polyfill's chunk, the app, the UI", () => {
    expect(popupLoadedFiles(DIST).length).toBeLessThanOrEqual(4);
  });

  it("names in the popup's HTML every other script a known org's popup runs, so the browser asks for all at once", () => {
    const html = readFileSync(join(DIST, 'src/popup/index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="\/([^"]+)"/g)].map((m) => m[1]!);
    const [entry, ...others] = popupLoadedFiles(DIST).map((file) => relative(DIST, file));
    expect(html).toContain(`src="/${entry}"`);
    expect(preloaded.sort()).toEqual(others.sort());
  });
});
