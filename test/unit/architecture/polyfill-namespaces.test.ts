// The polyfill's API table is cut to the namespaces the extension calls (vite.config.ts, polyfillAsModule). A
// namespace the code calls that the table lists but the cut drops would reach Chromium's object unwrapped: this
// finds every `browser.<namespace>` and `polyfill.<namespace>` in src/ and holds the list to them; and the cut
// polyfill, run against a callback-style `chrome`, still answers promises for what it kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutApiMetadata, POLYFILL_NAMESPACES, polyfillAsModule } from '../../../vite.config.ts';

const POLYFILL = 'node_modules/webextension-polyfill/dist/browser-polyfill.js';
const source = readFileSync(POLYFILL, 'utf8');
const fullTable = (): Record<string, unknown> => {
  const table = /const apiMetadata = (\{[\s\S]*?\n {6}\});/.exec(source);
  return JSON.parse(table![1]!) as Record<string, unknown>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** What the test calls of the polyfill's `browser`. */
interface Api {
  storage: { local: { get(keys: string): Promise<unknown> } };
  action: { setBadgeText(details: object): Promise<unknown> };
}

/** The transformed polyfill run as a function of `globalThis.chrome`, the way a bundle runs it. */
function runPolyfill(chrome: unknown): Api {
  const plugin = polyfillAsModule() as { transform: (code: string, id: string) => { code: string } };
  const { code } = plugin.transform(source, `/x/${POLYFILL}`);
  const body = code.replace('export default polyfill.exports;', 'return polyfill.exports;');
  const saved = (globalThis as { chrome?: unknown }).chrome;
  (globalThis as { chrome?: unknown }).chrome = chrome;
  try {
    return new Function(body)();
  } finally {
    (globalThis as { chrome?: unknown }).chrome = saved;
  }
}

describe('the polyfill cut to the namespaces the extension calls', () => {
  it('keeps every namespace of its table that src/ calls', () => {
    const listed = Object.keys(fullTable());
    const called = new Set<string>();
    for (const file of filesUnder('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:browser|polyfill)\.([a-zA-Z]+)\b/g)) {
        if (listed.includes(m[1]!)) called.add(m[1]!);
      }
    }
    expect(called.size).toBeGreaterThan(3);
    expect([...called].filter((n) => !POLYFILL_NAMESPACES.includes(n))).toEqual([]);
  });

  it('keeps those namespaces exactly, and refuses one its table does not have', () => {
    const cut = cutApiMetadata(source, POLYFILL_NAMESPACES);
    const table = /const apiMetadata = (\{.*?\});/.exec(cut);
    expect(Object.keys(JSON.parse(table![1]!))).toEqual(POLYFILL_NAMESPACES);
    expect(cut.length).toBeLessThan(source.length - 10_000);
    expect(() => cutApiMetadata(source, ['storage', 'teleport'])).toThrow(/teleport/);
    expect(() => cutApiMetadata('const x = 1;', ['storage'])).toThrow(/apiMetadata/);
  });

  it("wraps a kept namespace's callbacks in promises and hands another over as Chromium's own", async () => {
    const ownAction = { setBadgeText: () => Promise.resolve('native') };
    const chrome = {
      runtime: { id: 'test', lastError: undefined },
      storage: { local: { get: (_keys: unknown, done: (items: unknown) => void) => done({ a: 1 }) } },
      action: ownAction,
    };
    const browser = runPolyfill(chrome);
    await expect(browser.storage.local.get('a')).resolves.toEqual({ a: 1 });
    await expect(browser.action.setBadgeText({ text: '' })).resolves.toBe('native');
  });
});
